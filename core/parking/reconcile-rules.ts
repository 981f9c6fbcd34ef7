import type { Lot } from './lot';
import { type Session, openCalls } from './session';
import { FREEZE_STATES, isFinal } from './session-states';

/**
 * What reconcile should do with a session at `now`, from the session and its lot alone. The
 * database queries select candidates; these decide, so that the rule lives in one place.
 */
export type ReconcileAction =
  | 'query' // a call may still succeed: query it (protocol notes 4 and 9)
  | 'no_show' // a booking's hold is over without arrival
  | 'settle_before_end' // a freeze nears endTime: settle it by the lot's road policy
  | 'flag_stale' // unfinished for longer than the lot's limit
  | 'flag_not_left' // paid at a pay station and not seen leaving within the leave window
  | 'none';

/** Actions due now, most urgent first (a query comes before any new call on the same session). */
export function reconcileActions(
  session: Session,
  lot: Pick<Lot, 'staleSeconds' | 'settleBeforeEndSeconds'>,
  now: number,
): ReconcileAction[] {
  if (openCalls(session).length > 0) return ['query'];
  const actions: ReconcileAction[] = [];
  if (session.state === 'booked' && now >= (session.holdUntil ?? Number.POSITIVE_INFINITY)) {
    actions.push('no_show');
  } else if (
    FREEZE_STATES.includes(session.state) &&
    session.endTime !== undefined &&
    now >= session.endTime - lot.settleBeforeEndSeconds
  ) {
    actions.push('settle_before_end');
  }
  const staleFlagged = session.anomalies.some(
    (a) => a.code === 'stale' && a.resolvedAt === undefined,
  );
  if (!isFinal(session.state) && !staleFlagged && now - session.inTime > lot.staleSeconds) {
    actions.push('flag_stale');
  }
  if (notLeft(session, now)) actions.push('flag_not_left');
  return actions.length ? actions : ['none'];
}

/**
 * Paid, the leave window over, and no exit seen (a gated lot: roadside sessions are closed by
 * reconcile instead): an operator should look; flagged once.
 */
export function notLeft(session: Session, now: number): boolean {
  return (
    session.state === 'paid' &&
    session.flow !== 'roadside_booking' &&
    now > (session.mayLeaveUntil ?? Number.POSITIVE_INFINITY) &&
    !session.anomalies.some((a) => a.code === 'not_left' && a.resolvedAt === undefined)
  );
}
