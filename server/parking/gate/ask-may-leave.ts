import type { Gate } from '../../../core/parking/gate';
import { decideLane } from '../../../core/parking/lane-decision';
import { MAY_LEAVE_TEXT, type MayLeaveReason } from '../../../core/parking/may-leave';
import { AppError } from '../../api-kit/app-error';
import { sessionOf } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { exitSessionOf } from '../lane/exit-session';
import { sessionSummary } from './gate-session';
import { laneExitText } from '../../passes/lane';

/**
 * The exit gate asks whether a plate may leave now (its freeze settled, its pay learnt first):
 * the lane decision (core/parking/lane-decision.ts), the same one the plate cameras get.
 */
export async function askMayLeave(
  deps: ParkingDeps,
  lotId: string,
  gate: Gate,
  plate: string,
  now: number,
) {
  if (gate.kind !== 'exit') throw new AppError('WRONG_GATE', 'ask at an exit gate');
  const found = await exitSessionOf(deps, lotId, plate, now);
  const session = found && sessionOf(found.doc);
  const decision = decideLane({
    direction: 'exit',
    plate,
    now,
    ...(session && { session }),
    ...(found?.due !== undefined && { due: found.due }),
  });
  // The plate was validated before: an exit decision here is never 'unreadable'.
  const reason = decision.reason as MayLeaveReason;
  if (!session) return { allowed: false, reason, text: MAY_LEAVE_TEXT[reason] };
  // A car that came in free: the LED says why it leaves free (月卡车 剩余 N 天 一路顺风).
  const led =
    decision.open && session.privilege
      ? await laneExitText(deps.db, session.privilege, now)
      : undefined;
  return {
    ...sessionSummary(session),
    allowed: decision.open,
    reason,
    text: MAY_LEAVE_TEXT[reason],
    ...(led !== undefined && { led }),
    ...(found?.due !== undefined && { due: found.due }),
    ...(session.mayLeaveUntil !== undefined && { mayLeaveUntil: session.mayLeaveUntil }),
  };
}
