import { arrearsCollection } from '../../arrears/record';
import { sessionOf } from '../../cloud/session-doc';
import { learnPayCoupons, payCouponsUnknown } from '../calls/learn-coupons';
import type { ParkingDeps } from '../deps';
import type { Receipt, SessionView } from '../../contract/driver-views';
import { quoteOf, receiptOf, sessionView } from '../views';
import { listOwnSessions } from '../session-store';
import { ownSession } from './access';

/** The driver's own sessions: the live ones, then the history (newest first, paged by inTime). */
export async function mySessions(
  deps: ParkingDeps,
  openid: string,
  input: { before?: number; limit: number },
): Promise<{ live: SessionView[]; history: SessionView[]; nextBefore?: number }> {
  const live =
    input.before === undefined
      ? await listOwnSessions(deps.db, openid, { live: true, limit: 20 })
      : [];
  const history = await listOwnSessions(deps.db, openid, {
    live: false,
    limit: input.limit,
    ...(input.before !== undefined && { before: input.before }),
  });
  const last = history.at(-1);
  return {
    live: live.map(sessionView),
    history: history.map(sessionView),
    ...(history.length === input.limit && last && { nextBefore: last.inTime }),
  };
}

export async function sessionDetail(
  deps: ParkingDeps,
  openid: string,
  sessionId: string,
): Promise<{ receipt: Receipt; quote?: ReturnType<typeof quoteOf> }> {
  const found = await ownSession(deps, sessionId, openid);
  // A pay paid by notification: learn its coupons first, so the receipt's 优惠/实付 are true.
  const session = payCouponsUnknown(found.session).length
    ? sessionOf(await learnPayCoupons(deps, found.doc))
    : found.session;
  const now = await deps.clock.now();
  const receipt = receiptOf(session, now);
  // A stay that closed owing: its arrears record (`_id` = the session id) says what became of it.
  const arrears =
    session.flow === 'roadside_booking' && session.state === 'closed'
      ? await arrearsCollection(deps.db).get(session.id)
      : undefined;
  if (arrears) receipt.arrears = { due: arrears.due, state: arrears.state };
  return receipt.session.final ? { receipt } : { receipt, quote: quoteOf(session, now) };
}
