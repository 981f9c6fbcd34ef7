import type { ReconcileRun } from '../parking/reconcile/run';
import { resolvePassOrder } from './payment';
import { OPEN_ORDER_STATUSES, passOrders } from './store';

/**
 * Reconcile's step for pass payments: orders still open once nobody is sending them any more are
 * queried (protocol note 9), so that a payment whose notification was lost and whose driver never
 * came back to confirm still starts its pass. Counted in the run's `queried` and `resolved`.
 */
export async function queryPassOrders(
  run: Pick<ReconcileRun, 'deps' | 'now' | 'batch' | 'report'>,
) {
  const { deps, now, batch, report } = run;
  const due = await passOrders(deps.db).find(
    {
      status: deps.db.cmd.in([...OPEN_ORDER_STATUSES]),
      createdAt: deps.db.cmd.lte(now - deps.platform.sendWindowSeconds),
    },
    { orderBy: [['createdAt', 'asc']], limit: batch },
  );
  if (due.length === batch) report.more = true;
  for (const order of due) {
    try {
      report.queried += 1;
      const after = await resolvePassOrder(deps, order._id);
      if (after.status !== order.status) report.resolved += 1;
    } catch (error) {
      report.errors += 1;
      deps.log.warn('pass order not resolved', {
        orderId: order._id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
