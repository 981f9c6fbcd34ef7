import { resolveOpenCalls } from '../calls/execute';
import type { ParkingDeps } from '../deps';
import type { Confirmation } from '../../contract/driver-views';
import { quoteOf } from '../views';
import { ownSession } from './access';
import { openPaymentOf } from './payment-sheet';

/**
 * After wx.requestPayment (success, cancel or failure alike) the mini-program asks here: the
 * platform is queried for every open call at once (protocol note 9), so that a paid driver never
 * waits for a late or lost notification.
 */
export type { Confirmation };

export async function confirmPayment(
  deps: ParkingDeps,
  openid: string,
  sessionId: string,
): Promise<Confirmation> {
  await ownSession(deps, sessionId, openid);
  await resolveOpenCalls(deps, sessionId);
  const { session } = await ownSession(deps, sessionId, openid);
  const now = await deps.clock.now();
  const payment = await openPaymentOf(deps, session);
  return { ...quoteOf(session, now), ...(payment && { payment }) };
}
