import type { ReconcileRun } from '../parking/reconcile/run';
import { OPEN_ARREARS_ORDER_STATUSES, arrearsOrders } from './orders';
import { resolveArrearsOrder } from './payment';

/**
 * Reconcile's step for arrears payments: orders still open once nobody is sending them any more
 * are queried (protocol note 9), so that a payment whose notification was lost and whose driver
 * never came back to confirm still settles its arrears. Counted in `queried` and `resolved`.
 */
export async function queryArrearsOrders(
  run: Pick<ReconcileRun, 'deps' | 'now' | 'batch' | 'report'>,
) {
  const { deps, now, batch, report } = run;
  const due = await arrearsOrders(deps.db).find(
    {
      status: deps.db.cmd.in([...OPEN_ARREARS_ORDER_STATUSES]),
      createdAt: deps.db.cmd.lte(now - deps.platform.sendWindowSeconds),
    },
    { orderBy: [['createdAt', 'asc']], limit: batch },
  );
  if (due.length === batch) report.more = true;
  for (const order of due) {
    try {
      report.queried += 1;
      const after = await resolveArrearsOrder(deps, order._id);
      if (after.status !== order.status) report.resolved += 1;
    } catch (error) {
      report.errors += 1;
      deps.log.warn('arrears order not resolved', {
        orderId: order._id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
