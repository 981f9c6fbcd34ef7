import type { Database } from '../cloud/database';
import { chinaDateOf } from '../operator/china-dates';
import type { ConfirmOutcome, PayOrderBase, PayOrderKind } from '../pay-orders/orders';
import { COLLECTIONS } from '../store/collections';
import { arrearsCollection } from './record';

/**
 * Arrears paid through the platform's `pay` (protocol note 5): one order per attempt, `_id` = its
 * reqsn, recorded before the pay is sent (note 4), confirmed as every pay order is
 * (server/pay-orders); then the arrears move to `paid` by compare-and-set on their state, naming
 * the order: however many confirmations come, in whatever order, the arrears are paid once. A
 * second order paid for arrears already paid keeps an anomaly (the payer is owed a refund); its
 * money still counts in revenue, as the platform took it.
 */
export interface ArrearsOrderDoc extends PayOrderBase {
  /** The arrears record (= the session id). */
  arrearsId: string;
  plate: string;
  openid: string;
  status: Exclude<PayOrderBase['status'], 'issued'>;
  /** The China date of `paidAt` (revenue's day). */
  paidDate?: string;
  confirmedBy?: 'notify' | 'query';
}

export const arrearsOrders = (db: Database) =>
  db.collection<ArrearsOrderDoc>(COLLECTIONS.arrearsOrders);

/** Arrears orders for server/pay-orders: paid, the arrears record is told once. */
export const arrearsOrderKind: PayOrderKind<ArrearsOrderDoc> = {
  name: 'arrears',
  orders: arrearsOrders,
  settled: ['paid'],
  isPlatformOrder: () => true,
  paidFields: (paidAt) => ({ paidDate: chinaDateOf(paidAt) }),
  apply: (db, order) => applyOrderToArrears(db, order),
};

/** Tells the arrears record of a paid order, once: `applied` when it was this order's doing. */
export async function applyOrderToArrears(
  db: Database,
  order: ArrearsOrderDoc,
): Promise<ConfirmOutcome> {
  if (order.status !== 'paid') return 'refused';
  if (order.applied) return 'already';
  const changed = await arrearsCollection(db).updateWhere(
    { _id: order.arrearsId, state: db.cmd.in(['open', 'waived']) },
    { state: 'paid', orderId: order._id, paidAt: order.paidAt ?? order.createdAt },
  );
  if (changed === 0) {
    const record = await arrearsCollection(db).get(order.arrearsId);
    if (record?.orderId !== order._id) {
      await arrearsOrders(db).updateWhere(
        { _id: order._id },
        { anomaly: `arrears already ${record?.state ?? 'missing'} by ${record?.orderId ?? '-'}` },
      );
    }
  }
  await arrearsOrders(db).updateWhere({ _id: order._id }, { applied: true });
  return changed > 0 ? 'applied' : 'already';
}

/** A lot's arrears orders the platform completed on a China day (revenue, reconciliation, export). */
export async function recoveredOn(
  db: Database,
  lotId: string,
  date: string,
): Promise<ArrearsOrderDoc[]> {
  const out: ArrearsOrderDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await arrearsOrders(db).find(
      { lotId, paidDate: date },
      { orderBy: [['_id', 'asc']], skip, limit: 1000 },
    );
    out.push(...page.filter((o) => o.status === 'paid'));
    if (page.length < 1000) return out;
  }
}
