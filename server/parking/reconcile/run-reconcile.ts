import { remindExpiringPasses } from '../../passes/reconcile';
import { queryOpenOrders } from '../../pay-orders/kinds';
import type { ParkingDeps } from '../deps';
import { closePaidRoadside } from './close-paid-roadside';
import { flagNotLeft } from './flag-not-left';
import { flagStale } from './flag-stale';
import { queryPending } from './query-pending';
import { remindBookings } from './remind-bookings';
import { removeNonces } from './remove-nonces';
import { repairDailyMoney } from './repair-daily-money';
import { type ReconcileOptions, type ReconcileReport, startRun } from './run';
import { settleDue } from './settle-due';

/**
 * The reconcile timer (every minute). Each run takes bounded batches, one step after another:
 * 1. sessions with a call out: queried (query-pending.ts);
 * 2. bookings whose hold is over and freezes nearing endTime: settled (settle-due.ts);
 * 3. sessions unfinished beyond the lot's limit: flagged for an operator (flag-stale.ts);
 * 4. roadside sessions paid and past their grace time: closed (close-paid-roadside.ts), and gated
 *    ones paid and not seen leaving: flagged (flag-not-left.ts);
 * 5. gate nonces older than the replay window: removed (remove-nonces.ts);
 * 6. pass and arrears payments still open: queried (server/pay-orders), and passes near their
 *    end date reminded (server/passes/reconcile.ts).
 * 7. sessions whose per-day money totals were left unwritten: written (repair-daily-money.ts).
 * Which action applies is decided by core/parking reconcileActions; the queries only find candidates.
 */
export async function runReconcile(
  deps: ParkingDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const run = startRun(deps, await deps.clock.now(), options);
  await queryPending(run);
  await settleDue(run);
  await remindBookings(run);
  await flagStale(run);
  await closePaidRoadside(run);
  await flagNotLeft(run);
  await removeNonces(run);
  await queryOpenOrders(run);
  await remindExpiringPasses(run);
  await repairDailyMoney(run);
  deps.log.info('reconcile', { ...run.report });
  return run.report;
}
