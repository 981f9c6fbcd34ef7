import type { PlatformCall, Session } from '../../../core/parking/session';
import type { SessionEvent } from '../../../core/parking/session-events';
import type { AllinpayResult } from '../../allinpay-client';
import { couponsTotal, freezeTotalsOf } from './outcomes';
import { completedAtOf } from '../../../core/parking/completed-at';

/**
 * What a query answer (protocol note 9) means for one open call, purely. undefined: nothing to
 * change yet (still processing, or the sender may still be at work).
 *
 * pay/prepay: 0000 is the payment (amount cross-checked, protocol note 11); a failure status
 * (3088 unpaid/expired, 1001 not found...) fails the call; 2000 waits — unless nobody holds the
 * payment parameters any more (the answer was lost): the payer cannot pay it, so it is abandoned
 * and the driver starts again (a later success would still be taken: the machine keeps late
 * payments).
 *
 * finish/cancel reuse the prepay's reqsn, so the query answers with the freeze's running totals
 * (note 7): our call applied iff the totals moved by exactly its amount since our last known ones.
 */
export interface QueryContext {
  now: number;
  /** The payment parameters of this pay/prepay are stored: the payer can still pay. */
  hasPaySheet: boolean;
  /** Nobody is sending this call any more (its answer or error was recorded, or it is old). */
  senderDone: boolean;
}

function anomaly(at: number, code: 'fee_mismatch' | 'totals_mismatch', detail: string) {
  return { type: 'anomaly_recorded' as const, at, by: 'reconcile', code, detail };
}

function paymentVerdict(
  call: PlatformCall,
  result: AllinpayResult,
  ctx: QueryContext,
): SessionEvent | undefined {
  const at = ctx.now;
  if (result.outcome === 'success') {
    const fee = result.totals.fee;
    if (fee !== undefined && fee !== call.amount) {
      return anomaly(at, 'fee_mismatch', `query ${call.reqsn}: fee ${fee} != ${call.amount}`);
    }
    return {
      type: 'payment_succeeded',
      at,
      by: 'query',
      callId: call.id,
      amount: call.amount,
      ...(result.trxid && { trxid: result.trxid.slice(0, 20) }),
      ...(result.totals.feeAIP !== undefined && { aip: result.totals.feeAIP }),
      // A pay's query answer carries couponList (protocol note 9); the notification does not.
      ...(call.kind === 'pay' && { coupons: couponsTotal(result.couponList) }),
      ...completedAtOf(result.fintime, at),
    };
  }
  if (!ctx.senderDone) return undefined;
  if (result.outcome === 'failure') {
    return {
      type: 'payment_failed',
      at,
      by: 'query',
      callId: call.id,
      code: result.trxstatus,
      message: (result.errmsg || result.description).slice(0, 200),
    };
  }
  if (!ctx.hasPaySheet) {
    return {
      type: 'payment_abandoned',
      at,
      by: 'query',
      callId: call.id,
      reason: 'PAYSHEET_LOST: the answer with the payment parameters was lost',
    };
  }
  return undefined;
}

function freezeVerdict(
  session: Session,
  call: PlatformCall,
  result: AllinpayResult,
  ctx: QueryContext,
): SessionEvent | undefined {
  const at = ctx.now;
  if (result.outcome === 'failure') {
    if (!ctx.senderDone) return undefined;
    return {
      type: 'freeze_call_failed',
      at,
      by: 'query',
      callId: call.id,
      code: result.trxstatus,
      message: (result.errmsg || result.description).slice(0, 200),
    };
  }
  if (result.outcome !== 'success') return undefined;
  const totals = freezeTotalsOf(result);
  if (!totals) return undefined;
  const known = session.amounts;
  const charged = totals.finished - known.finished;
  const returned = totals.returned - known.returned;
  const ended = totals.finished + totals.returned === totals.fee;
  const applied =
    call.kind === 'finish'
      ? charged === call.amount && (call.feeType === 1 || ended)
      : returned === call.amount;
  if (applied) return { type: 'freeze_call_succeeded', at, by: 'query', callId: call.id, totals };
  if (charged === 0 && returned === 0) {
    return ctx.senderDone
      ? {
          type: 'freeze_call_failed',
          at,
          by: 'query',
          callId: call.id,
          code: 'NOT_APPLIED',
          message: '平台未执行该操作',
        }
      : undefined;
  }
  if (ended && session.endTime !== undefined && at >= session.endTime) {
    return { type: 'platform_settled', at, by: 'query', totals };
  }
  return anomaly(
    at,
    'totals_mismatch',
    `query ${call.reqsn}: finished ${totals.finished} returned ${totals.returned} after ${call.kind} ${call.amount}`,
  );
}

export function verdictFromQuery(
  session: Session,
  call: PlatformCall,
  result: AllinpayResult,
  ctx: QueryContext,
): SessionEvent | undefined {
  return call.kind === 'pay' || call.kind === 'prepay'
    ? paymentVerdict(call, result, ctx)
    : freezeVerdict(session, call, result, ctx);
}

/**
 * A freeze whose endTime has passed, with no call of ours open: has the platform settled it by
 * `road` (protocol note 6)? The platform_settled event when the query shows it ended.
 */
export function settledByPlatform(
  session: Session,
  result: AllinpayResult,
  now: number,
): SessionEvent | undefined {
  if (result.outcome !== 'success') return undefined;
  const totals = freezeTotalsOf(result);
  if (!totals || totals.finished + totals.returned !== totals.fee) return undefined;
  if (session.endTime === undefined || now < session.endTime) return undefined;
  return { type: 'platform_settled', at: now, by: 'query', totals };
}
