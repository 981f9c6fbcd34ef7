import type { Gate } from '../../../core/parking/gate';
import { EXIT_TEXT, decideLane } from '../../../core/parking/lane-decision';
import { AppError } from '../../api-kit/app-error';
import { sessionOf } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { exitSessionOf } from '../lane/exit-session';
import { noEntryFeeFor, openNoEntrySession } from '../lane/no-entry';
import { loadLot } from '../places';
import { readSessionDoc } from '../session-store';
import { sessionSummary } from './gate-session';
import { laneExitText } from '../../passes/lane';

/**
 * The exit gate asks whether a plate may leave now (its freeze settled, its pay learnt first):
 * the lane decision (core/parking/lane-decision.ts), the same one the plate cameras get. A plate
 * with no entry record at a lot with a fixed fee for it gets its session opened here, as at a
 * camera (lane/no-entry.ts); asked again, it is that session's answer.
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
  const noEntryFee =
    found?.live === true
      ? undefined
      : await noEntryFeeFor(deps, await loadLot(deps.db, lotId), plate, now);
  const session = found && sessionOf(found.doc);
  const decision = decideLane({
    direction: 'exit',
    plate,
    now,
    ...(session && { session }),
    ...(found?.due !== undefined && { due: found.due }),
    ...(noEntryFee !== undefined && { noEntryFee }),
  });
  // The plate was validated before: an exit decision here is never 'unreadable'.
  const reason = decision.reason as Exclude<typeof decision.reason, 'unreadable'>;
  if (decision.action === 'open_no_entry') {
    const sessionId = await openNoEntrySession(deps, gate, plate, decision.due ?? 0, now);
    const opened = sessionId === undefined ? undefined : await readSessionDoc(deps.db, sessionId);
    return {
      ...(opened && sessionSummary(sessionOf(opened))),
      allowed: false,
      reason,
      text: EXIT_TEXT[reason],
      due: decision.due,
      noEntry: true,
    };
  }
  if (!session) return { allowed: false, reason, text: EXIT_TEXT[reason] };
  // A car that came in free: the LED says why it leaves free (月卡车 剩余 N 天 一路顺风).
  const led =
    decision.open && session.privilege
      ? await laneExitText(deps.db, session.privilege, now)
      : undefined;
  return {
    ...sessionSummary(session),
    allowed: decision.open,
    reason,
    text: EXIT_TEXT[reason],
    ...(led !== undefined && { led }),
    ...(found?.due !== undefined && { due: found.due }),
    ...(session.noEntryFee !== undefined && { noEntry: true }),
    ...(session.mayLeaveUntil !== undefined && { mayLeaveUntil: session.mayLeaveUntil }),
  };
}
