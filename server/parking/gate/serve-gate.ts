import type { Gate } from '../../../core/parking/gate';
import { validatePlate } from '../../../core/plate/classify';
import { AppError } from '../../api-kit/app-error';
import type { ParkingDeps } from '../deps';
import { loadGate } from '../places';
import { askMayLeave } from './ask-may-leave';
import { reportEntry } from './report-entry';
import { reportExit } from './report-exit';
import { type GateRequest, MAX_EVENT_AGE_SECONDS, MAX_EVENT_AHEAD_SECONDS } from './schemas';

/**
 * The gate services, for a call already authenticated as `lotId`: report an entry (opens a
 * session for the plate if it has none), report an exit, or ask whether a plate may leave.
 * Refusals are AppErrors and change nothing.
 */
export async function serveGate(
  deps: ParkingDeps,
  lotId: string,
  request: GateRequest,
  now: number,
): Promise<Record<string, unknown>> {
  const gate = await gateOfLot(deps, lotId, request.gateId);
  const plate = checkPlate(request.plate);
  switch (request.type) {
    case 'entry':
      return reportEntry(deps, lotId, gate, plate, eventTime(request.at, now));
    case 'exit':
      return reportExit(deps, lotId, gate, plate, eventTime(request.at, now));
    case 'may_leave':
      return askMayLeave(deps, lotId, gate, plate, now);
  }
}

async function gateOfLot(deps: ParkingDeps, lotId: string, gateId: string): Promise<Gate> {
  const gate = await loadGate(deps.db, gateId);
  if (!gate || gate.lotId !== lotId)
    throw new AppError('GATE_NOT_FOUND', 'no such gate in this lot');
  return gate;
}

function checkPlate(plate: string): string {
  const checked = validatePlate(plate, { allowDerived: true });
  if (!checked.ok) throw new AppError('PLATE_INVALID', checked.message);
  return checked.plate;
}

function eventTime(at: number | undefined, now: number): number {
  if (at === undefined) return now;
  if (at > now + MAX_EVENT_AHEAD_SECONDS || at < now - MAX_EVENT_AGE_SECONDS) {
    throw new AppError('TIME_INVALID', 'at is too far from the current time');
  }
  return at;
}
