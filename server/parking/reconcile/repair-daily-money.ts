import { clearMoneyPending } from '../../cloud/session-cas';
import { sessionOf } from '../../cloud/session-doc';
import { dailyWrites, recordDailyMoney } from '../../operator/daily-money';
import type { ReconcileRun } from './run';

/**
 * A writer gets this long to write the per-day totals after its session write; later, reconcile
 * writes them. Both write the same figures (version-guarded), so an overlap changes nothing.
 */
export const MONEY_PENDING_GRACE_SECONDS = 10;

/**
 * Step 6: sessions whose money changed but whose per-day totals were not written (the writer
 * stopped in between, or a day write failed) get them written from the session as stored.
 */
export async function repairDailyMoney(run: ReconcileRun): Promise<void> {
  const { deps, now, report, sessions } = run;
  const pending = await sessions.find(
    { moneyPendingAt: deps.db.cmd.lte(now - MONEY_PENDING_GRACE_SECONDS) },
    { limit: run.batch },
  );
  await run.each(pending, async (doc) => {
    const session = sessionOf(doc);
    if (await recordDailyMoney(deps.db, dailyWrites(undefined, session))) {
      await clearMoneyPending(deps.db, doc._id, session.version);
      report.moneyRepaired += 1;
    }
  });
}
