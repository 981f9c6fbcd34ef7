import { refuse } from '../../../core/parking/result';
import { type Session, openCalls } from '../../../core/parking/session';
import { applySessionEvent } from '../../cloud/session-cas';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { settleFreeze } from './settle';

/**
 * An open session younger than this is taken for the same visit when its plate enters again (a
 * second tap, a camera reading twice); older, the car must have left unseen.
 */
export const REENTRY_AFTER_SECONDS = 600;

/**
 * Whether a new entry of the plate means this live session's car left without its exit being
 * recorded: paid (it would not pay again to stay), or open and older than a repeat, with no
 * money moving. Frozen or pending sessions are left alone (their money must end first).
 */
export function leftUnseen(session: Session, now: number): boolean {
  if (openCalls(session).length > 0) return false;
  // A late or repeated report of an entry older than the payment is not a new visit.
  if (session.state === 'paid') return now > (session.paidAt ?? session.inTime);
  return session.state === 'open' && now - session.inTime >= REENTRY_AFTER_SECONDS;
}

/**
 * An entry prepay still frozen, older than a repeat, with no money moving: its car left unseen
 * too, but its freeze must be settled before the session can close.
 */
export function frozenLeftUnseen(session: Session, now: number): boolean {
  return (
    session.state === 'frozen' &&
    session.flow === 'entry_prepay' &&
    openCalls(session).length === 0 &&
    now - session.inTime >= REENTRY_AFTER_SECONDS
  );
}

/**
 * A frozen entry prepay whose car enters again: the stay up to this new entry is charged from
 * the freeze (finish, the rest returned, protocol note 7), as any unpaid stay is billed to the new
 * entry, then the session closes as 未记录出场. The freeze would otherwise be held (or, with
 * road=1, charged in full) until endTime. false when the settlement did not complete now (the
 * reconcile finishes it; the new entry waits).
 */
async function settleAndClose(deps: ParkingDeps, holder: SessionDoc, now: number, by: string) {
  const settled = await settleFreeze(deps, holder._id, now, 'charge_due', 'exit', by);
  const after = sessionOf(settled.doc);
  // paid: the freeze covered the stay; open: it did not, and the balance stays owed (flagged).
  const settledNow = (s: Session) =>
    (s.state === 'paid' || s.state === 'open') && openCalls(s).length === 0;
  if (!settledNow(after)) return after.state === 'closed';
  const result = await applySessionEvent(deps.db, holder._id, (current) =>
    settledNow(current)
      ? { type: 'exit_not_recorded', at: now, by }
      : refuse('STILL_HERE', 'the session is not one left unseen'),
  );
  return result.ok && result.session.state === 'closed';
}

/**
 * Closes `holder` as "exit not recorded" (未记录出场, flagged for an operator) when the new entry
 * means its car left unseen; true when it is closed now (by us or someone else).
 */
export async function closeIfLeftUnseen(
  deps: ParkingDeps,
  holder: SessionDoc,
  now: number,
  by: string,
): Promise<boolean> {
  if (frozenLeftUnseen(sessionOf(holder), now)) return settleAndClose(deps, holder, now, by);
  if (!leftUnseen(sessionOf(holder), now)) return false;
  const result = await applySessionEvent(deps.db, holder._id, (current) =>
    leftUnseen(current, now)
      ? { type: 'exit_not_recorded', at: now, by }
      : refuse('STILL_HERE', 'the session is not one left unseen'),
  );
  return result.ok && result.session.state === 'closed';
}
