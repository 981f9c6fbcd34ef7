import type { ReconcileRun } from '../parking/reconcile/run';
import { passSchema } from '../../core/passes';
import { sendPassExpiring } from './messages';
import { resolvePassOrder } from './payment';
import { OPEN_ORDER_STATUSES, passOrders, passes } from './store';

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

/**
 * Reconcile's step for expiry reminders: passes whose `remindAt` has come get their subscribe
 * message (once per end date) and lose `remindAt`; a renewal sets it again for the new date.
 */
export async function remindExpiringPasses(
  run: Pick<ReconcileRun, 'deps' | 'now' | 'batch' | 'report'>,
) {
  const { deps, now, batch, report } = run;
  const due = await passes(deps.db).find(
    { remindAt: deps.db.cmd.lte(now) },
    { orderBy: [['remindAt', 'asc']], limit: batch },
  );
  if (due.length === batch) report.more = true;
  for (const doc of due) {
    try {
      const pass = passSchema.parse(doc);
      if (pass.revokedAt === undefined && now < pass.endAt) {
        await sendPassExpiring(deps.db, pass, now);
      }
      await passes(deps.db).updateWhere(
        { _id: doc._id, remindAt: doc.remindAt },
        { remindAt: deps.db.cmd.remove() },
      );
    } catch (error) {
      report.errors += 1;
      deps.log.warn('pass reminder not sent', {
        passId: doc._id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
