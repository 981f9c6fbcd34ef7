import { type PayInfo, toRequestPaymentArgs } from '../../core/allinpay/responses';
import type { Collection, Database } from '../cloud/database';

/**
 * A payment that is no parking session's: one platform `pay` (protocol note 5) recorded as an
 * order (`_id` = its reqsn) before it is sent (note 4), for a pass (server/passes) or arrears
 * (server/arrears). Notification, the driver's confirm query and reconcile all end here: each is
 * cross-checked (cusid, fee), the order moves to `paid` by compare-and-set on its status (the
 * platform's completion time kept as `paidAt`), then the kind's effect is applied once (`applied`).
 * A crash between the steps is repaired by the next confirmation.
 */
export const OPEN_PAY_ORDER_STATUSES = ['requested', 'accepted', 'unknown'] as const;
export type OpenPayOrderStatus = (typeof OPEN_PAY_ORDER_STATUSES)[number];

export interface PayOrderBase {
  _id: string;
  lotId: string;
  openid?: string;
  amount: number;
  status: OpenPayOrderStatus | 'paid' | 'failed' | 'abandoned' | 'issued';
  /** The merchant and lot identity the pay went to. */
  cusid: string;
  parkingNo: string;
  pro: string;
  createdAt: number;
  /** When reconcile last asked about it while open: the oldest-checked go first. */
  checkedAt?: number;
  /** When the platform completed the pay (fintime). */
  paidAt?: number;
  trxid?: string;
  /** The platform's handling fee of the pay (feeAIP), borne by the merchant. */
  aip?: number;
  confirmedBy?: 'notify' | 'query' | 'operator';
  /** The WeChat Pay parameters, only for the payer (protocol note 13). Never logged. */
  payinfo?: PayInfo;
  error?: { code: string; message: string };
  /** The effect is applied (the pass holds it, the arrears are told). */
  applied?: true;
  /** A confirmation that disagreed with the order (fee, cusid): on record, nothing changed. */
  anomaly?: string;
}

export type ConfirmOutcome = 'applied' | 'already' | 'refused';

export interface Confirmation {
  by: 'notify' | 'query';
  trxid?: string;
  /** The handling fee the platform reported (feeAIP). */
  aip?: number;
  /** The platform's completion time (fintime), at most now. */
  completedAt?: number;
}

/** What differs between the kinds of pay orders: where they live and what paying one does. */
export interface PayOrderKind<O extends PayOrderBase> {
  /** For logs: `pass`, `arrears`. */
  name: string;
  orders(db: Database): Collection<O>;
  /** Statuses that mean done with the effect due (a pass issue is `issued`). */
  settled: readonly O['status'][];
  /** An order the platform knows (a pass issue is not: no notification is its). */
  isPlatformOrder(order: O): boolean;
  /** Fields stored with `paid` beside the common ones (arrears: the China date). */
  paidFields?(paidAt: number): Partial<O>;
  /** The effect, exactly once: `applied` only for the call that made it. */
  apply(db: Database, order: O): Promise<ConfirmOutcome>;
}

export const isOpenPayOrder = (o: Pick<PayOrderBase, 'status'>) =>
  (OPEN_PAY_ORDER_STATUSES as readonly string[]).includes(o.status);

export interface PaymentStart {
  reqsn: string;
  amount: number;
  requestPayment: ReturnType<typeof toRequestPaymentArgs>;
}

/** The cashier's parameters while the order is open and someone holds them. */
export function paymentOf(order: PayOrderBase): PaymentStart | undefined {
  if (!order.payinfo || !isOpenPayOrder(order)) return undefined;
  return {
    reqsn: order._id,
    amount: order.amount,
    requestPayment: toRequestPaymentArgs(order.payinfo),
  };
}

/**
 * Moves the order to `paid` (compare-and-set on its status), then applies its effect. `read`: the
 * order as the caller just read it; when this call moves it, the order applied is that one with
 * the fields written (no read again: what apply uses never changes on an open order). `reread:
 * false`: the caller does not need the order afterwards (it is not read again at the end).
 */
export async function confirmPaid<O extends PayOrderBase>(
  kind: PayOrderKind<O>,
  db: Database,
  orderId: string,
  confirmation: Confirmation,
  now: number,
  options: { read?: O; reread?: boolean } = {},
): Promise<{ outcome: ConfirmOutcome; order: O | undefined }> {
  const orders = kind.orders(db);
  const paidAt = confirmation.completedAt ?? now;
  const fields = {
    status: 'paid',
    paidAt,
    ...kind.paidFields?.(paidAt),
    confirmedBy: confirmation.by,
    ...(confirmation.trxid && { trxid: confirmation.trxid }),
    ...(confirmation.aip !== undefined && { aip: confirmation.aip }),
  } as Partial<O>;
  // A late success after we gave up (failed/abandoned) still took the money: the effect is due.
  const moved = await orders.updateWhere(
    { _id: orderId, status: db.cmd.nin([...kind.settled]) },
    fields,
  );
  if (moved === 0 && confirmation.aip !== undefined) {
    // The first confirmation carried no fee (an older record): a later one completes it.
    await orders.updateWhere(
      { _id: orderId, status: 'paid', aip: db.cmd.exists(false) },
      { aip: confirmation.aip },
    );
  }
  const order =
    moved > 0 && options.read ? { ...options.read, ...fields } : await orders.get(orderId);
  if (!order) return { outcome: 'refused', order };
  const applied = await kind.apply(db, order);
  const outcome: ConfirmOutcome =
    applied === 'refused' ? 'refused' : moved > 0 || applied === 'applied' ? 'applied' : 'already';
  if (options.reread === false) return { outcome, order };
  return { outcome, order: (await orders.get(orderId)) ?? order };
}

/** An open order given up (compare-and-set: only from an open status). */
export async function markFailed<O extends PayOrderBase>(
  kind: PayOrderKind<O>,
  db: Database,
  orderId: string,
  status: 'failed' | 'abandoned',
  error: { code: string; message: string },
): Promise<boolean> {
  const moved = await kind
    .orders(db)
    .updateWhere(
      { _id: orderId, status: db.cmd.in([...OPEN_PAY_ORDER_STATUSES]) },
      { status, error },
    );
  return moved > 0;
}
