import { amountDue } from '../../../core/parking/amount-due';
import type { Gate } from '../../../core/parking/gate';
import { MAY_LEAVE_TEXT, closedWindowOpen, mayLeave } from '../../../core/parking/may-leave';
import { type Session, openCalls, parkingStart } from '../../../core/parking/session';
import { validatePlate } from '../../../core/plate/classify';
import { AppError } from '../../api-kit/app-error';
import { applySessionEvent } from '../../cloud/session-cas';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import {
  type GateAuthFailure,
  checkGateSignature,
  readGateHeaders,
} from '../../gate-auth/gate-signature';
import { COLLECTIONS } from '../../store/collections';
import { fromRefusal } from '../app-errors';
import { resolveOpenCalls } from '../calls/execute';
import type { ParkingDeps } from '../deps';
import {
  type HttpAccessEvent,
  type HttpReply,
  MAX_BODY_BYTES,
  jsonReply,
  rawBody,
} from '../http/http-access';
import { newCallId } from '../ids';
import { loadGate, requireLotWithTariff } from '../places';
import { createSession } from '../services/create-session';
import { settleFreeze } from '../services/settle';
import { findClosedAtExit, findLiveByPlate, readSessionDoc } from '../session-store';
import { closeIfLeftUnseen } from '../services/supersede';
import {
  type GateRequest,
  MAX_EVENT_AGE_SECONDS,
  MAX_EVENT_AHEAD_SECONDS,
  gateRequestSchema,
} from './schemas';

/**
 * The endpoint of a lot's own controller (HTTP access path `/gate`): report an entry (opens a
 * session for the plate if it has none), report an exit, and ask whether a plate may leave.
 * Every call is authenticated per lot (server/gate-auth: HMAC over lot, timestamp, nonce and the
 * raw body; the timestamp checked against real time) and a nonce is accepted once: the insert of
 * `gate_nonces/<lotId>:<nonce>` fails for a replay. Bad input changes nothing.
 *
 * At an exit the driver who paid never waits: a pay still out is queried at once (protocol
 * note 9) and an entry prepay is settled from its freeze (finish feeType=9) when the gate asks.
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
};

const AUTH_TEXT: Record<GateAuthFailure, string> = {
  GATE_AUTH_MISSING: 'missing or malformed x-gate-* headers',
  GATE_AUTH_STALE: 'x-gate-timestamp is outside the allowed clock skew',
  GATE_AUTH_BAD_SIGNATURE: 'x-gate-signature does not match',
  GATE_AUTH_UNKNOWN_LOT: 'no gate secret for this lot',
};

function errorReply(error: AppError): HttpReply {
  const body: { code: string; message: string; details?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.details !== undefined) body.details = error.details;
  return jsonReply(STATUS[error.code] ?? 409, { ok: false, error: body });
}

interface LotSecretDoc {
  _id: string;
  secret: string;
}

async function authenticate(deps: ParkingDeps, event: HttpAccessEvent, body: string) {
  const auth = readGateHeaders(event.headers ?? {});
  const fail = (code: GateAuthFailure) => new AppError(code, AUTH_TEXT[code]);
  if (!auth) throw fail('GATE_AUTH_MISSING');
  const secret = await deps.db.collection<LotSecretDoc>(COLLECTIONS.lotSecrets).get(auth.lotId);
  if (!secret?.secret) throw fail('GATE_AUTH_UNKNOWN_LOT');
  const realNow = Math.floor(Date.now() / 1000);
  const failure = checkGateSignature(auth, body, secret.secret, realNow);
  if (failure) throw fail(failure);
  const nonce = await deps.db
    .collection<{ _id: string; at: number }>(COLLECTIONS.gateNonces)
    .insert({ _id: `${auth.lotId}:${auth.nonce}`, at: realNow });
  if (nonce === 'duplicate') throw new AppError('GATE_REPLAY', 'this nonce was already used');
  return auth.lotId;
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

function checkPlate(plate: string): string {
  const checked = validatePlate(plate, { allowDerived: true });
  if (!checked.ok) throw new AppError('PLATE_INVALID', checked.message);
  return checked.plate;
}

function eventTime(at: number | undefined, now: number): number {
  if (at === undefined) return now;
  if (at > now + MAX_EVENT_AHEAD_SECONDS || at < now - MAX_EVENT_AGE_SECONDS) {
    throw new AppError('TIME_INVALID', 'at is too far from the current time');
  }
  return at;
}

async function gateOfLot(deps: ParkingDeps, lotId: string, gateId: string): Promise<Gate> {
  const gate = await loadGate(deps.db, gateId);
  if (!gate || gate.lotId !== lotId)
    throw new AppError('GATE_NOT_FOUND', 'no such gate in this lot');
  return gate;
}

function dueNow(session: Session, now: number): number | undefined {
  if (parkingStart(session) === undefined) return undefined;
  const computed = amountDue(session, now);
  return computed.ok ? computed.value.due : undefined;
}

/** Before a vehicle leaves: settle its freeze, or learn at once whether its pay went through. */
async function prepareExit(deps: ParkingDeps, doc: SessionDoc, now: number): Promise<SessionDoc> {
  const session = sessionOf(doc);
  if (openCalls(session).length > 0) return (await resolveOpenCalls(deps, doc._id)) ?? doc;
  if (session.state === 'frozen' || session.state === 'parked') {
    try {
      return (await settleFreeze(deps, doc._id, now, 'charge_due', 'exit', 'gate')).doc;
    } catch (error) {
      if (error instanceof AppError) return (await readSessionDoc(deps.db, doc._id)) ?? doc;
      throw error;
    }
  }
  return doc;
}

function sessionSummary(session: Session) {
  return { sessionId: session.id, state: session.state, plate: session.plate };
}

async function reportEntry(
  deps: ParkingDeps,
  lotId: string,
  gate: Gate,
  plate: string,
  at: number,
) {
  if (gate.kind !== 'entry')
    throw new AppError('WRONG_GATE', 'entries are reported at an entry gate');
  const existing = await findLiveByPlate(deps.db, lotId, plate);
  // Seen entering again: a paid or long-open session of the plate left unseen (未记录出场).
  if (existing && !(await closeIfLeftUnseen(deps, existing, at, 'gate'))) {
    return { ...sessionSummary(sessionOf(existing)), created: false };
  }
  const { lot, tariff } = await requireLotWithTariff(deps.db, lotId);
  const created = await createSession(deps, {
    lot,
    tariff,
    flow: 'exit_pay',
    plate,
    gateId: gate.id,
    now: at,
  });
  if (!created.created) {
    if (!created.holder) throw new AppError('BUSY', 'the plate is being registered, try again');
    return { ...sessionSummary(sessionOf(created.holder)), created: false };
  }
  return { ...sessionSummary(sessionOf(created.doc)), created: true };
}

async function askMayLeave(
  deps: ParkingDeps,
  lotId: string,
  gate: Gate,
  plate: string,
  now: number,
) {
  if (gate.kind !== 'exit') throw new AppError('WRONG_GATE', 'ask at an exit gate');
  const found = await findLiveByPlate(deps.db, lotId, plate);
  if (!found) {
    // Paid at this exit's code: closed at the scan, and the gate opens within its window.
    const closed = await findClosedAtExit(deps.db, lotId, plate, now);
    if (closed) {
      const session = sessionOf(closed);
      const verdict = mayLeave(session, now);
      return {
        ...sessionSummary(session),
        allowed: verdict.allowed,
        reason: verdict.reason,
        text: MAY_LEAVE_TEXT[verdict.reason],
        ...(session.mayLeaveUntil !== undefined && { mayLeaveUntil: session.mayLeaveUntil }),
      };
    }
    return { allowed: false, reason: 'not_inside', text: MAY_LEAVE_TEXT.not_inside };
  }
  const session = sessionOf(await prepareExit(deps, found, now));
  const due = dueNow(session, now);
  const verdict = mayLeave(session, now, due);
  return {
    ...sessionSummary(session),
    allowed: verdict.allowed,
    reason: verdict.reason,
    text: MAY_LEAVE_TEXT[verdict.reason],
    ...(due !== undefined && { due }),
    ...(session.mayLeaveUntil !== undefined && { mayLeaveUntil: session.mayLeaveUntil }),
  };
}

async function reportExit(deps: ParkingDeps, lotId: string, gate: Gate, plate: string, at: number) {
  if (gate.kind !== 'exit') throw new AppError('WRONG_GATE', 'exits are reported at an exit gate');
  const found = await findLiveByPlate(deps.db, lotId, plate);
  if (!found) {
    // Its exit was already recorded at the scan of this exit's code: the report confirms it.
    const closed = await findClosedAtExit(deps.db, lotId, plate, at);
    if (closed && closedWindowOpen(sessionOf(closed), at)) {
      return { ...sessionSummary(sessionOf(closed)), closed: true, flagged: closed.flagged };
    }
    throw new AppError('NOT_INSIDE', 'no live session for this plate in this lot');
  }
  await prepareExit(deps, found, at);
  const result = await applySessionEvent(deps.db, found._id, (session) => {
    const paidInGrace = session.state === 'paid' && at <= (session.mayLeaveUntil ?? 0);
    return {
      type: 'exit_reported',
      at,
      by: 'gate',
      amountDue: paidInGrace ? 0 : (dueNow(session, at) ?? 0),
    };
  });
  if (result.ok) {
    return {
      ...sessionSummary(result.session),
      closed: result.session.state === 'closed',
      flagged: result.session.flagged,
    };
  }
  // The vehicle is gone while its money is still moving (e.g. a settlement out): on record.
  await applySessionEvent(deps.db, found._id, (session) => ({
    type: 'anomaly_recorded',
    at,
    by: 'gate',
    code: 'left_unpaid',
    detail: `exit reported in state ${session.state} (${result.code})`,
  }));
  throw new AppError('EXIT_NOT_RECORDED', fromRefusal(result).message, { code: result.code });
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
    lotId = await authenticate(deps, event, body);
    request = parseBody(body);
    now = await deps.clock.now();
    const gate = await gateOfLot(deps, lotId, request.gateId);
    const plate = checkPlate(request.plate);
    let data: Record<string, unknown>;
    switch (request.type) {
      case 'entry':
        data = await reportEntry(deps, lotId, gate, plate, eventTime(request.at, now));
        break;
      case 'exit':
        data = await reportExit(deps, lotId, gate, plate, eventTime(request.at, now));
        break;
      case 'may_leave':
        data = await askMayLeave(deps, lotId, gate, plate, now);
        break;
    }
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
