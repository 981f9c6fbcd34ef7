import { reconcileActions } from '../../../core/parking/reconcile-rules';
import { openCalls } from '../../../core/parking/session';
import { applySessionEvent } from '../../cloud/session-cas';
import { sessionOf } from '../../cloud/session-doc';
import { LIVE_STATES } from '../../../core/parking/session-states';
import type { ReconcileRun } from './run';

/** Step 3: sessions unfinished beyond the lot's limit are flagged for an operator, not billed on. */
export async function flagStale(run: ReconcileRun): Promise<void> {
  const { deps, now, report, sessions } = run;
  const { cmd } = deps.db;
  const stale = await sessions.find(
    { staleAt: cmd.lte(now), state: cmd.in(LIVE_STATES) },
    { limit: run.batch },
  );
  await run.each(stale, async (doc) => {
    const session = sessionOf(doc);
    const lot = await run.lotOf(session.lotId);
    if (!lot) return;
    if (!reconcileActions(session, lot, now).includes('flag_stale')) {
      if (openCalls(session).length === 0) {
        await sessions.updateWhere(
          { _id: doc._id },
          { staleAt: session.inTime + lot.staleSeconds },
        );
      }
      return;
    }
    const result = await applySessionEvent(
      deps.db,
      doc._id,
      () => ({ type: 'stale_flagged', at: now, by: 'reconcile' }),
      { extras: () => ({ staleAt: null }) },
    );
    if (result.ok && result.outcome === 'applied') report.flaggedStale += 1;
    if (result.ok && result.outcome === 'already') {
      await sessions.updateWhere({ _id: doc._id }, { staleAt: null });
    }
  });
}
