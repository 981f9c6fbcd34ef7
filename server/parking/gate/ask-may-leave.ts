import type { Gate } from '../../../core/parking/gate';
import { MAY_LEAVE_TEXT, mayLeave } from '../../../core/parking/may-leave';
import { AppError } from '../../api-kit/app-error';
import { sessionOf } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { findClosedAtExit, findLiveByPlate } from '../session-store';
import { dueNow, prepareExit, sessionSummary } from './gate-session';

/** The exit gate asks whether a plate may leave now (its freeze settled, its pay learnt first). */
export async function askMayLeave(
  deps: ParkingDeps,
  lotId: string,
  gate: Gate,
  plate: string,
  now: number,
) {
  if (gate.kind !== 'exit') throw new AppError('WRONG_GATE', 'ask at an exit gate');
  const found = await findLiveByPlate(deps.db, lotId, plate);
  if (!found) {
    // Paid at this exit's code: closed at the scan, and the gate opens within its window.
    const closed = await findClosedAtExit(deps.db, lotId, plate, now);
    if (closed) {
      const session = sessionOf(closed);
      const verdict = mayLeave(session, now);
      return {
        ...sessionSummary(session),
        allowed: verdict.allowed,
        reason: verdict.reason,
        text: MAY_LEAVE_TEXT[verdict.reason],
        ...(session.mayLeaveUntil !== undefined && { mayLeaveUntil: session.mayLeaveUntil }),
      };
    }
    return { allowed: false, reason: 'not_inside', text: MAY_LEAVE_TEXT.not_inside };
  }
  const session = sessionOf(await prepareExit(deps, found, now));
  const due = dueNow(session, now);
  const verdict = mayLeave(session, now, due);
  return {
    ...sessionSummary(session),
    allowed: verdict.allowed,
    reason: verdict.reason,
    text: MAY_LEAVE_TEXT[verdict.reason],
    ...(due !== undefined && { due }),
    ...(session.mayLeaveUntil !== undefined && { mayLeaveUntil: session.mayLeaveUntil }),
  };
}
