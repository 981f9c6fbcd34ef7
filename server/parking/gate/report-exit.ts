import type { Gate } from '../../../core/parking/gate';
import { closedWindowOpen } from '../../../core/parking/may-leave';
import { AppError } from '../../api-kit/app-error';
import { applySessionEvent } from '../../cloud/session-cas';
import { sessionOf } from '../../cloud/session-doc';
import { fromRefusal } from '../app-errors';
import type { ParkingDeps } from '../deps';
import { findClosedAtExit, findLiveByPlate } from '../session-store';
import { dueNow, prepareExit, sessionSummary } from './gate-session';

/** A vehicle left through an exit gate: its session closed, or the exit kept as an anomaly. */
export async function reportExit(
  deps: ParkingDeps,
  lotId: string,
  gate: Gate,
  plate: string,
  at: number,
) {
  if (gate.kind !== 'exit') throw new AppError('WRONG_GATE', 'exits are reported at an exit gate');
  const found = await findLiveByPlate(deps.db, lotId, plate);
  if (!found) {
    // Its exit was already recorded at the scan of this exit's code: the report confirms it.
    const closed = await findClosedAtExit(deps.db, lotId, plate, at);
    if (closed && closedWindowOpen(sessionOf(closed), at)) {
      return { ...sessionSummary(sessionOf(closed)), closed: true, flagged: closed.flagged };
    }
    throw new AppError('NOT_INSIDE', 'no live session for this plate in this lot');
  }
  await prepareExit(deps, found, at);
  const result = await applySessionEvent(deps.db, found._id, (session) => {
    const paidInGrace = session.state === 'paid' && at <= (session.mayLeaveUntil ?? 0);
    return {
      type: 'exit_reported',
      at,
      by: 'gate',
      amountDue: paidInGrace ? 0 : (dueNow(session, at) ?? 0),
    };
  });
  if (result.ok) {
    return {
      ...sessionSummary(result.session),
      closed: result.session.state === 'closed',
      flagged: result.session.flagged,
    };
  }
  // The vehicle is gone while its money is still moving (e.g. a settlement out): on record.
  await applySessionEvent(deps.db, found._id, (session) => ({
    type: 'anomaly_recorded',
    at,
    by: 'gate',
    code: 'left_unpaid',
    detail: `exit reported in state ${session.state} (${result.code})`,
  }));
  throw new AppError('EXIT_NOT_RECORDED', fromRefusal(result).message, { code: result.code });
}
