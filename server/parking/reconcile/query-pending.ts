import { PENDING_STATES } from '../../../core/parking/session-states';
import { resolveOpenCalls } from '../calls/execute';
import type { ReconcileRun } from './run';

/** Step 1: sessions with a call out are queried (protocol notes 4 and 9), oldest check first. */
export async function queryPending(run: ReconcileRun): Promise<void> {
  const { deps, now, report, sessions } = run;
  const { cmd } = deps.db;
  const pending = await sessions.find(
    { state: cmd.in(PENDING_STATES) },
    { orderBy: [['checkedAt', 'asc']], limit: run.batch },
  );
  await run.each(pending, async (doc) => {
    await sessions.updateWhere({ _id: doc._id }, { checkedAt: now });
    report.queried += 1;
    const after = await resolveOpenCalls(deps, doc._id, { patient: true });
    if (after && after.version !== doc.version) report.resolved += 1;
  });
}
