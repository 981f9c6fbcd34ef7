import type { IncomingHttpHeaders } from 'node:http';

/** The event CloudBase's HTTP access service gives a function (集成请求). */
export interface HttpAccessEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string>;
  multiValueQueryStringParameters: Record<string, string[]>;
  requestContext: { requestId: string; envId: string; appId: number; uin: number };
  body: string;
  isBase64Encoded: boolean;
}

/** 'auto': text bodies as text, binary ones base64 (as the platform); 'base64': always base64. */
export type BodyEncoding = 'auto' | 'base64';

const TEXT_TYPES =
  /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|[^;]*\+json|[^;]*\+xml)/i;

export function isTextual(contentType: string | undefined, body: Buffer): boolean {
  if (contentType) return TEXT_TYPES.test(contentType.trim());
  return body.length === 0;
}

export function buildHttpEvent(input: {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  envId: string;
  encoding: BodyEncoding;
}): HttpAccessEvent {
  const url = new URL(input.url, 'http://localhost');
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(', ');
    multiValueHeaders[name] = values;
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) {
    query[key] = value;
    (multiQuery[key] ??= []).push(value);
  }
  const asText = input.encoding === 'auto' && isTextual(headers['content-type'], input.body);
  return {
    path: url.pathname,
    httpMethod: input.method.toUpperCase(),
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiQuery,
    requestContext: { requestId: input.requestId, envId: input.envId, appId: 0, uin: 0 },
    body: asText ? input.body.toString('utf8') : input.body.toString('base64'),
    isBase64Encoded: !asText,
  };
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How the platform turns a function's return value into the HTTP response (集成响应):
 * string/number -> text/plain; `{ statusCode, headers, body, isBase64Encoded }` -> as given;
 * any other value -> JSON.
 */
export function httpReplyFor(result: unknown): HttpReply {
  if (result === undefined || result === null) {
    return {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: Buffer.alloc(0),
    };
  }
  if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') {
    return {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: Buffer.from(String(result), 'utf8'),
    };
  }
  if (isRecord(result) && typeof result.statusCode === 'number') {
    const headers: Record<string, string> = {};
    if (isRecord(result.headers)) {
      for (const [name, value] of Object.entries(result.headers))
        headers[name.toLowerCase()] = String(value);
    }
    const raw = result.body;
    let body: Buffer;
    if (raw === undefined || raw === null) body = Buffer.alloc(0);
    else if (typeof raw === 'string')
      body = Buffer.from(raw, result.isBase64Encoded ? 'base64' : 'utf8');
    else {
      body = Buffer.from(JSON.stringify(raw), 'utf8');
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    return { status: result.statusCode, headers, body };
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(result), 'utf8'),
  };
}

/** The configured access path serving `pathname`: exact, or the longest prefix at a `/`. */
export function matchRoute(routes: Record<string, string>, pathname: string): string | undefined {
  let best: string | undefined;
  for (const route of Object.keys(routes)) {
    const base = route === '/' ? '' : route.replace(/\/+$/, '');
    const matches = pathname === base || pathname.startsWith(`${base}/`) || route === '/';
    if (matches && (best === undefined || route.length > best.length)) best = route;
  }
  return best === undefined ? undefined : routes[best];
}
