import type { Notification } from '../../core/allinpay/responses';
import { classifyTrxStatus, describeTrxStatus } from '../../core/allinpay/trxstatus';
import { completedAtOf } from '../../core/parking/completed-at';
import type { Database } from '../cloud/database';
import {
  type PayOrderBase,
  type PayOrderKind,
  confirmPaid,
  isOpenPayOrder,
  markFailed,
} from './orders';

/** The verdicts of the notify endpoint for a pay order. */
export type PayOrderNotifyVerdict =
  'applied' | 'already' | 'processing' | 'cusid_mismatch' | 'fee_mismatch' | 'refused';

/**
 * A verified notification (protocol note 11) whose reqsn is an order of this kind: cross-checked
 * against the order (cusid, fee) and applied. undefined: not such an order. A mismatch is kept on
 * the order and changes nothing else. One read when nothing is to be written: a repeat of a
 * payment already applied (or of a failure already kept, or of a mismatch already on record) is
 * answered from the order alone. `beforeWrite` runs once before the first write (the caller puts
 * the delivery on record there).
 */
export async function applyPayOrderNotification<O extends PayOrderBase>(
  kind: PayOrderKind<O>,
  db: Database,
  n: Notification,
  now: number,
  beforeWrite: () => Promise<void> = async () => undefined,
): Promise<PayOrderNotifyVerdict | undefined> {
  const orderId = n.reqsn ?? '';
  const orders = kind.orders(db);
  const order = orderId ? await orders.get(orderId) : undefined;
  if (!order || !kind.isPlatformOrder(order)) return undefined;
  const keepAnomaly = async (anomaly: string, verdict: 'cusid_mismatch' | 'fee_mismatch') => {
    if (order.anomaly !== anomaly) {
      await beforeWrite();
      await orders.updateWhere({ _id: orderId }, { anomaly } as Partial<O>);
    }
    return verdict;
  };
  if (n.cusid !== order.cusid)
    return keepAnomaly(`notification cusid ${n.cusid}`, 'cusid_mismatch');
  if (Number(n.fee) !== order.amount)
    return keepAnomaly(`notification fee ${n.fee}`, 'fee_mismatch');
  const outcome = classifyTrxStatus(n.trxstatus);
  if (outcome === 'success') {
    const aip = n.feeAIP !== undefined ? Number(n.feeAIP) : undefined;
    // Paid, its effect applied and nothing to complete (confirmPaid's late handling fee): a repeat.
    const settled = (kind.settled as readonly string[]).includes(order.status);
    if (settled && order.applied && (aip === undefined || order.aip !== undefined))
      return 'already';
    await beforeWrite();
    const confirmed = await confirmPaid(
      kind,
      db,
      orderId,
      {
        by: 'notify',
        ...(n.trxid && { trxid: n.trxid.slice(0, 20) }),
        ...(aip !== undefined && { aip }),
        ...completedAtOf(n.fintime, now),
      },
      now,
      { read: order, reread: false },
    );
    return confirmed.outcome;
  }
  if (outcome === 'failure') {
    // markFailed moves only an open order: any other is left as it is, without a write.
    if (!isOpenPayOrder(order)) return 'already';
    await beforeWrite();
    const moved = await markFailed(kind, db, orderId, 'failed', {
      code: n.trxstatus,
      message: describeTrxStatus(n.trxstatus),
    });
    return moved ? 'applied' : 'already';
  }
  return 'processing';
}
