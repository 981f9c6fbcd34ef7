import { parkingErrors } from '../parking/app-errors';
import type { ParkingDeps } from '../parking/deps';
import { newCallId } from '../parking/ids';
import { requireLot } from '../parking/places';
import { type PaymentStart, isOpenPayOrder, paymentOf } from '../pay-orders/orders';
import { resolvePayOrder, sendPayOrder } from '../pay-orders/payment';
import { type ArrearsOrderDoc, arrearsOrderKind, arrearsOrders } from './orders';
import type { ArrearsDoc } from './record';

/**
 * Arrears paid by the driver: one platform `pay` of what is due, to the lot's merchant and
 * parkingNo (server/pay-orders). A repeated tap within 15 minutes gets the same open payment; an
 * older open order is asked about first, so that one paid meanwhile settles the arrears instead
 * of a second payment being started.
 */
const REUSE_SECONDS = 15 * 60;

export type ArrearsPaymentStart = PaymentStart;
export { paymentOf };

/** The arrears' orders, newest first. */
export const ordersOf = (deps: ParkingDeps, arrearsId: string) =>
  arrearsOrders(deps.db).find({ arrearsId }, { orderBy: [['createdAt', 'desc']], limit: 20 });

/** The arrears order's state after asking the platform (server/pay-orders resolvePayOrder). */
export const resolveArrearsOrder = (
  deps: ParkingDeps,
  orderId: string,
  options?: { force?: boolean },
) => resolvePayOrder(arrearsOrderKind, deps, orderId, options);

/**
 * Starts (or reuses) the payment of open arrears. Answers the order as it stands: with its
 * payment parameters while open, or paid when an earlier order turned out paid.
 */
export async function startArrearsPayment(
  deps: ParkingDeps,
  openid: string,
  arrears: ArrearsDoc,
): Promise<{ order?: ArrearsOrderDoc; payment?: ArrearsPaymentStart }> {
  const lot = await requireLot(deps.db, arrears.lotId);
  if (!deps.platform.has(lot.cusid)) throw parkingErrors.merchantMissing();
  const now = await deps.clock.now();
  for (const earlier of await ordersOf(deps, arrears._id)) {
    if (!isOpenPayOrder(earlier)) continue;
    const payment = paymentOf(earlier);
    if (payment && earlier.openid === openid && now - earlier.createdAt < REUSE_SECONDS) {
      return { order: earlier, payment };
    }
    const after = await resolveArrearsOrder(deps, earlier._id, { force: true });
    if (after.status === 'paid') return { order: after };
  }
  const order: ArrearsOrderDoc = {
    _id: newCallId('arrearsPay', now, deps.random),
    arrearsId: arrears._id,
    lotId: lot.id,
    plate: arrears.plate,
    openid,
    amount: arrears.due,
    status: 'requested',
    cusid: lot.cusid,
    parkingNo: lot.parkingNo,
    pro: lot.pro,
    createdAt: now,
  };
  return sendPayOrder(arrearsOrderKind, deps, order, arrears.plate);
}
