import type { PayInfo } from '../../../core/allinpay/responses';
import { refuse } from '../../../core/parking/result';
import { OPEN_CALL_STATUSES, type PlatformCall, findCall } from '../../../core/parking/session';
import type { AllinpayResult } from '../../allinpay-client';
import { type CasOptions, type EventFactory, applySessionEvent } from '../../cloud/session-cas';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { COLLECTIONS } from '../../store/collections';
import { fromRefusal } from '../app-errors';
import type { ParkingDeps } from '../deps';
import { loadLot } from '../places';
import { readSessionDoc } from '../session-store';
import { verdictAfterSend, type SendResult } from './outcomes';
import { verdictFromQuery } from './query-verdict';
import { buildCallRequest } from './requests';

/**
 * The I/O around platform calls. A call is always recorded first (a `*_requested` event applied
 * by compare-and-set), then sent once, then its answer applied; a call whose outcome is unknown is
 * resolved by query with the same reqsn before anything else (protocol note 4).
 */

export interface PaySheetDoc {
  _id: string;
  sessionId: string;
  openid?: string;
  payinfo: PayInfo;
  at: number;
}

const paySheets = (deps: ParkingDeps) => deps.db.collection<PaySheetDoc>(COLLECTIONS.paySheets);

export async function paySheetOf(deps: ParkingDeps, reqsn: string): Promise<PayInfo | undefined> {
  return (await paySheets(deps).get(reqsn))?.payinfo;
}

function isOpen(call: PlatformCall | undefined): call is PlatformCall {
  return call !== undefined && OPEN_CALL_STATUSES.includes(call.status);
}

async function splitFor(deps: ParkingDeps, lotId: string, call: PlatformCall) {
  if (call.kind !== 'pay' && call.kind !== 'finish') return [];
  return (await loadLot(deps.db, lotId))?.split ?? [];
}

/** Sends a recorded call once and applies what its answer means; returns the session as it ends. */
export async function sendRecordedCall(
  deps: ParkingDeps,
  doc: SessionDoc,
  callId: string,
): Promise<SessionDoc> {
  const session = sessionOf(doc);
  const call = findCall(session, callId);
  if (!call || call.status !== 'requested') return doc;
  const now = await deps.clock.now();
  const request = buildCallRequest(call, {
    session,
    identity: doc,
    split: await splitFor(deps, session.lotId, call),
    now,
  });
  let sent: SendResult;
  try {
    const client = deps.platform.client(doc.cusid);
    const result = (await client.call(request.endpoint, request.input)) as AllinpayResult;
    sent = { ok: true, result };
  } catch (error) {
    sent = { ok: false, error };
  }
  const answeredAt = await deps.clock.now();
  const verdict = verdictAfterSend(call, sent, answeredAt);
  deps.log.info('platform call', {
    sessionId: session.id,
    callId,
    kind: call.kind,
    reqsn: call.reqsn,
    verdict: verdict.event.type,
    ...('code' in verdict.event && { code: verdict.event.code }),
  });
  if (verdict.payinfo) {
    await paySheets(deps).set(call.reqsn, {
      sessionId: session.id,
      ...(session.openid && { openid: session.openid }),
      payinfo: verdict.payinfo,
      at: answeredAt,
    });
  }
  const applied = await applySessionEvent(deps.db, session.id, () => verdict.event);
  if (!applied.ok) {
    deps.log.warn('answer not applied', { sessionId: session.id, callId, code: applied.code });
  }
  let latest = applied.ok ? applied.doc : ((await readSessionDoc(deps.db, session.id)) ?? doc);
  if (verdict.mustQuery) latest = (await resolveCall(deps, session.id, callId)).doc ?? latest;
  return latest;
}

export interface Resolution {
  doc: SessionDoc | undefined;
  changed: boolean;
}

export interface ResolveOptions {
  /**
   * Reconcile: wait for the query's answer. Otherwise (an app, a gate, a camera asking) a query
   * unanswered by the gateway's askDeadlineMs leaves the call open: "not yet, ask again".
   */
  patient?: boolean;
}

/** Queries the platform for one open call and applies what the answer means (protocol note 9). */
export async function resolveCall(
  deps: ParkingDeps,
  sessionId: string,
  callId: string,
  options: ResolveOptions = {},
): Promise<Resolution> {
  const doc = await readSessionDoc(deps.db, sessionId);
  if (!doc) return { doc, changed: false };
  const call = findCall(sessionOf(doc), callId);
  if (!isOpen(call)) return { doc, changed: false };
  const now = await deps.clock.now();
  const senderDone =
    call.status !== 'requested' || now - call.requestedAt >= deps.platform.sendWindowSeconds;
  if (!senderDone) return { doc, changed: false };
  let result: AllinpayResult;
  try {
    const deadlineMs = options.patient ? undefined : deps.platform.askDeadlineMs;
    result = (await deps.platform
      .client(doc.cusid)
      .query(
        { reqsn: call.reqsn },
        deadlineMs === undefined ? {} : { deadlineMs },
      )) as AllinpayResult;
  } catch (error) {
    deps.log.warn('query failed', {
      sessionId,
      callId,
      error: error instanceof Error ? error.message : String(error),
    });
    return { doc, changed: false };
  }
  // A browser-flow pay has no sheet of ours: the payer's browser holds the platform's cashier.
  const hasPaySheet =
    (call.kind === 'pay' || call.kind === 'prepay') &&
    (call.browser === true || (await paySheetOf(deps, call.reqsn)) !== undefined);
  const nothing = refuse('NO_CHANGE', 'nothing to change');
  const factory: EventFactory = (current) => {
    const open = findCall(current, callId);
    if (!isOpen(open)) return nothing;
    return verdictFromQuery(current, open, result, { now, hasPaySheet, senderDone }) ?? nothing;
  };
  const applied = await applySessionEvent(deps.db, sessionId, factory);
  if (!applied.ok) {
    if (applied.code !== 'NO_CHANGE') {
      deps.log.warn('query answer not applied', { sessionId, callId, code: applied.code });
    }
    // Someone else (usually the notification) changed the session meanwhile: answer from what is
    // stored now, not from the copy read before the query, or a paid car waits one more ask.
    return { doc: (await readSessionDoc(deps.db, sessionId)) ?? doc, changed: false };
  }
  deps.log.info('query resolved', {
    sessionId,
    callId,
    trxstatus: result.trxstatus,
    event: applied.event.type,
    outcome: applied.outcome,
  });
  return { doc: applied.doc, changed: applied.outcome === 'applied' };
}

/** Resolves every open call of a session in turn; returns the session as it ends. */
export async function resolveOpenCalls(
  deps: ParkingDeps,
  sessionId: string,
  options: ResolveOptions = {},
): Promise<SessionDoc | undefined> {
  let doc = await readSessionDoc(deps.db, sessionId);
  if (!doc) return undefined;
  const open = sessionOf(doc).calls.filter(isOpen);
  for (const call of open) {
    const resolution = await resolveCall(deps, sessionId, call.id, options);
    doc = resolution.doc ?? doc;
  }
  return doc;
}

export interface StartedCall {
  doc: SessionDoc;
  /** 'already': the work was done or under way (nothing was sent again). */
  outcome: 'applied' | 'already';
  callId?: string;
}

/**
 * Records a call by compare-and-set and, when applied, sends it. A refusal becomes an AppError
 * with the machine's code and message; 'already' sends nothing (README: never call again).
 */
export async function recordAndSend(
  deps: ParkingDeps,
  sessionId: string,
  makeEvent: EventFactory,
  options: CasOptions = {},
): Promise<StartedCall> {
  const applied = await applySessionEvent(deps.db, sessionId, makeEvent, options);
  if (!applied.ok) throw fromRefusal(applied);
  if (applied.outcome === 'already') return { doc: applied.doc, outcome: 'already' };
  const callId = 'callId' in applied.event ? applied.event.callId : undefined;
  if (!callId || !findCall(applied.session, callId)) {
    return { doc: applied.doc, outcome: 'applied' };
  }
  const doc = await sendRecordedCall(deps, applied.doc, callId);
  return { doc, outcome: 'applied', callId };
}
