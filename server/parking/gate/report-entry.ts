import type { Gate } from '../../../core/parking/gate';
import { AppError } from '../../api-kit/app-error';
import { sessionOf } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { requireLotWithTariff } from '../places';
import { createSession } from '../services/create-session';
import { closeIfLeftUnseen } from '../services/supersede';
import { findLiveByPlate } from '../session-store';
import { sessionSummary } from './gate-session';

/** A vehicle entered at an entry gate: the plate's session, opened (exit_pay) unless it has one. */
export async function reportEntry(
  deps: ParkingDeps,
  lotId: string,
  gate: Gate,
  plate: string,
  at: number,
) {
  if (gate.kind !== 'entry')
    throw new AppError('WRONG_GATE', 'entries are reported at an entry gate');
  const existing = await findLiveByPlate(deps.db, lotId, plate);
  // Seen entering again: a paid or long-open session of the plate left unseen (未记录出场).
  if (existing && !(await closeIfLeftUnseen(deps, existing, at, 'gate'))) {
    return { ...sessionSummary(sessionOf(existing)), created: false };
  }
  const { lot, tariff } = await requireLotWithTariff(deps.db, lotId);
  const created = await createSession(deps, {
    lot,
    tariff,
    flow: 'exit_pay',
    plate,
    gateId: gate.id,
    now: at,
  });
  if (!created.created) {
    if (!created.holder) throw new AppError('BUSY', 'the plate is being registered, try again');
    return { ...sessionSummary(sessionOf(created.holder)), created: false };
  }
  return { ...sessionSummary(sessionOf(created.doc)), created: true };
}
