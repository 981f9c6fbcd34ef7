import type { Notification } from '../../../core/allinpay/responses';
import { classifyTrxStatus, describeTrxStatus } from '../../../core/allinpay/trxstatus';
import { type Session, findCall } from '../../../core/parking/session';
import type { SessionEvent } from '../../../core/parking/session-events';
import { isFinal } from '../../../core/parking/session-states';
import { completedAtOf } from '../../../core/parking/completed-at';

/**
 * What a verified notification means for its session (pure; protocol note 11). Before any state
 * change the cusid, reqsn and fee are cross-checked against our own record: a mismatch is
 * recorded as an anomaly and changes nothing else.
 */
export type NotificationDecision =
  | { kind: 'apply'; event: SessionEvent }
  | {
      kind: 'anomaly';
      event: SessionEvent;
      verdict: 'cusid_mismatch' | 'fee_mismatch' | 'unknown_call';
    }
  | { kind: 'ignore'; verdict: 'processing' };

export function decideNotification(
  n: Notification,
  session: Session,
  recordedCusid: string,
  now: number,
): NotificationDecision {
  const reqsn = n.reqsn ?? '';
  const anomaly = (
    verdict: 'cusid_mismatch' | 'fee_mismatch' | 'unknown_call',
    detail: string,
  ): NotificationDecision => ({
    kind: 'anomaly',
    verdict,
    event: { type: 'anomaly_recorded', at: now, by: 'notify', code: verdict, detail },
  });
  if (n.cusid !== recordedCusid) {
    return anomaly('cusid_mismatch', `notification ${reqsn}: cusid ${n.cusid} != ${recordedCusid}`);
  }
  const call = findCall(session, reqsn);
  if (!call || (call.kind !== 'pay' && call.kind !== 'prepay')) {
    return anomaly('unknown_call', `notification ${reqsn}: no pay or prepay with this reqsn`);
  }
  const fee = Number(n.fee);
  if (fee !== call.amount) {
    return anomaly('fee_mismatch', `notification ${reqsn}: fee ${fee} != ${call.amount}`);
  }
  const outcome = classifyTrxStatus(n.trxstatus);
  if (outcome === 'success') {
    return {
      kind: 'apply',
      event: {
        type: 'payment_succeeded',
        at: now,
        by: 'notify',
        callId: call.id,
        amount: fee,
        ...(n.trxid && { trxid: n.trxid.slice(0, 20) }),
        ...(n.feeAIP !== undefined && { aip: Number(n.feeAIP) }),
        ...completedAtOf(n.fintime, now),
      },
    };
  }
  if (outcome === 'failure') {
    return {
      kind: 'apply',
      event: {
        type: 'payment_failed',
        at: now,
        by: 'notify',
        callId: call.id,
        code: n.trxstatus,
        message: describeTrxStatus(n.trxstatus),
      },
    };
  }
  return { kind: 'ignore', verdict: 'processing' };
}

/**
 * Whether a verified success is answered `refuse` (protocol note 11): only a pay of the
 * browser-redirect flow (note 12, the H5 page) that the session can no longer take, because it
 * was already paid or had ended when the payment came, by another payment or an operator. The
 * money is still kept on record (a stray payment, flagged); `refuse` tells the platform that this
 * scan is ignored. A repeat of the notification whose payment paid the session is no such scan.
 */
export function ignoredScan(n: Notification, session: Session): boolean {
  if (classifyTrxStatus(n.trxstatus) !== 'success') return false;
  const call = findCall(session, n.reqsn ?? '');
  if (!call?.browser) return false;
  if (session.state !== 'paid' && !isFinal(session.state)) return false;
  const tookIt = session.history.some(
    (h) => h.callId === call.id && h.event === 'payment_succeeded' && h.from !== h.to,
  );
  return !tookIt;
}
