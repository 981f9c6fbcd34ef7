import { notLeft } from '../../../core/parking/reconcile-rules';
import { refuse } from '../../../core/parking/result';
import { applySessionEvent } from '../../cloud/session-cas';
import { sessionOf } from '../../cloud/session-doc';
import type { ReconcileRun } from './run';

/** Step 4b: gated sessions paid (at a pay station) and not seen leaving within the window: flagged. */
export async function flagNotLeft(run: ReconcileRun): Promise<void> {
  const { deps, now, report, sessions } = run;
  const paidGated = await sessions.find(
    { state: 'paid', flagged: false, mayLeaveUntil: deps.db.cmd.lt(now) },
    { limit: run.batch },
  );
  await run.each(paidGated, async (doc) => {
    const session = sessionOf(doc);
    if (!notLeft(session, now)) return;
    const result = await applySessionEvent(deps.db, doc._id, (current) =>
      notLeft(current, now)
        ? {
            type: 'anomaly_recorded',
            at: now,
            by: 'reconcile',
            code: 'not_left',
            detail: `paid, not seen leaving by ${current.mayLeaveUntil}`,
          }
        : refuse('NOT_APPLICABLE', 'left or flagged meanwhile'),
    );
    if (result.ok && result.outcome === 'applied') report.flaggedStale += 1;
  });
}
