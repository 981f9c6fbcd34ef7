import { parseScene } from '../../../core/parking/scene';
import { AppError } from '../../api-kit/app-error';
import { fromRefusal } from '../app-errors';
import type { ParkingDeps } from '../deps';
import { loadTariff, requireGate, requireLot, requireSpot, spotsOfLot } from '../places';
import { derivedPlate, forgetPlate, rememberedPlates } from '../plates';
import { liveSpotSessions } from '../session-store';
import { gateView, lotView, spotView, tariffView } from '../views';

/** What a scanned code points at, with what the driver needs to decide (lot rules, tariff). */
export async function resolveScene(deps: ParkingDeps, openid: string, scene: string) {
  const target = parseScene(scene);
  if (!target.ok) throw fromRefusal(target);
  const { kind, id } = target.value;
  const gate = kind === 'gate' ? await requireGate(deps.db, id) : undefined;
  const spotRecord = kind === 'spot' ? await requireSpot(deps.db, id) : undefined;
  const lot = await requireLot(deps.db, gate?.lotId ?? spotRecord?.lotId ?? id);
  const tariff = await loadTariff(deps.db, lot.tariffId);
  let spot;
  if (spotRecord) {
    const live = (await liveSpotSessions(deps.db, lot.id)).find((s) => s.spotId === spotRecord.id);
    spot = spotView(spotRecord, live, openid);
  }
  return {
    target: { kind, id },
    lot: lotView(lot),
    ...(gate && { gate: gateView(gate) }),
    ...(spot && { spot }),
    ...(tariff && { tariff: tariffView(tariff) }),
  };
}

/** The spots of a roadside lot with their state (free / booked / occupied) for the booking page. */
export async function lotSpots(deps: ParkingDeps, openid: string, lotId: string) {
  const lot = await requireLot(deps.db, lotId);
  if (lot.kind !== 'roadside') throw new AppError('NOT_ROADSIDE', '该停车场没有路侧泊位');
  const [spots, live, tariff] = await Promise.all([
    spotsOfLot(deps.db, lot.id),
    liveSpotSessions(deps.db, lot.id),
    loadTariff(deps.db, lot.tariffId),
  ]);
  const bySpot = new Map(live.map((s) => [s.spotId, s]));
  return {
    lot: lotView(lot),
    ...(tariff && { tariff: tariffView(tariff) }),
    spots: spots.map((s) => spotView(s, bySpot.get(s.id), openid)),
  };
}

export async function derivedPlateFor(deps: ParkingDeps, openid: string, lotId: string) {
  const lot = await requireLot(deps.db, lotId);
  return { plate: derivedPlate(lot, openid) };
}

export async function myPlates(deps: ParkingDeps, openid: string) {
  return { plates: await rememberedPlates(deps.db, openid) };
}

export async function forgetMyPlate(deps: ParkingDeps, openid: string, plate: string) {
  return { plates: await forgetPlate(deps.db, openid, plate) };
}
