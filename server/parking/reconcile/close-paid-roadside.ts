import { applySessionEvent } from '../../cloud/session-cas';
import type { ReconcileRun } from './run';

/** Step 4: roadside sessions paid and past their grace time are closed (no gate reports them). */
export async function closePaidRoadside(run: ReconcileRun): Promise<void> {
  const { deps, now, report, sessions } = run;
  const paidRoadside = await sessions.find(
    { flow: 'roadside_booking', state: 'paid', mayLeaveUntil: deps.db.cmd.lt(now) },
    { limit: run.batch },
  );
  await run.each(paidRoadside, async (doc) => {
    const result = await applySessionEvent(deps.db, doc._id, () => ({
      type: 'exit_reported',
      at: now,
      by: 'reconcile',
      amountDue: 0,
    }));
    if (result.ok && result.outcome === 'applied') report.closed += 1;
  });
}
