import type { Gate } from '../../../core/parking/gate';
import { AppError } from '../../api-kit/app-error';
import { sessionOf } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { requireLotWithTariff } from '../places';
import { createSession } from '../services/create-session';
import { closeIfLeftUnseen } from '../services/supersede';
import { findLiveByPlate } from '../session-store';
import { laneEntryVerdict } from '../../passes/lane';
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
  // Blacklist, whitelist and passes (core/passes/lane-rule.ts), the camera's rule too.
  const verdict = await laneEntryVerdict(deps.db, lotId, plate, at);
  if (verdict.kind === 'refuse') {
    throw new AppError('ENTRY_REFUSED', verdict.text, { reason: verdict.reason });
  }
  const lane = {
    led: verdict.text,
    ...(verdict.kind === 'free' && verdict.warning && { warning: verdict.warning }),
    ...(verdict.kind === 'visitor' && verdict.note && { note: verdict.note }),
  };
  const existing = await findLiveByPlate(deps.db, lotId, plate);
  // Seen entering again: a paid or long-open session of the plate left unseen (未记录出场).
  if (existing && !(await closeIfLeftUnseen(deps, existing, at, 'gate'))) {
    return { ...sessionSummary(sessionOf(existing)), created: false, ...lane };
  }
  const { lot, tariff } = await requireLotWithTariff(deps.db, lotId);
  const created = await createSession(deps, {
    lot,
    tariff,
    flow: 'exit_pay',
    plate,
    gateId: gate.id,
    ...(verdict.kind === 'free' && { privilege: verdict.privilege }),
    now: at,
  });
  if (!created.created) {
    if (!created.holder) throw new AppError('BUSY', 'the plate is being registered, try again');
    return { ...sessionSummary(sessionOf(created.holder)), created: false, ...lane };
  }
  return { ...sessionSummary(sessionOf(created.doc)), created: true, ...lane };
}
