import type { ReconcileRun } from '../parking/reconcile/run';
import { passSchema } from '../../core/passes';
import { sendPassExpiring } from './messages';
import { passes } from './store';

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
