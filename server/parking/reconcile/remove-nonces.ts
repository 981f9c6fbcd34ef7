import { GATE_CLOCK_SKEW_SECONDS } from '../../gate-auth/gate-signature';
import { COLLECTIONS } from '../../store/collections';
import type { ReconcileRun } from './run';

/** Step 5: gate nonces past the replay window are removed (real time, like the check itself). */
export async function removeNonces(run: ReconcileRun): Promise<void> {
  const { deps, report } = run;
  const realNow = Math.floor(Date.now() / 1000);
  report.noncesRemoved = await deps.db
    .collection<{ _id: string }>(COLLECTIONS.gateNonces)
    .removeWhere({ at: deps.db.cmd.lt(realNow - 2 * GATE_CLOCK_SKEW_SECONDS) });
}
