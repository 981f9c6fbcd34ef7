import { refuse, type DomainRefusal } from './result';
import { type Session, findCall } from './session';
import type { SessionEvent } from './session-events';

/** Events that create a platform call: an exact repeat names the same call. */
const CREATES_CALL = new Set<SessionEvent['type']>([
  'pay_requested',
  'arrival_requested',
  'settlement_requested',
  'cancel_requested',
  'no_show_requested',
]);

const RESULT_KINDS: Partial<Record<SessionEvent['type'], readonly string[]>> = {
  request_accepted: ['pay', 'prepay'],
  call_outcome_unknown: ['pay', 'prepay', 'finish', 'cancel'],
  payment_succeeded: ['pay', 'prepay'],
  payment_failed: ['pay', 'prepay'],
  payment_abandoned: ['pay', 'prepay'],
  freeze_call_succeeded: ['finish', 'cancel'],
  freeze_call_failed: ['finish', 'cancel'],
};

const openAnomaly = (session: Session, code: string, detail?: string) =>
  session.anomalies.some(
    (a) =>
      a.resolvedAt === undefined &&
      a.code === code &&
      (detail === undefined || a.detail === detail),
  );

/**
 * Recognises an event that was already applied (notifications and retries repeat): 'already',
 * a refusal when the repeat contradicts what happened, or undefined for a new event.
 */
export function repeatOf(
  session: Session,
  event: SessionEvent,
): 'already' | DomainRefusal | undefined {
  if ('callId' in event && CREATES_CALL.has(event.type)) {
    const call = findCall(session, event.callId);
    if (!call) return undefined;
    const same = 'amount' in event && call.amount === event.amount;
    return same ? 'already' : refuse('CALL_ID_REUSED', '交易单号已被其他请求使用');
  }
  const kinds = RESULT_KINDS[event.type];
  if (kinds && 'callId' in event) {
    const call = findCall(session, event.callId);
    if (!call) return refuse('UNKNOWN_CALL', '找不到对应的交易');
    if (!kinds.includes(call.kind)) return refuse('CALL_KIND_MISMATCH', '交易类型与事件不符');
    switch (event.type) {
      case 'request_accepted':
        return call.status === 'requested' || call.status === 'unknown' ? undefined : 'already';
      case 'call_outcome_unknown':
        return call.status === 'requested' || call.status === 'accepted' ? undefined : 'already';
      case 'payment_succeeded':
        if (call.status !== 'succeeded') return undefined;
        if (call.amount !== event.amount) return refuse('AMOUNT_MISMATCH', '支付金额与订单不符');
        // A success learnt by notification has no coupons: a later answer bringing them is news.
        return event.coupons !== undefined && call.coupons === undefined ? undefined : 'already';
      case 'freeze_call_succeeded':
        if (call.status === 'failed') return refuse('CALL_FAILED', '该交易已记录为失败');
        return call.status === 'succeeded' ? 'already' : undefined;
      case 'payment_failed':
      case 'payment_abandoned':
      case 'freeze_call_failed':
        if (call.status === 'succeeded') return refuse('CALL_SUCCEEDED', '该交易已成功');
        return call.status === 'failed' || call.status === 'abandoned' ? 'already' : undefined;
    }
  }
  switch (event.type) {
    case 'platform_settled':
      return session.settledByPlatformAt !== undefined ? 'already' : undefined;
    case 'arrival_recorded':
      return session.arrivedAt !== undefined ? 'already' : undefined;
    case 'stale_flagged':
      return openAnomaly(session, 'stale') ? 'already' : undefined;
    case 'anomaly_recorded':
      return openAnomaly(session, event.code, event.detail) ? 'already' : undefined;
    case 'anomalies_resolved':
      return session.anomalies.some((a) => a.resolvedAt === undefined) ? undefined : 'already';
    default:
      return undefined;
  }
}
