import { type Session, openCalls } from '../../../core/parking/session';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { parkingErrors } from '../app-errors';
import type { ParkingDeps } from '../deps';
import { readSessionDoc } from '../session-store';

/**
 * Who may see and change a session: the driver whose openid it carries. A session a gate
 * controller opened carries none until a driver pays for it (claimed in the same compare-and-set
 * as the payment); until then anyone at that lot may quote and pay it, as at a pay station.
 * A claim that paid nothing lapses (claimLapsed): otherwise anyone who knows a plate could start
 * a payment for that car, never complete it, and lock its driver out of paying.
 * Someone else's session is answered "not found", so that its existence does not leak.
 */
export interface Found {
  doc: SessionDoc;
  session: Session;
}

export async function ownSession(deps: ParkingDeps, id: string, openid: string): Promise<Found> {
  const doc = await readSessionDoc(deps.db, id);
  if (!doc || doc.openid !== openid) throw parkingErrors.sessionNotFound();
  return { doc, session: sessionOf(doc) };
}

/** Own, or not yet claimed by anybody, or claimed by a driver who paid nothing. */
export async function payableSession(
  deps: ParkingDeps,
  id: string,
  openid: string,
): Promise<Found> {
  const doc = await readSessionDoc(deps.db, id);
  if (!doc) throw parkingErrors.sessionNotFound();
  const session = sessionOf(doc);
  if (!isVisibleTo(session, openid)) throw parkingErrors.sessionNotFound();
  return { doc, session };
}

type ClaimFields = Pick<Session, 'openid' | 'claimed' | 'state' | 'amounts' | 'calls'>;

/**
 * A gate-opened session claimed by a driver who started a payment and let it fail or expire:
 * open again, nothing paid or frozen, no call out. The next driver who pays may claim it.
 */
export function claimLapsed(session: ClaimFields): boolean {
  return (
    session.claimed === true &&
    session.state === 'open' &&
    session.amounts.paid === 0 &&
    session.amounts.frozen === 0 &&
    openCalls(session).length === 0
  );
}

export function isVisibleTo(session: ClaimFields, openid: string): boolean {
  return session.openid === undefined || session.openid === openid || claimLapsed(session);
}

/** Sets the payer on an unclaimed session, or on a lapsed claim (used as the CAS `prepare`). */
export function claimFor(openid: string) {
  return (session: Session): Session =>
    session.openid === undefined || (session.openid !== openid && claimLapsed(session))
      ? { ...session, openid, claimed: true }
      : session;
}
