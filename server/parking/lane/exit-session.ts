import type { SessionDoc } from '../../cloud/session-doc';
import { sessionOf } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { dueNow, prepareExit } from '../gate/gate-session';
import { findClosedAtExit, findLiveByPlate } from '../session-store';

/**
 * The session an exit lane judges for `plate`: its live one, made ready to leave first (freeze
 * settled, an open pay learnt: prepareExit) with what is due now; else one closed at this exit's
 * code within the last day (the lane decision judges its leave window). Shared by `/gate` and
 * `/camera`, so both ask the lane decision about the same session.
 */
export async function exitSessionOf(
  deps: ParkingDeps,
  lotId: string,
  plate: string,
  now: number,
): Promise<{ doc: SessionDoc; live: boolean; due?: number } | undefined> {
  const live = await findLiveByPlate(deps.db, lotId, plate);
  if (live) {
    const doc = await prepareExit(deps, live, now);
    const due = dueNow(sessionOf(doc), now);
    return { doc, live: true, ...(due !== undefined && { due }) };
  }
  const closed = await findClosedAtExit(deps.db, lotId, plate, now);
  return closed ? { doc: closed, live: false } : undefined;
}
