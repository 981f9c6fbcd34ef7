import { amountDue } from '../../../core/parking/amount-due';
import { refuse } from '../../../core/parking/result';
import { type Session, findCall } from '../../../core/parking/session';
import { AppError } from '../../api-kit/app-error';
import type { EventFactory } from '../../cloud/session-cas';
import { sessionOf } from '../../cloud/session-doc';
import { applySessionEvent } from '../../cloud/session-cas';
import { fromRefusal } from '../app-errors';
import { recordAndSend, resolveOpenCalls } from '../calls/execute';
import type { Gate } from '../../../core/parking/gate';
import { scanAgain } from '../camera/scan-again';
import { requireGate } from '../places';
import type { ParkingDeps } from '../deps';
import { newCallId } from '../ids';
import { sessionView } from '../views';
import { claimFor, payableSession } from './access';
import type { ExitOutcome } from '../../contract/driver-views';
import { openPaymentOf } from './payment-sheet';
import { settleFreeze } from './settle';

/**
 * "Pay and leave" from the exit gate or a pay station, whatever the flow:
 * - a freeze (entry prepay, or a parked booking) is ended by finish feeType=9 — nothing to pay in
 *   WeChat; a fee larger than the freeze leaves a balance, paid by pay at once;
 * - otherwise a pay of what is due now, or nothing when the stay is free or already paid.
 * A repeated tap returns the same payment sheet (the machine answers 'already'): no double pay.
 */
export type { ExitOutcome };

const NOTHING_DUE = 'NOTHING_DUE';

async function outcomeOf(deps: ParkingDeps, session: Session): Promise<ExitOutcome> {
  const view = sessionView(session);
  // closed: settled at the exit gate's code, which is the exit.
  if (session.state === 'paid' || session.state === 'closed')
    return { kind: 'paid', session: view };
  const payment = await openPaymentOf(deps, session);
  if (payment) return { kind: 'payment', session: view, payment };
  return { kind: 'pending', session: view };
}

function lastFailure(session: Session, callId: string | undefined) {
  const call = callId ? findCall(session, callId) : undefined;
  return call?.status === 'failed' ? call.error : undefined;
}

/**
 * Whether a payment started now is the car's exit: started from the code of an exit gate of the
 * session's own lot (a gated lot). The gate opens for the car when it is paid, so the scan is
 * the exit, which is all a car without a plate (that no camera reads) ever has.
 */
async function exitGateOf(
  deps: ParkingDeps,
  session: Session,
  gateId?: string,
): Promise<Gate | undefined> {
  if (gateId === undefined) return undefined;
  const gate = await requireGate(deps.db, gateId);
  if (gate.lotId !== session.lotId) throw new AppError('WRONG_LOT', '该出口不属于此停车场');
  return gate.kind === 'exit' && session.flow !== 'roadside_booking' ? gate : undefined;
}

/** Paid (or nothing due) at the exit gate's code: the session closes now, the gate opens. */
export async function exitNow(
  deps: ParkingDeps,
  session: Session,
  now: number,
  by: string,
  gateId: string,
) {
  if (session.state !== 'paid' && session.state !== 'open') return session;
  const closed = await applySessionEvent(deps.db, session.id, () => ({
    type: 'exit_reported',
    at: now,
    by,
    amountDue: 0,
    gateId,
  }));
  if (!closed.ok) throw fromRefusal(closed);
  // Nothing was paid now: the leave window starts at the scan.
  return closed.session;
}

export async function startExitPayment(
  deps: ParkingDeps,
  openid: string,
  sessionId: string,
  gateId?: string,
): Promise<ExitOutcome> {
  let { session } = await payableSession(deps, sessionId, openid);
  const now = await deps.clock.now();
  const claim = claimFor(openid);
  const exitGate = await exitGateOf(deps, session, gateId);
  const exitGateId = exitGate?.id;
  const atExit = exitGateId !== undefined;
  if (session.state === 'closed' && exitGate) {
    // Scanned again at an exit after paying there: the barrier did not rise, ask its camera again.
    await scanAgain(deps, exitGate, session, now);
    return outcomeOf(deps, session);
  }

  if (session.state === 'frozen' || session.state === 'parked') {
    const settled = await settleFreeze(
      deps,
      sessionId,
      now,
      'charge_due',
      'exit',
      openid,
      { prepare: claim },
      exitGateId,
    );
    session = sessionOf(settled.doc);
    const failure = lastFailure(session, settled.callId);
    if (failure) {
      throw new AppError('SETTLEMENT_FAILED', '预付结算失败，请稍后重试', { code: failure.code });
    }
    if (session.state !== 'open') return outcomeOf(deps, session);
    // The fee was larger than the freeze: the balance is paid by pay, below.
  }

  if (session.state === 'awaiting_payment' || session.state === 'settling') {
    // The sheet may have been cancelled at the cashier with the app closed before it confirmed:
    // the platform is asked first, so a cancelled pay gives way to a new one (not a dead sheet).
    const resolved = await resolveOpenCalls(deps, sessionId);
    if (resolved) session = sessionOf(resolved);
    if (session.state !== 'open' && !(atExit && session.state === 'paid')) {
      return outcomeOf(deps, session);
    }
  }
  if (exitGateId !== undefined && session.state === 'paid' && now <= (session.mayLeaveUntil ?? 0)) {
    const closed = await exitNow(deps, session, now, openid, exitGateId);
    return { kind: 'paid', session: sessionView(closed) };
  }

  const make: EventFactory = (current) => {
    const computed = amountDue(current, now);
    if (!computed.ok) return computed;
    if (computed.value.due === 0) return refuse(NOTHING_DUE, '无需缴费');
    return {
      type: 'pay_requested',
      at: now,
      by: openid,
      callId: newCallId('pay', now, deps.random),
      amount: computed.value.due,
      ...(exitGateId !== undefined && { atExit: true as const, exitGateId }),
    };
  };
  let started;
  try {
    started = await recordAndSend(deps, sessionId, make, { prepare: claim });
  } catch (error) {
    if (error instanceof AppError && error.code === NOTHING_DUE) {
      const current =
        exitGateId !== undefined ? await exitNow(deps, session, now, openid, exitGateId) : session;
      return { kind: 'nothing_due', session: sessionView(current) };
    }
    throw error;
  }
  const after = sessionOf(started.doc);
  const failure = lastFailure(after, started.callId);
  if (failure) {
    throw new AppError('PAYMENT_NOT_STARTED', '发起支付失败，请稍后重试', { code: failure.code });
  }
  return outcomeOf(deps, after);
}
