import type { ReconcileRun } from '../parking/reconcile/run';
import { OPEN_PAY_ORDER_STATUSES, type PayOrderBase, type PayOrderKind } from './orders';
import { resolvePayOrder } from './payment';

/**
 * Reconcile's step for pay orders: every order still open is asked about (protocol note 9),
 * oldest check first (`checkedAt`, index `status_1_checkedAt_1`), a batch a run. So a payment
 * whose notifications were all lost, and whose driver never came back to confirm, takes effect
 * at the first run after it; one still waiting for its payer stays open. Only a `pay` that may
 * still be on its way (`requested`, inside the send window) is left for a later run.
 * Counted in the run's `queried` and `resolved`.
 */
export async function queryOpenPayOrders<O extends PayOrderBase>(
  kind: PayOrderKind<O>,
  run: Pick<ReconcileRun, 'deps' | 'now' | 'batch' | 'report'>,
) {
  const { deps, now, batch, report } = run;
  const orders = kind.orders(deps.db);
  const due = await orders.find(
    { status: deps.db.cmd.in([...OPEN_PAY_ORDER_STATUSES]) },
    { orderBy: [['checkedAt', 'asc']], limit: batch },
  );
  if (due.length === batch) report.more = true;
  for (const order of due) {
    try {
      // Marked first: an order whose query keeps failing does not hold up the others.
      await orders.updateWhere({ _id: order._id, status: order.status }, { checkedAt: now });
      report.queried += 1;
      const after = await resolvePayOrder(kind, deps, order._id);
      if (after.status !== order.status) report.resolved += 1;
    } catch (error) {
      report.errors += 1;
      deps.log.warn(`${kind.name} order not resolved`, {
        orderId: order._id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
