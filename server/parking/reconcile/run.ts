import type { Lot } from '../../../core/parking/lot';
import { mapLimited } from '../../async/map-limited';
import type { Collection } from '../../cloud/database';
import type { SessionDoc } from '../../cloud/session-doc';
import { COLLECTIONS } from '../../store/collections';
import type { ParkingDeps } from '../deps';
import { loadLot } from '../places';

export interface ReconcileOptions {
  batch?: number;
  /** Stop starting new work after this long, inside the function's timeout. */
  budgetMs?: number;
  /** Sessions worked on at once (platform queries in flight). */
  parallel?: number;
}

export interface ReconcileReport {
  at: number;
  queried: number;
  resolved: number;
  noShows: number;
  settledBeforeEnd: number;
  platformSettled: number;
  flaggedStale: number;
  closed: number;
  noncesRemoved: number;
  /** Sessions whose per-day money totals were written by reconcile (repair-daily-money.ts). */
  moneyRepaired: number;
  errors: number;
  /** Work was left for the next run (budget spent or a batch full). */
  more: boolean;
}

/** What the steps of one reconcile run share: its time, batch, budget, lot cache and report. */
export interface ReconcileRun {
  deps: ParkingDeps;
  now: number;
  batch: number;
  report: ReconcileReport;
  sessions: Collection<SessionDoc>;
  lotOf(id: string): Promise<Lot | undefined>;
  /** Works on the docs a few at a time within the budget; a failure is counted, not thrown. */
  each(docs: SessionDoc[], work: (doc: SessionDoc) => Promise<void>): Promise<void>;
}

export function startRun(deps: ParkingDeps, now: number, options: ReconcileOptions): ReconcileRun {
  const batch = options.batch ?? 50;
  const parallel = options.parallel ?? 8;
  const deadline = Date.now() + (options.budgetMs ?? 40_000);
  const report: ReconcileReport = {
    at: now,
    queried: 0,
    resolved: 0,
    noShows: 0,
    settledBeforeEnd: 0,
    platformSettled: 0,
    flaggedStale: 0,
    closed: 0,
    noncesRemoved: 0,
    moneyRepaired: 0,
    errors: 0,
    more: false,
  };
  const lots = new Map<string, Lot | undefined>();
  const lotOf = async (id: string) => {
    if (!lots.has(id)) lots.set(id, await loadLot(deps.db, id));
    return lots.get(id);
  };
  // Sessions are independent (every change is a compare-and-set), so a few go side by side: one
  // slow or timed-out platform query must not hold up the payments queued behind it.
  const each = async (docs: SessionDoc[], work: (doc: SessionDoc) => Promise<void>) => {
    if (docs.length === batch) report.more = true;
    await mapLimited(docs, parallel, async (doc) => {
      if (Date.now() > deadline) {
        report.more = true;
        return;
      }
      try {
        await work(doc);
      } catch (error) {
        report.errors += 1;
        deps.log.error('reconcile step failed', { sessionId: doc._id, error: String(error) });
      }
    });
  };
  return {
    deps,
    now,
    batch,
    report,
    sessions: deps.db.collection<SessionDoc>(COLLECTIONS.sessions),
    lotOf,
    each,
  };
}
