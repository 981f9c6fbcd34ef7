import type { PayInfo } from '../../core/allinpay/responses';
import type { Database } from '../cloud/database';
import { chinaDateOf } from '../operator/china-dates';
import { COLLECTIONS } from '../store/collections';
import { arrearsCollection } from './record';

/**
 * Arrears paid through the platform's `pay` (protocol note 5): one order per attempt, `_id` = its
 * reqsn, recorded before the pay is sent (note 4). A confirmation (notification, query, reconcile)
 * moves the order to `paid` by compare-and-set on its status, then the arrears to `paid` by
 * compare-and-set on theirs, naming the order: however many confirmations come, in whatever order,
 * the arrears are paid once. A second order paid for arrears already paid keeps an anomaly (the
 * payer is owed a refund); its money still counts in revenue, as the platform took it.
 */
export const OPEN_ARREARS_ORDER_STATUSES = ['requested', 'accepted', 'unknown'] as const;
export type ArrearsOrderStatus =
  (typeof OPEN_ARREARS_ORDER_STATUSES)[number] | 'paid' | 'failed' | 'abandoned';

export interface ArrearsOrderDoc {
  _id: string;
  /** The arrears record (= the session id). */
  arrearsId: string;
  lotId: string;
  plate: string;
  openid: string;
  amount: number;
  status: ArrearsOrderStatus;
  /** The merchant and lot identity the pay went to. */
  cusid: string;
  parkingNo: string;
  pro: string;
  createdAt: number;
  /** When the platform completed the pay (fintime), and its China date (revenue's day). */
  paidAt?: number;
  paidDate?: string;
  /** The platform's handling fee of the pay (feeAIP). */
  aip?: number;
  trxid?: string;
  confirmedBy?: 'notify' | 'query';
  /** The WeChat Pay parameters, only for the payer (protocol note 13). Never logged. */
  payinfo?: PayInfo;
  error?: { code: string; message: string };
  /** The arrears record has been told (paid by this order, or the anomaly kept). */
  applied?: true;
  /** A confirmation that disagreed with the order, or a second payment of the same arrears. */
  anomaly?: string;
}

export const arrearsOrders = (db: Database) =>
  db.collection<ArrearsOrderDoc>(COLLECTIONS.arrearsOrders);

export const isOpenOrder = (o: Pick<ArrearsOrderDoc, 'status'>) =>
  (OPEN_ARREARS_ORDER_STATUSES as readonly string[]).includes(o.status);

export interface ArrearsConfirmation {
  by: 'notify' | 'query';
  trxid?: string;
  /** The platform's completion time (fintime), at most now. */
  completedAt?: number;
  aip?: number;
}

export type ArrearsConfirmOutcome = 'applied' | 'already' | 'refused';

export async function confirmArrearsPaid(
  db: Database,
  orderId: string,
  confirmation: ArrearsConfirmation,
  now: number,
): Promise<{ outcome: ArrearsConfirmOutcome; order: ArrearsOrderDoc | undefined }> {
  const paidAt = confirmation.completedAt ?? now;
  // A late success after we gave up (failed/abandoned) still took the money.
  const moved = await arrearsOrders(db).updateWhere(
    { _id: orderId, status: db.cmd.neq('paid') },
    {
      status: 'paid',
      paidAt,
      paidDate: chinaDateOf(paidAt),
      confirmedBy: confirmation.by,
      ...(confirmation.trxid && { trxid: confirmation.trxid }),
      ...(confirmation.aip !== undefined && { aip: confirmation.aip }),
    },
  );
  if (moved === 0 && confirmation.aip !== undefined) {
    // An earlier confirmation without the handling fee: this one completes it.
    await arrearsOrders(db).updateWhere(
      { _id: orderId, aip: db.cmd.exists(false) },
      { aip: confirmation.aip },
    );
  }
  const order = await arrearsOrders(db).get(orderId);
  if (!order) return { outcome: 'refused', order };
  const applied = await applyOrderToArrears(db, order);
  return {
    outcome: moved > 0 || applied === 'applied' ? 'applied' : 'already',
    order: (await arrearsOrders(db).get(orderId)) ?? order,
  };
}

/** Tells the arrears record of a paid order, once: `applied` when it was this order's doing. */
export async function applyOrderToArrears(
  db: Database,
  order: ArrearsOrderDoc,
): Promise<ArrearsConfirmOutcome> {
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

export async function markArrearsOrderFailed(
  db: Database,
  orderId: string,
  status: 'failed' | 'abandoned',
  error: { code: string; message: string },
): Promise<boolean> {
  const moved = await arrearsOrders(db).updateWhere(
    { _id: orderId, status: db.cmd.in([...OPEN_ARREARS_ORDER_STATUSES]) },
    { status, error },
  );
  return moved > 0;
}
