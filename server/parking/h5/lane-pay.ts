import { amountDue } from '../../../core/parking/amount-due';
import type { FeeLine } from '../../../core/parking/fee';
import type { Gate } from '../../../core/parking/gate';
import { closedWindowOpen } from '../../../core/parking/may-leave';
import { refuse } from '../../../core/parking/result';
import {
  type PlatformCall,
  type Session,
  findCall,
  openCalls,
} from '../../../core/parking/session';
import { applySessionEvent } from '../../cloud/session-cas';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { scanAgain } from '../camera/scan-again';
import { resolveOpenCalls } from '../calls/execute';
import { buildCallRequest } from '../calls/requests';
import type { ParkingDeps } from '../deps';
import { newCallId } from '../ids';
import { loadLot } from '../places';
import { isVisibleTo } from '../services/access';
import { exitNow } from '../services/exit';
import { findClosedAtExit, findLiveByPlate } from '../session-store';

/**
 * The lane's code opened in a plain browser (the H5 page, issue 12): the plate's fee at this
 * exit or pay station, and its payment through the platform's browser-redirect flow without
 * openid (protocol note 12). Only sessions no driver holds in the mini-program (opened by a
 * camera or a controller, the H5 page having no identity) are shown and paid here, as anyone may
 * at a pay station (services/access.ts); others read as not found.
 */

interface Billed {
  plate: string;
  sessionId: string;
  inTime: number;
  durationSeconds: number;
  noEntry: boolean;
  /** What the platform charges: the call's amount (paying) or what is due now. */
  amount: number;
  lines: FeeLine[];
}

export type LaneQuote =
  | { kind: 'not_found'; plate: string }
  /** A payment from elsewhere (the app) is under way: wait. */
  | { kind: 'pending'; plate: string }
  /** Paid (or let out with nothing due): may leave until `until`. */
  | { kind: 'paid'; plate: string; until: number }
  | { kind: 'nothing_due'; plate: string; sessionId: string }
  | ({ kind: 'due' } & Billed)
  /** A pay started on this page and not finished: the same one is resumed. */
  | ({ kind: 'paying'; callId: string } & Billed)
  /** The fee cannot be worked out (e.g. a stay too long): the operator's matter. */
  | { kind: 'operator'; plate: string };

interface Assessed {
  quote: LaneQuote;
  doc?: SessionDoc;
}

const openBrowserPay = (session: Session): PlatformCall | undefined =>
  openCalls(session).find((c) => c.kind === 'pay' && c.browser === true);

async function assess(deps: ParkingDeps, gate: Gate, plate: string, now: number) {
  const live = await findLiveByPlate(deps.db, gate.lotId, plate);
  if (!live) {
    const closed = await findClosedAtExit(deps.db, gate.lotId, plate, now);
    const left = closed && sessionOf(closed);
    // Let out a moment ago (paid, or nothing due): within its leave window.
    if (closed && left && isVisibleTo(left, '') && closedWindowOpen(left, now)) {
      return paidQuote(plate, left, closed);
    }
    return { quote: { kind: 'not_found', plate } } satisfies Assessed;
  }
  const session = sessionOf(live);
  // Held by a driver in the mini-program (or a prepay's payer): not this page's to show.
  if (!isVisibleTo(session, '') || session.flow !== 'exit_pay') {
    return { quote: { kind: 'not_found', plate } } satisfies Assessed;
  }
  const browser = openBrowserPay(session);
  const computed = amountDue(session, now);
  const billed = (amount: number): Billed => ({
    plate,
    sessionId: session.id,
    inTime: session.inTime,
    durationSeconds: computed.ok ? computed.value.quote.durationSeconds : 0,
    noEntry: session.noEntryFee !== undefined,
    amount,
    lines: computed.ok ? computed.value.quote.lines : [],
  });
  if (browser) {
    return {
      quote: { kind: 'paying', callId: browser.id, ...billed(browser.amount) },
      doc: live,
    } satisfies Assessed;
  }
  if (openCalls(session).length > 0 || (session.state !== 'open' && session.state !== 'paid')) {
    return { quote: { kind: 'pending', plate }, doc: live } satisfies Assessed;
  }
  if (session.state === 'paid' && now <= (session.mayLeaveUntil ?? 0)) {
    return paidQuote(plate, session, live);
  }
  if (!computed.ok) return { quote: { kind: 'operator', plate }, doc: live } satisfies Assessed;
  if (computed.value.due === 0) {
    return {
      quote: { kind: 'nothing_due', plate, sessionId: session.id },
      doc: live,
    } satisfies Assessed;
  }
  return { quote: { kind: 'due', ...billed(computed.value.due) }, doc: live } satisfies Assessed;
}

function paidQuote(plate: string, session: Session, doc: SessionDoc): Assessed {
  const until = Math.max(
    session.mayLeaveUntil ?? 0,
    (session.outTime ?? 0) + session.policy.graceSeconds,
  );
  return { quote: { kind: 'paid', plate, until }, doc };
}

/** What the page shows for `plate` at `gate` now (read-only). */
export async function laneQuote(
  deps: ParkingDeps,
  gate: Gate,
  plate: string,
  now: number,
): Promise<LaneQuote> {
  return (await assess(deps, gate, plate, now)).quote;
}

export type LanePayOutcome =
  /** Off to the platform's browser entry: the signed fields, no openid (protocol note 12). */
  | { kind: 'redirect'; url: string; amount: number }
  | { kind: 'show'; quote: LaneQuote; notice?: string };

export interface LanePayInput {
  plate: string;
  sessionId: string;
  /** The amount the page showed (fen): nothing is charged unless it is still what is due. */
  amount: number;
}

const AMOUNT_CHANGED = '金额已更新，请确认后支付';

/**
 * The driver pressed pay on the page. The pay is recorded by compare-and-set (browser: our
 * client never sends it) only when the amount shown is still what is due, then its signed
 * browser-redirect URL is made: the platform charges exactly what the page showed. A pay this
 * page started and the payer has not finished is resumed under the same reqsn (the platform
 * answers an identical repeat with the same order, sandbox README "Repeats"). Nothing due at an
 * exit, or already paid: the exit is recorded at the scan and the lane's camera told (scan pass).
 */
export async function startLanePay(
  deps: ParkingDeps,
  gate: Gate,
  input: LanePayInput,
  now: number,
): Promise<LanePayOutcome> {
  let assessed = await assess(deps, gate, input.plate, now);
  if (assessed.quote.kind === 'pending' && assessed.doc) {
    // A pay from elsewhere may be over (cancelled at the cashier, lost): the platform first.
    await resolveOpenCalls(deps, assessed.doc._id);
    assessed = await assess(deps, gate, input.plate, now);
  }
  const { quote, doc } = assessed;
  const shown = (q: LaneQuote) =>
    'sessionId' in q &&
    q.sessionId === input.sessionId &&
    'amount' in q &&
    q.amount === input.amount;
  switch (quote.kind) {
    case 'paying': {
      if (!shown(quote) || !doc) return { kind: 'show', quote, notice: AMOUNT_CHANGED };
      const call = findCall(sessionOf(doc), quote.callId) as PlatformCall;
      return { kind: 'redirect', url: await redirectUrl(deps, doc, call), amount: call.amount };
    }
    case 'due': {
      if (!shown(quote) || !doc) return { kind: 'show', quote, notice: AMOUNT_CHANGED };
      if (!deps.platform.has(doc.cusid)) return { kind: 'show', quote: operator(input.plate) };
      const callId = newCallId('pay', now, deps.random);
      const atExit = gate.kind === 'exit' ? { atExit: true as const, exitGateId: gate.id } : {};
      const applied = await applySessionEvent(deps.db, doc._id, (current) => {
        const computed = amountDue(current, now);
        if (!computed.ok) return computed;
        if (computed.value.due !== input.amount) return refuse('AMOUNT_CHANGED', AMOUNT_CHANGED);
        return {
          type: 'pay_requested',
          at: now,
          by: 'h5',
          callId,
          amount: input.amount,
          browser: true,
          ...atExit,
        };
      });
      const call = applied.ok ? findCall(applied.session, callId) : undefined;
      if (!applied.ok || applied.outcome === 'already' || !call) {
        // Changed meanwhile (another pay, the clock past a unit): show it as it is now.
        return {
          kind: 'show',
          quote: await laneQuote(deps, gate, input.plate, now),
          notice: AMOUNT_CHANGED,
        };
      }
      deps.log.info('h5 pay', { sessionId: doc._id, callId, amount: call.amount });
      return {
        kind: 'redirect',
        url: await redirectUrl(deps, applied.doc, call),
        amount: call.amount,
      };
    }
    case 'nothing_due':
    case 'paid':
      return { kind: 'show', quote: await leaveAtExit(deps, gate, quote, doc, now) };
    default:
      return { kind: 'show', quote };
  }
}

const operator = (plate: string): LaneQuote => ({ kind: 'operator', plate });

/**
 * At an exit's code with nothing (more) to pay: the exit is recorded now and the camera raises
 * the barrier on its next heartbeat (scan pass); a car already let out here is asked for again.
 */
async function leaveAtExit(
  deps: ParkingDeps,
  gate: Gate,
  quote: LaneQuote,
  doc: SessionDoc | undefined,
  now: number,
): Promise<LaneQuote> {
  if (gate.kind !== 'exit' || !doc) return quote;
  const session = sessionOf(doc);
  if (session.state === 'closed') {
    await scanAgain(deps, gate, session, now);
    return quote;
  }
  const closed = await exitNow(deps, session, now, 'h5', gate.id);
  return paidQuote(quote.plate, closed, doc).quote;
}

/** The signed browser-redirect URL of a recorded pay, the same fields each time it is asked. */
async function redirectUrl(deps: ParkingDeps, doc: SessionDoc, call: PlatformCall) {
  const { openid: _payer, ...session } = sessionOf(doc);
  const split = (await loadLot(deps.db, session.lotId))?.split ?? [];
  // payTime is the call's own time, so that a resumed pay is an identical repeat.
  const request = buildCallRequest(call, { session, identity: doc, split, now: call.requestedAt });
  if (request.endpoint !== 'pay') throw new Error(`not a pay: ${call.id}`);
  return deps.platform.client(doc.cusid).redirectUrl('pay', request.input);
}
