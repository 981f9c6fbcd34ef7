import { type PassOrderFacts, applyPassOrder, passSchema } from '../../core/passes';
import type { Database } from '../cloud/database';
import { sendPassReceipt } from './messages';
import type { ConfirmOutcome, PayOrderKind } from '../pay-orders/orders';
import { type PassOrderDoc, passOrders, passPlateId, passPlates, passes } from './store';

/**
 * Confirmed money (or an operator's issue) becomes pass time exactly once, however many
 * confirmations arrive and in whatever order (notification, query, reconcile):
 * 1. the order goes to `paid` by compare-and-set on its status (server/pay-orders: only the first
 *    confirmation moves it; the platform's completion time is kept, so dates never depend on it);
 * 2. the pass is created (insert by id) or extended by compare-and-set on its version, and the
 *    order's id joins the pass's `orderIds`, so applying it again finds it there and stops;
 * 3. the order is marked applied. A crash between the steps is repaired by the next confirmation.
 */
const MAX_ATTEMPTS = 8;

/** The driver is reminded this long before the end date (reconcile, server/passes/reconcile.ts). */
export const REMIND_BEFORE_SECONDS = 3 * 86_400;
const remindAtOf = (endAt: number) => endAt - REMIND_BEFORE_SECONDS;

/** Pass orders for server/pay-orders: paid or issued, the pass starts or is extended once. */
export const passOrderKind: PayOrderKind<PassOrderDoc> = {
  name: 'pass',
  orders: passOrders,
  settled: ['paid', 'issued'],
  isPlatformOrder: (order) => order.kind !== 'issue',
  apply: (db, order) => applyOrderToPass(db, order),
};

/** Step 2 and 3 for a paid or issued order; 'already' when its pass already holds it. */
export async function applyOrderToPass(db: Database, order: PassOrderDoc): Promise<ConfirmOutcome> {
  if (order.status !== 'paid' && order.status !== 'issued') return 'refused';
  const at = order.paidAt ?? order.createdAt;
  const facts: PassOrderFacts = {
    orderId: order._id,
    lotId: order.lotId,
    plates: order.plates,
    source: order.kind === 'issue' ? 'operator' : 'driver',
    terms: order.terms,
    ...(order.openid !== undefined && { openid: order.openid }),
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await passes(db).get(order.passId);
    const current = stored ? passSchema.parse(stored) : undefined;
    const result = applyPassOrder(current, order.passId, facts, at);
    if (!result.ok) {
      await passOrders(db).updateWhere(
        { _id: order._id },
        { error: { code: result.code, message: result.message } },
      );
      return 'refused';
    }
    const { pass, outcome } = result.value;
    if (outcome === 'applied') {
      const written = current
        ? (await passes(db).updateWhere(
            { _id: pass.id, version: current.version },
            {
              startAt: pass.startAt,
              endAt: pass.endAt,
              terms: db.cmd.set(pass.terms),
              orderIds: db.cmd.set(pass.orderIds),
              version: pass.version,
              updatedAt: pass.updatedAt,
              remindAt: remindAtOf(pass.endAt),
            },
          )) > 0
        : (await passes(db).insert({ ...pass, _id: pass.id, remindAt: remindAtOf(pass.endAt) })) ===
          'inserted';
      if (!written) continue; // someone else got there first: read again
    }
    for (const plate of pass.plates) {
      await passPlates(db).set(passPlateId(pass.lotId, plate), {
        lotId: pass.lotId,
        plate,
        passId: pass.id,
      });
    }
    await passOrders(db).updateWhere({ _id: order._id }, { applied: true, endAt: pass.endAt });
    if (outcome === 'applied') {
      // The driver's receipt message; a failure to send never undoes the payment's effect.
      await sendPassReceipt(db, { ...order, endAt: pass.endAt }, at).catch(() => undefined);
    }
    return outcome;
  }
  throw new Error(`pass ${order.passId}: too many concurrent changes`);
}
