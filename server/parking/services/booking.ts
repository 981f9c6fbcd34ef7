import { refuse } from '../../../core/parking/result';
import { type Session, findCall, frozenLeft } from '../../../core/parking/session';
import { AppError } from '../../api-kit/app-error';
import { applySessionEvent, type EventFactory } from '../../cloud/session-cas';
import { sessionOf } from '../../cloud/session-doc';
import { fromRefusal } from '../app-errors';
import { recordAndSend } from '../calls/execute';
import type { ParkingDeps } from '../deps';
import { newCallId } from '../ids';
import type { SessionView } from '../../contract/driver-views';
import { sessionView } from '../views';
import { formatChinaShort } from '../../../core/parking/china-time';
import { noShowCharge } from '../../../core/parking/tariff';
import { noShow } from '../reconcile/no-show';
import { ownSession } from './access';
import { type ExitOutcome, startExitPayment } from './exit';

/**
 * A roadside booking after its prepay: arrive (finish feeType=1 with the booking fee, or just a
 * record when there is none: a finish may not be 0, protocol note 7), cancel before arriving
 * (cancel of the whole freeze, note 8), and leave (finish feeType=9 of the parking fee, the rest
 * returned; a balance beyond the freeze is paid by pay).
 */

function failed(session: Session, callId: string | undefined, code: string, message: string) {
  const call = callId ? findCall(session, callId) : undefined;
  if (call?.status === 'failed') throw new AppError(code, message, { code: call.error?.code });
}

export async function cancelBooking(
  deps: ParkingDeps,
  openid: string,
  sessionId: string,
): Promise<{ session: SessionView }> {
  const { session } = await ownSession(deps, sessionId, openid);
  if (session.flow !== 'roadside_booking') throw new AppError('NOT_A_BOOKING', '该记录不是预订');
  // Cancelled already, or being cancelled: the same answer again (a second tap).
  if (session.state === 'cancelled' || session.state === 'cancelling') {
    return { session: sessionView(session) };
  }
  const now = await deps.clock.now();
  if (session.state === 'awaiting_prepay') {
    // Not paid yet: give the prepay up (a payment that still arrives revives the booking).
    const prepay = session.calls.find((c) => c.kind === 'prepay');
    const result = await applySessionEvent(deps.db, sessionId, () => ({
      type: 'payment_abandoned',
      at: now,
      by: openid,
      callId: prepay?.id ?? '',
      reason: '车主取消预订',
    }));
    if (!result.ok) throw fromRefusal(result);
    return { session: sessionView(result.session) };
  }
  const make: EventFactory = (current) => {
    const amount = frozenLeft(current);
    if (amount === 0) return refuse('NOTHING_FROZEN', '没有冻结中的预付金额');
    return {
      type: 'cancel_requested',
      at: now,
      by: openid,
      callId: newCallId('op', now, deps.random),
      amount,
      reason: '车主取消预订',
    };
  };
  const started = await recordAndSend(deps, sessionId, make);
  const after = sessionOf(started.doc);
  failed(after, started.callId, 'CANCEL_FAILED', '取消预订失败，请稍后重试');
  return { session: sessionView(after) };
}

export async function arrive(
  deps: ParkingDeps,
  openid: string,
  sessionId: string,
): Promise<{ session: SessionView }> {
  const { session } = await ownSession(deps, sessionId, openid);
  if (session.flow !== 'roadside_booking') throw new AppError('NOT_A_BOOKING', '该记录不是预订');
  const now = await deps.clock.now();
  const make: EventFactory = (current) => {
    const fee = Math.min(current.tariff.bookingFee, frozenLeft(current));
    if (fee === 0) return { type: 'arrival_recorded', at: now, by: openid };
    return {
      type: 'arrival_requested',
      at: now,
      by: openid,
      callId: newCallId('op', now, deps.random),
      amount: fee,
    };
  };
  let started;
  try {
    started = await recordAndSend(deps, sessionId, make);
  } catch (error) {
    if (error instanceof AppError && error.code === 'HOLD_EXPIRED') {
      // Late: the no-show rule the driver was shown at booking applies now, and says so.
      await noShow(deps, sessionId, now);
      throw new AppError('HOLD_EXPIRED', lateArrivalText(session, frozenLeft(session)));
    }
    throw error;
  }
  const after = sessionOf(started.doc);
  failed(after, started.callId, 'ARRIVAL_FAILED', '到达确认失败，请稍后重试');
  return { session: sessionView(after) };
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * Why a late arrival is refused, with the no-show rule shown at booking: the hold's end, what is
 * charged and what returns.
 */
export function lateArrivalText(session: Session, left: number): string {
  const until = formatChinaShort(session.holdUntil ?? session.inTime).slice(6);
  const charge = noShowCharge(session.tariff, left);
  const rule =
    charge > 0
      ? `按爽约规则收取 ${yuan(charge)}，其余 ${yuan(left - charge)} 退回`
      : `按爽约规则不收费，冻结的 ${yuan(left)} 全部退回`;
  return `预订保留至 ${until} 已过，无法确认到达：${rule}。如需停车请重新预订。`;
}

/**
 * Leaving a booked spot: the same as paying at an exit (the freeze is ended), and then, with
 * nothing left to pay, the session is closed: the spot is free again.
 */
export async function leave(
  deps: ParkingDeps,
  openid: string,
  sessionId: string,
): Promise<ExitOutcome> {
  const { session } = await ownSession(deps, sessionId, openid);
  if (session.flow !== 'roadside_booking') throw new AppError('NOT_A_BOOKING', '该记录不是预订');
  const outcome = await startExitPayment(deps, openid, sessionId);
  if (outcome.kind !== 'paid' && outcome.kind !== 'nothing_due') return outcome;
  const now = await deps.clock.now();
  const closed = await applySessionEvent(deps.db, sessionId, () => ({
    type: 'exit_reported',
    at: now,
    by: openid,
    amountDue: 0,
  }));
  if (!closed.ok) throw fromRefusal(closed);
  return { kind: outcome.kind, session: sessionView(closed.session) };
}
