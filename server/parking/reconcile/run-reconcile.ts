import type { Lot } from '../../../core/parking/lot';
import { notLeft, reconcileActions } from '../../../core/parking/reconcile-rules';
import { refuse } from '../../../core/parking/result';
import { type Session, frozenLeft, openCalls, prepayReqsn } from '../../../core/parking/session';
import { FREEZE_STATES, PENDING_STATES } from '../../../core/parking/session-states';
import { noShowCharge } from '../../../core/parking/tariff';
import type { AllinpayResult } from '../../allinpay-client';
import { type EventFactory, applySessionEvent } from '../../cloud/session-cas';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { GATE_CLOCK_SKEW_SECONDS } from '../../gate-auth/gate-signature';
import { mapLimited } from '../../async/map-limited';
import { COLLECTIONS } from '../../store/collections';
import { recordAndSend, resolveOpenCalls } from '../calls/execute';
import { settledByPlatform } from '../calls/query-verdict';
import type { ParkingDeps } from '../deps';
import { newCallId } from '../ids';
import { loadLot } from '../places';
import { settleFreeze } from '../services/settle';
import { LIVE_STATES } from '../session-store';

/**
 * The reconcile timer (every minute). Each run takes bounded batches:
 * 1. sessions with a call out: query the platform (protocol notes 4 and 9), oldest check first;
 * 2. bookings whose hold is over (no-show) and freezes nearing endTime (settled by the lot's
 *    `road` policy before the platform settles blindly, note 6); once endTime has passed, the
 *    platform's own settlement is learnt by query instead;
 * 3. sessions unfinished beyond the lot's limit: flagged for an operator, not billed without end;
 * 4. roadside sessions paid and past their grace time: closed (no gate reports them);
 * 5. gate nonces older than the replay window: removed.
 * Which action applies is decided by core/parking reconcileActions; the queries only find candidates.
 */
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
  errors: number;
  /** Work was left for the next run (budget spent or a batch full). */
  more: boolean;
}

const sessions = (deps: ParkingDeps) => deps.db.collection<SessionDoc>(COLLECTIONS.sessions);

export async function runReconcile(
  deps: ParkingDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const batch = options.batch ?? 50;
  const parallel = options.parallel ?? 8;
  const deadline = Date.now() + (options.budgetMs ?? 40_000);
  const now = await deps.clock.now();
  const { cmd } = deps.db;
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

  // 1. Calls out: query them.
  const pending = await sessions(deps).find(
    { state: cmd.in(PENDING_STATES) },
    { orderBy: [['checkedAt', 'asc']], limit: batch },
  );
  await each(pending, async (doc) => {
    await sessions(deps).updateWhere({ _id: doc._id }, { checkedAt: now });
    report.queried += 1;
    const after = await resolveOpenCalls(deps, doc._id);
    if (after && after.version !== doc.version) report.resolved += 1;
  });

  // 2. Holds over and freezes nearing endTime.
  const [holds, freezes] = await Promise.all([
    sessions(deps).find({ state: 'booked', holdUntil: cmd.lte(now) }, { limit: batch }),
    sessions(deps).find({ state: cmd.in(FREEZE_STATES), settleAt: cmd.lte(now) }, { limit: batch }),
  ]);
  const due = new Map([...holds, ...freezes].map((d) => [d._id, d]));
  await each([...due.values()], async (doc) => {
    const session = sessionOf(doc);
    const lot = await lotOf(session.lotId);
    if (!lot) return;
    const actions = reconcileActions(session, lot, now);
    if (actions.includes('query')) {
      await resolveOpenCalls(deps, doc._id);
      return;
    }
    if (!actions.includes('no_show') && !actions.includes('settle_before_end')) return;
    if (session.endTime !== undefined && now >= session.endTime) {
      // Too late to act first: learn what the platform did at endTime (note 6).
      if (await learnPlatformSettlement(deps, doc, session, now)) report.platformSettled += 1;
      return;
    }
    if (actions.includes('no_show')) {
      await noShow(deps, doc._id, now);
      report.noShows += 1;
    } else {
      await settleBeforeEnd(deps, doc._id, session, now);
      report.settledBeforeEnd += 1;
    }
  });

  // 3. Stale sessions.
  const stale = await sessions(deps).find(
    { staleAt: cmd.lte(now), state: cmd.in(LIVE_STATES) },
    { limit: batch },
  );
  await each(stale, async (doc) => {
    const session = sessionOf(doc);
    const lot = await lotOf(session.lotId);
    if (!lot) return;
    if (!reconcileActions(session, lot, now).includes('flag_stale')) {
      if (openCalls(session).length === 0) {
        await sessions(deps).updateWhere(
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
      await sessions(deps).updateWhere({ _id: doc._id }, { staleAt: null });
    }
  });

  // 4. Roadside sessions paid and gone.
  const paidRoadside = await sessions(deps).find(
    { flow: 'roadside_booking', state: 'paid', mayLeaveUntil: cmd.lt(now) },
    { limit: batch },
  );
  await each(paidRoadside, async (doc) => {
    const result = await applySessionEvent(deps.db, doc._id, () => ({
      type: 'exit_reported',
      at: now,
      by: 'reconcile',
      amountDue: 0,
    }));
    if (result.ok && result.outcome === 'applied') report.closed += 1;
  });

  // 4b. Gated sessions paid (at a pay station) and not seen leaving within the window: flagged.
  const paidGated = await sessions(deps).find(
    { state: 'paid', flagged: false, mayLeaveUntil: cmd.lt(now) },
    { limit: batch },
  );
  await each(paidGated, async (doc) => {
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

  // 5. Gate nonces past the replay window (real time, like the check itself).
  const realNow = Math.floor(Date.now() / 1000);
  report.noncesRemoved = await deps.db
    .collection<{ _id: string }>(COLLECTIONS.gateNonces)
    .removeWhere({ at: cmd.lt(realNow - 2 * GATE_CLOCK_SKEW_SECONDS) });

  deps.log.info('reconcile', { ...report });
  return report;
}

/** A booking's hold is over: take the no-show charge (finish feeType=9) or return it all. */
export async function noShow(deps: ParkingDeps, sessionId: string, now: number): Promise<void> {
  const make: EventFactory = (session) => {
    const left = frozenLeft(session);
    if (left === 0) return refuse('NOTHING_FROZEN', '没有冻结中的预付金额');
    const charge = noShowCharge(session.tariff, left);
    const callId = newCallId('op', now, deps.random);
    return charge > 0
      ? {
          type: 'no_show_requested',
          at: now,
          by: 'reconcile',
          callId,
          call: 'finish',
          amount: charge,
        }
      : {
          type: 'no_show_requested',
          at: now,
          by: 'reconcile',
          callId,
          call: 'cancel',
          amount: left,
        };
  };
  await recordAndSend(deps, sessionId, make);
}

/** Before endTime, by the lot's road: 1 charges what is due so far, 9 returns it all (note 6). */
async function settleBeforeEnd(
  deps: ParkingDeps,
  sessionId: string,
  session: Session,
  now: number,
): Promise<void> {
  if (session.state === 'booked') {
    // Still waiting for its driver as the freeze ends: the booking is given back whole.
    await recordAndSend(deps, sessionId, (current) => ({
      type: 'cancel_requested',
      at: now,
      by: 'reconcile',
      callId: newCallId('op', now, deps.random),
      amount: frozenLeft(current),
      reason: '冻结即将到期',
    }));
    return;
  }
  const policy = session.policy.road === 1 ? 'charge_due' : 'return_all';
  await settleFreeze(deps, sessionId, now, policy, 'before_end', 'reconcile');
}

async function learnPlatformSettlement(
  deps: ParkingDeps,
  doc: SessionDoc,
  session: Session,
  now: number,
): Promise<boolean> {
  const reqsn = prepayReqsn(session);
  if (!reqsn) return false;
  let result: AllinpayResult;
  try {
    result = (await deps.platform.client(doc.cusid).query({ reqsn })) as AllinpayResult;
  } catch (error) {
    deps.log.warn('query failed', { sessionId: session.id, error: String(error) });
    return false;
  }
  const applied = await applySessionEvent(
    deps.db,
    session.id,
    (current) =>
      settledByPlatform(current, result, now) ?? refuse('NOT_SETTLED', 'not settled yet'),
  );
  return applied.ok && applied.outcome === 'applied';
}
