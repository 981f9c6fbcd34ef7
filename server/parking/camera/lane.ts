import type { Gate } from '../../../core/parking/gate';
import { type LaneDecision, decideLane } from '../../../core/parking/lane-decision';
import { AppError } from '../../api-kit/app-error';
import { sessionOf } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { reportEntry } from '../gate/report-entry';
import { reportExit } from '../gate/report-exit';
import { exitSessionOf } from '../lane/exit-session';
import { noEntryFeeFor, openNoEntrySession } from '../lane/no-entry';
import { lotIsFull } from '../occupancy';
import { loadLot } from '../places';
import { matchMisread } from '../../../core/parking/plate-match';
import { COLLECTIONS } from '../../store/collections';
import { LIVE_STATES } from '../../../core/parking/session-states';
import { findLiveByPlate } from '../session-store';
import { laneEntryVerdict, laneExitText } from '../../passes/lane';

/**
 * A camera's plate at its gate: the lane decision asked with the same session the `/gate`
 * controller would get (judge), then what it says done (carryOut) through the gate services
 * (reportEntry / reportExit), so a camera's entry or exit is recorded exactly as a controller's.
 */

export interface Judged {
  decision: LaneDecision;
  sessionId?: string;
  /** The plate decided on: the read, or the inside plate a misread was matched to. */
  plate?: string;
  /** Set when the read was matched to another plate (core/parking/plate-match.ts). */
  misread?: string;
}

export async function judgeAtLane(
  deps: ParkingDeps,
  gate: Gate,
  plate: string | undefined,
  now: number,
): Promise<Judged> {
  if (gate.kind === 'entry') {
    const lot = await loadLot(deps.db, gate.lotId);
    const live =
      plate === undefined ? undefined : await findLiveByPlate(deps.db, gate.lotId, plate);
    // The lists and passes, as /gate asks them (reportEntry): the same verdict and LED text.
    const rule =
      plate === undefined ? undefined : await laneEntryVerdict(deps.db, gate.lotId, plate, now);
    const decision = decideLane({
      direction: 'entry',
      ...(plate !== undefined && { plate }),
      lot: { entryPrepay: lot?.entryPrepay ?? false },
      full: await lotIsFull(deps, lot),
      ...(live && { session: sessionOf(live) }),
      ...(rule && { rule: { kind: rule.kind, text: rule.text } }),
    });
    return { decision, ...(live && { sessionId: live._id }) };
  }
  let judgedPlate = plate;
  let found = plate === undefined ? undefined : await exitSessionOf(deps, gate.lotId, plate, now);
  const lot = await loadLot(deps.db, gate.lotId);
  let misread: string | undefined;
  if (!found && plate !== undefined) {
    // No record of this plate: a misread of exactly one car inside is taken for that car.
    const matched = matchMisread(plate, await insidePlates(deps, gate.lotId));
    if (matched !== undefined) {
      found = await exitSessionOf(deps, gate.lotId, matched, now);
      if (found) [judgedPlate, misread] = [matched, plate];
    }
  }
  const noEntryFee =
    judgedPlate !== undefined && (!found || !found.live)
      ? await noEntryFeeFor(deps, lot, judgedPlate, now)
      : undefined;
  const session = found && sessionOf(found.doc);
  const decision = decideLane({
    direction: 'exit',
    ...(judgedPlate !== undefined && { plate: judgedPlate }),
    now,
    ...(session && { session }),
    ...(found?.due !== undefined && { due: found.due }),
    ...(noEntryFee !== undefined && { noEntryFee }),
    ...(session?.privilege && { freeText: await laneExitText(deps.db, session.privilege, now) }),
  });
  return {
    decision,
    ...(found && { sessionId: found.doc._id }),
    ...(judgedPlate !== undefined && { plate: judgedPlate }),
    ...(misread !== undefined && { misread }),
  };
}

/** The plates of the lot's live sessions (at most 1000: a lot's capacity). */
async function insidePlates(deps: ParkingDeps, lotId: string): Promise<string[]> {
  const docs = await deps.db
    .collection<{ _id: string; plate: string }>(COLLECTIONS.sessions)
    .find({ lotId, state: deps.db.cmd.in(LIVE_STATES) }, { fields: { plate: true }, limit: 1000 });
  return docs.map((d) => d.plate);
}

export interface CarriedOut {
  /** The decision as it stands after acting (closed when recording failed). */
  decision: LaneDecision;
  sessionId?: string;
  plate?: string;
  misread?: string;
  /** The refusal of the gate service, when recording failed. */
  error?: string;
}

/** Does what an open decision asks (start the session, record the exit) at `at`. */
export async function carryOut(
  deps: ParkingDeps,
  gate: Gate,
  plate: string | undefined,
  judged: Judged,
  at: number,
): Promise<CarriedOut> {
  const { decision } = judged;
  plate = judged.plate ?? plate;
  if (decision.action === 'open_no_entry' && plate !== undefined) {
    // The barrier stays down: the session owing the fixed fee is paid from the lane's code.
    const sessionId = await openNoEntrySession(deps, gate, plate, decision.due ?? 0, at);
    return { ...judged, ...(sessionId !== undefined && { sessionId }) };
  }
  if (!decision.open || decision.action === 'none' || plate === undefined) return judged;
  try {
    const done =
      decision.action === 'start_session'
        ? await reportEntry(deps, gate.lotId, gate, plate, at)
        : await reportExit(deps, gate.lotId, gate, plate, at);
    return { ...judged, decision, sessionId: done.sessionId };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Recording failed (e.g. the session's money is still moving): keep the barrier down and
    // send the driver to the operator; the refusal is kept with the read.
    return {
      decision: {
        ...decision,
        open: false,
        action: 'none',
        display: { lines: [plate, '请联系管理员'], voice: '请联系管理员' },
      } as LaneDecision,
      ...(judged.sessionId !== undefined && { sessionId: judged.sessionId }),
      ...(judged.plate !== undefined && { plate: judged.plate }),
      error: error.code,
    };
  }
}

/**
 * A read the camera made while offline, replayed now: the barrier already did what the camera
 * chose then, so it is recorded as a fact at its own time (entry or exit reported), never asked.
 */
export async function recordOfflineRead(
  deps: ParkingDeps,
  gate: Gate,
  plate: string | undefined,
  at: number,
): Promise<{ sessionId?: string; error?: string }> {
  if (plate === undefined) return { error: 'UNREADABLE' };
  try {
    const done =
      gate.kind === 'entry'
        ? await reportEntry(deps, gate.lotId, gate, plate, at)
        : await reportExit(deps, gate.lotId, gate, plate, at);
    return { sessionId: done.sessionId };
  } catch (error) {
    if (error instanceof AppError) return { error: error.code };
    throw error;
  }
}
