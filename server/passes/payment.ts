import type { Lot } from '../../core/parking/lot';
import type { PassTerms } from '../../core/passes';
import { parkingErrors } from '../parking/app-errors';
import type { ParkingDeps } from '../parking/deps';
import { newCallId } from '../parking/ids';
import { isOpenPayOrder, paymentOf } from '../pay-orders/orders';
import { resolvePayOrder, sendPayOrder } from '../pay-orders/payment';
import { passOrderKind } from './apply-order';
import type { PassPaymentStart } from '../contract/pass-views';
import { type PassOrderDoc, passOrders } from './store';

/**
 * A pass bought or renewed by a driver is one platform `pay` (protocol note 5) recorded as a
 * pass order before it is sent (note 4): the pass starts or extends only when the payment is
 * confirmed, by notification, query or reconcile (server/pay-orders), exactly once (apply-order.ts).
 * Decision: a pass sale is not split (asinfo): the lot's split rules are about parking fees.
 */
export type { PassPaymentStart } from '../contract/pass-views';
export { paymentOf };

/** A repeated tap within this window gets the same open payment, never a second one. */
const REUSE_SECONDS = 15 * 60;

export interface NewOrder {
  lot: Lot;
  passId: string;
  kind: 'buy' | 'renew';
  openid: string;
  plates: string[];
  terms: PassTerms;
}

const samePurchase = (a: PassOrderDoc, b: NewOrder) =>
  a.passId === b.passId ||
  (b.kind === 'buy' &&
    a.kind === 'buy' &&
    a.terms.planId === b.terms.planId &&
    a.plates.join() === b.plates.join());

/** The driver's open payment for the same pass (or purchase), when still payable. */
async function openOrderFor(deps: ParkingDeps, input: NewOrder, now: number) {
  const recent = await passOrders(deps.db).find(
    { openid: input.openid },
    { orderBy: [['createdAt', 'desc']], limit: 20 },
  );
  return recent.find(
    (o) =>
      samePurchase(o, input) &&
      isOpenPayOrder(o) &&
      o.payinfo !== undefined &&
      now - o.createdAt < REUSE_SECONDS,
  );
}

export async function startPassPayment(
  deps: ParkingDeps,
  input: NewOrder,
): Promise<{ order: PassOrderDoc; payment?: PassPaymentStart }> {
  const { lot } = input;
  if (!deps.platform.has(lot.cusid)) throw parkingErrors.merchantMissing();
  const now = await deps.clock.now();
  const reuse = await openOrderFor(deps, input, now);
  if (reuse) {
    const payment = paymentOf(reuse);
    return { order: reuse, ...(payment && { payment }) };
  }
  const reqsn = newCallId('passPay', now, deps.random);
  const order: PassOrderDoc = {
    _id: reqsn,
    lotId: lot.id,
    passId: input.passId,
    kind: input.kind,
    openid: input.openid,
    plates: input.plates,
    terms: input.terms,
    amount: input.terms.price,
    status: 'requested',
    cusid: lot.cusid,
    parkingNo: lot.parkingNo,
    pro: lot.pro,
    createdAt: now,
  };
  return sendPayOrder(passOrderKind, deps, order, input.plates[0] as string);
}

/** The pass order's state after asking the platform (server/pay-orders resolvePayOrder). */
export const resolvePassOrder = (
  deps: ParkingDeps,
  orderId: string,
  options?: { force?: boolean },
) => resolvePayOrder(passOrderKind, deps, orderId, options);
