import type { Gate } from '../../../core/parking/gate';
import type { Lot } from '../../../core/parking/lot';
import { laneEntryVerdict } from '../../passes/lane';
import type { ParkingDeps } from '../deps';
import { requireLotWithTariff } from '../places';
import { createSession } from '../services/create-session';

/**
 * An exit read of a plate with no entry record (无入场记录), for `/gate` and `/camera` alike. The
 * lot's setting decides (Lot.noEntryFee): a fixed fee, or closed for the operator. A pass or
 * whitelist car is never charged it (its entry was missed, not its right): the operator sees it.
 */
export async function noEntryFeeFor(
  deps: ParkingDeps,
  lot: Lot | undefined,
  plate: string,
  now: number,
): Promise<number | undefined> {
  if (!lot || lot.kind !== 'gated' || lot.noEntryFee === undefined) return undefined;
  const verdict = await laneEntryVerdict(deps.db, lot.id, plate, now);
  return verdict.kind === 'free' ? undefined : lot.noEntryFee;
}

/**
 * The session of a plate with no entry record, opened at this exit owing the lot's fixed fee
 * (flagged for the operator); paid from the lane's code like any other. The plate lock makes a
 * repeated or concurrent read find that session instead of opening a second one.
 */
export async function openNoEntrySession(
  deps: ParkingDeps,
  gate: Gate,
  plate: string,
  fee: number,
  now: number,
): Promise<string | undefined> {
  const { lot, tariff } = await requireLotWithTariff(deps.db, gate.lotId);
  const created = await createSession(deps, {
    lot,
    tariff,
    flow: 'exit_pay',
    plate,
    gateId: gate.id,
    noEntryFee: fee,
    now,
  });
  if (created.created) {
    deps.log.info('no entry record', { sessionId: created.doc._id, gateId: gate.id, fee });
    return created.doc._id;
  }
  return created.holder?._id;
}
