import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../../devstack/http-kit';
import { OpenApiEmulator, SubscriptionError, subscriptionInput } from './openapi';
import { WireError, decodeRequestData, encodeJsonResponse } from './wire';

/**
 * `wx.openApi` requests of the SDK (wire.ts), and the emulator's own routes for people and the
 * preview: `GET /openapi/calls`, `GET /openapi/templates`, `POST /openapi/subscriptions`.
 */

/** Answers a `wx.openApi` form (fields by name): the protobuf answer, or an envelope error. */
export function answerOpenApiForm(
  openapi: OpenApiEmulator,
  fields: Map<string, Buffer>,
  origin: string | undefined,
  res: ServerResponse,
  requestId: string,
): void {
  const apiName = fields.get('apiName')?.toString('utf8') ?? '';
  const data = fields.get('requestData');
  let request;
  try {
    if (!/^[A-Za-z0-9_.]{1,100}$/.test(apiName) || !data) throw new WireError('missing apiName');
    request = decodeRequestData(data);
  } catch (error) {
    sendJson(res, 200, { requestId, code: 'INVALID_PARAM', message: (error as Error).message });
    return;
  }
  const reply = openapi.call(apiName, request.params, {
    ...(request.appid !== undefined && { appid: request.appid }),
    ...(origin !== undefined && { origin }),
  });
  const body = encodeJsonResponse(reply);
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': body.length,
  });
  res.end(body);
}

const callsQuery = z.object({
  touser: z.string().min(1).max(128).optional(),
  api: z.string().min(1).max(100).optional(),
  after: z.coerce.number().int().min(0).optional(),
});

/** The `/openapi/...` routes; false when `path` is not one of them. */
export async function serveOpenApiRoute(
  openapi: OpenApiEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  readJson: () => Promise<unknown>,
): Promise<boolean> {
  const route = url.pathname;
  if (!route.startsWith('/openapi/')) return false;
  if (route === '/openapi/calls' && req.method === 'GET') {
    const query = callsQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      sendJson(res, 400, { code: 'INVALID_PARAM', message: 'touser, api or after invalid' });
    } else {
      const filter = Object.fromEntries(
        Object.entries(query.data).filter(([, v]) => v !== undefined),
      );
      sendJson(res, 200, { calls: openapi.calls(filter) });
    }
    return true;
  }
  if (route === '/openapi/templates' && req.method === 'GET') {
    sendJson(res, 200, { templates: openapi.templates() });
    return true;
  }
  if (route === '/openapi/subscriptions' && req.method === 'POST') {
    let input;
    try {
      input = subscriptionInput.parse(await readJson());
    } catch {
      sendJson(res, 400, {
        code: 'INVALID_PARAM',
        message: 'expected { openid, results: { <templateId>: accept|reject|ban } }',
      });
      return true;
    }
    try {
      sendJson(res, 200, { ok: true, allowed: openapi.subscribe(input.openid, input.results) });
    } catch (error) {
      if (!(error instanceof SubscriptionError)) throw error;
      sendJson(res, 400, { code: 'INVALID_PARAM', message: error.message });
    }
    return true;
  }
  sendJson(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${route}` });
  return true;
}
