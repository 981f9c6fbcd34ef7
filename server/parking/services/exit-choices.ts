import { AppError } from '../../api-kit/app-error';
import type { ParkingDeps } from '../deps';
import { requireGate, requireLot } from '../places';
import { liveSessionsOf } from '../session-store';
import type { Quote } from '../../contract/driver-views';
import { gateView, lotView, quoteOf } from '../views';

/**
 * The cars a driver has in a lot, for the exit (or pay station) they scanned: every live session
 * of theirs there, newest first, each with its quote. With more than one the page asks which car
 * is leaving (plates listed): an old session never hides a newer one.
 */
export async function exitChoices(deps: ParkingDeps, openid: string, gateId: string) {
  const gate = await requireGate(deps.db, gateId);
  if (gate.kind === 'entry') throw new AppError('NOT_AN_EXIT', '请扫描出口或缴费点的二维码');
  const lot = await requireLot(deps.db, gate.lotId);
  const now = await deps.clock.now();
  const mine = (await liveSessionsOf(deps.db, openid)).filter(
    (s) => s.lotId === lot.id && s.flow !== 'roadside_booking',
  );
  const choices: Quote[] = mine.map((s) => quoteOf(s, now));
  return { lot: lotView(lot), gate: gateView(gate), choices };
}
