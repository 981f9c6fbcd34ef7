import type { Notification } from '../../core/allinpay/responses';
import { classifyTrxStatus, describeTrxStatus } from '../../core/allinpay/trxstatus';
import { completedAtOf } from '../../core/parking/completed-at';
import type { Database } from '../cloud/database';
import { type PayOrderBase, type PayOrderKind, confirmPaid, markFailed } from './orders';

/** The verdicts of the notify endpoint for a pay order. */
export type PayOrderNotifyVerdict =
  'applied' | 'already' | 'processing' | 'cusid_mismatch' | 'fee_mismatch' | 'refused';

/**
 * A verified notification (protocol note 11) whose reqsn is an order of this kind: cross-checked
 * against the order (cusid, fee) and applied. undefined: not such an order. A mismatch is kept on
 * the order and changes nothing else.
 */
export async function applyPayOrderNotification<O extends PayOrderBase>(
  kind: PayOrderKind<O>,
  db: Database,
  n: Notification,
  now: number,
): Promise<PayOrderNotifyVerdict | undefined> {
  const orderId = n.reqsn ?? '';
  const orders = kind.orders(db);
  const order = orderId ? await orders.get(orderId) : undefined;
  if (!order || !kind.isPlatformOrder(order)) return undefined;
  if (n.cusid !== order.cusid) {
    await orders.updateWhere({ _id: orderId }, { anomaly: `notification cusid ${n.cusid}` });
    return 'cusid_mismatch';
  }
  if (Number(n.fee) !== order.amount) {
    await orders.updateWhere({ _id: orderId }, { anomaly: `notification fee ${n.fee}` });
    return 'fee_mismatch';
  }
  const outcome = classifyTrxStatus(n.trxstatus);
  if (outcome === 'success') {
    const confirmed = await confirmPaid(
      kind,
      db,
      orderId,
      {
        by: 'notify',
        ...(n.trxid && { trxid: n.trxid.slice(0, 20) }),
        ...(n.feeAIP !== undefined && { aip: Number(n.feeAIP) }),
        ...completedAtOf(n.fintime, now),
      },
      now,
    );
    return confirmed.outcome;
  }
  if (outcome === 'failure') {
    const moved = await markFailed(kind, db, orderId, 'failed', {
      code: n.trxstatus,
      message: describeTrxStatus(n.trxstatus),
    });
    return moved ? 'applied' : 'already';
  }
  return 'processing';
}
