import { reconcileActions } from '../../../core/parking/reconcile-rules';
import { refuse } from '../../../core/parking/result';
import { type Session, frozenLeft, prepayReqsn } from '../../../core/parking/session';
import { FREEZE_STATES } from '../../../core/parking/session-states';
import type { AllinpayResult } from '../../allinpay-client';
import { applySessionEvent } from '../../cloud/session-cas';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { recordAndSend, resolveOpenCalls } from '../calls/execute';
import { settledByPlatform } from '../calls/query-verdict';
import type { ParkingDeps } from '../deps';
import { newCallId } from '../ids';
import { settleFreeze } from '../services/settle';
import { noShow } from './no-show';
import type { ReconcileRun } from './run';

/**
 * Step 2: bookings whose hold is over (no-show) and freezes nearing endTime, settled by the lot's
 * `road` policy before the platform settles blindly (note 6); once endTime has passed, the
 * platform's own settlement is learnt by query instead.
 */
export async function settleDue(run: ReconcileRun): Promise<void> {
  const { deps, now, report, sessions } = run;
  const { cmd } = deps.db;
  const [holds, freezes] = await Promise.all([
    sessions.find({ state: 'booked', holdUntil: cmd.lte(now) }, { limit: run.batch }),
    sessions.find({ state: cmd.in(FREEZE_STATES), settleAt: cmd.lte(now) }, { limit: run.batch }),
  ]);
  const due = new Map([...holds, ...freezes].map((d) => [d._id, d]));
  await run.each([...due.values()], async (doc) => {
    const session = sessionOf(doc);
    const lot = await run.lotOf(session.lotId);
    if (!lot) return;
    const actions = reconcileActions(session, lot, now);
    if (actions.includes('query')) {
      await resolveOpenCalls(deps, doc._id, { patient: true });
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
