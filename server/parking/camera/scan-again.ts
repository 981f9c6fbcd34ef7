import type { Gate } from '../../../core/parking/gate';
import { scanPass } from '../../../core/parking/scan-pass';
import type { Session } from '../../../core/parking/session';
import { COLLECTIONS } from '../../store/collections';
import type { ParkingDeps } from '../deps';
import { newCallId } from '../ids';
import { loadLot } from '../places';

/** gate_events type: a driver scanned the gate's code again for a car its scan let through. */
export const SCAN_AGAIN = 'scan_again';

/**
 * The driver scanned the code of a gate again for a car that scan already let through (the
 * barrier stayed down: the camera missed the heartbeat reply that carried the open). The lane's
 * camera is told once more on its next heartbeat (serve-heartbeat.ts), like an operator's remote
 * open, so a paid driver is never left at a closed barrier. Nothing when the scan would not let
 * the car through now (core/parking/scan-pass.ts).
 */
export async function scanAgain(
  deps: ParkingDeps,
  gate: Gate,
  session: Session,
  now: number,
): Promise<boolean> {
  const lot = await loadLot(deps.db, gate.lotId);
  if (!scanPass(gate, { entryPrepay: lot?.entryPrepay ?? false }, session, now)) return false;
  await deps.db
    .collection<Record<string, unknown> & { _id: string }>(COLLECTIONS.gateEvents)
    .insert({
      _id: newCallId('op', now, deps.random),
      lotId: gate.lotId,
      gateId: gate.id,
      type: SCAN_AGAIN,
      at: now,
      receivedAt: now,
      sessionId: session.id,
      plate: session.plate,
    });
  return true;
}
