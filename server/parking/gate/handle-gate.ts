import { AppError } from '../../api-kit/app-error';
import { COLLECTIONS } from '../../store/collections';
import type { ParkingDeps } from '../deps';
import {
  type HttpAccessEvent,
  type HttpReply,
  MAX_BODY_BYTES,
  jsonReply,
  rawBody,
} from '../http/http-access';
import { newCallId } from '../ids';
import { authenticateGate } from './authenticate';
import { type GateRequest, gateRequestSchema } from './schemas';
import { serveGate } from './serve-gate';

/**
 * The HTTP envelope of a lot's own controller (HTTP access path `/gate`): POST only, a bounded
 * body, authenticated per lot (authenticate.ts) before the body is parsed, then served by the
 * gate services (serve-gate.ts). Every refusal is a named code with its HTTP status; bad input
 * changes nothing. Each authenticated call is kept in `gate_events` with its result.
 */

const STATUS: Record<string, number> = {
  GATE_AUTH_MISSING: 401,
  GATE_AUTH_STALE: 401,
  GATE_AUTH_BAD_SIGNATURE: 401,
  GATE_AUTH_UNKNOWN_LOT: 401,
  GATE_REPLAY: 409,
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  INVALID_JSON: 400,
  INVALID_INPUT: 400,
  PLATE_INVALID: 400,
  TIME_INVALID: 400,
  GATE_NOT_FOUND: 404,
  NOT_INSIDE: 404,
  WRONG_GATE: 409,
  EXIT_NOT_RECORDED: 409,
  ENTRY_REFUSED: 403,
};

function errorReply(error: AppError): HttpReply {
  const body: { code: string; message: string; details?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.details !== undefined) body.details = error.details;
  return jsonReply(STATUS[error.code] ?? 409, { ok: false, error: body });
}

function parseBody(body: string): GateRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError('INVALID_JSON', 'the body must be JSON');
  }
  const parsed = gateRequestSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_INPUT',
      'the body does not match the gate request schema',
      parsed.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.message })),
    );
  }
  return parsed.data;
}

export async function handleGate(deps: ParkingDeps, event: HttpAccessEvent): Promise<HttpReply> {
  const eventsLog = deps.db.collection<Record<string, unknown> & { _id: string }>(
    COLLECTIONS.gateEvents,
  );
  let request: GateRequest | undefined;
  let lotId: string | undefined;
  let now = 0;
  const record = async (result: Record<string, unknown>) => {
    if (!request || !lotId) return;
    await eventsLog.insert({
      _id: newCallId('op', now, deps.random),
      lotId,
      gateId: request.gateId,
      type: request.type,
      plate: request.plate,
      at: 'at' in request && request.at !== undefined ? request.at : now,
      receivedAt: now,
      result,
    });
  };
  try {
    if ((event.httpMethod ?? '').toUpperCase() !== 'POST') {
      throw new AppError('METHOD_NOT_ALLOWED', 'POST only');
    }
    const body = rawBody(event);
    if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
      throw new AppError('BODY_TOO_LARGE', 'the body is too large');
    }
    lotId = await authenticateGate(deps, event, body);
    request = parseBody(body);
    now = await deps.clock.now();
    const data = await serveGate(deps, lotId, request, now);
    await record({ ok: true, ...data });
    return jsonReply(200, { ok: true, data });
  } catch (error) {
    if (error instanceof AppError) {
      await record({ ok: false, code: error.code }).catch(() => undefined);
      return errorReply(error);
    }
    deps.log.error('gate failed', {
      error: error instanceof Error ? error.message : String(error),
    });
    return jsonReply(500, { ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
  }
}
