import type { Session } from '../../../core/parking/session';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { parkingErrors } from '../app-errors';
import type { ParkingDeps } from '../deps';
import { readSessionDoc } from '../session-store';

/**
 * Who may see and change a session: the driver whose openid it carries. A session a gate
 * controller opened carries none until a driver pays for it (claimed in the same compare-and-set
 * as the payment); until then anyone at that lot may quote and pay it, as at a pay station.
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

/** Own, or not yet claimed by anybody. */
export async function payableSession(
  deps: ParkingDeps,
  id: string,
  openid: string,
): Promise<Found> {
  const doc = await readSessionDoc(deps.db, id);
  if (!doc || (doc.openid !== undefined && doc.openid !== openid)) {
    throw parkingErrors.sessionNotFound();
  }
  return { doc, session: sessionOf(doc) };
}

export function isVisibleTo(session: Pick<Session, 'openid'>, openid: string): boolean {
  return session.openid === undefined || session.openid === openid;
}

/** Sets the payer on an unclaimed session (used as the CAS `prepare`). */
export function claimFor(openid: string) {
  return (session: Session): Session =>
    session.openid === undefined ? { ...session, openid } : session;
}
