import { AppError } from '../../api-kit/app-error';
import { sessionOf } from '../../cloud/session-doc';
import { parkingErrors } from '../app-errors';
import type { ParkingDeps } from '../deps';
import { requireGate, requireLot } from '../places';
import { type PlateChoice, resolveDriverPlate } from '../plates';
import { findLiveByPlate } from '../session-store';
import type { Quote } from '../../contract/driver-views';
import { quoteOf } from '../views';
import { isVisibleTo, payableSession } from './access';

/**
 * The fee now, with its breakdown, for a session named by id or by the plate at a gate or lot
 * (the driver at the exit types the plate). Read-only: nothing is claimed by a quote.
 */
export type QuoteInput =
  { sessionId: string } | ({ gateId: string } & PlateChoice) | ({ lotId: string } & PlateChoice);

export async function quoteSession(
  deps: ParkingDeps,
  openid: string,
  input: QuoteInput,
): Promise<Quote> {
  const now = await deps.clock.now();
  if ('sessionId' in input) {
    const { session } = await payableSession(deps, input.sessionId, openid);
    return quoteOf(session, now);
  }
  const lotId = 'gateId' in input ? (await requireGate(deps.db, input.gateId)).lotId : input.lotId;
  const lot = await requireLot(deps.db, lotId);
  const { plate } = resolveDriverPlate(input, lot, openid);
  const doc = await findLiveByPlate(deps.db, lot.id, plate);
  if (!doc) throw parkingErrors.notInside();
  const session = sessionOf(doc);
  if (!isVisibleTo(session, openid)) throw parkingErrors.notInside();
  if (session.flow === 'roadside_booking' && 'gateId' in input) {
    throw new AppError('NOT_INSIDE', '未找到该车辆的在场记录');
  }
  return quoteOf(session, now);
}
