import { amountDue } from '../../../core/parking/amount-due';
import { type Session, openCalls, parkingStart } from '../../../core/parking/session';
import { AppError } from '../../api-kit/app-error';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { resolveOpenCalls } from '../calls/execute';
import type { ParkingDeps } from '../deps';
import { settleFreeze } from '../services/settle';
import { readSessionDoc } from '../session-store';

/** What every gate answer says of the session concerned. */
export function sessionSummary(session: Session) {
  return {
    sessionId: session.id,
    state: session.state,
    plate: session.plate,
    ...(session.privilege && { privilege: session.privilege }),
  };
}

/** The amount due at `now`, where the session's clock has started. */
export function dueNow(session: Session, now: number): number | undefined {
  if (parkingStart(session) === undefined) return undefined;
  const computed = amountDue(session, now);
  return computed.ok ? computed.value.due : undefined;
}

/**
 * Before a vehicle leaves: settle its freeze (finish feeType=9), or learn at once whether its pay
 * went through (protocol note 9), so the driver who paid never waits at the exit.
 */
export async function prepareExit(
  deps: ParkingDeps,
  doc: SessionDoc,
  now: number,
): Promise<SessionDoc> {
  const session = sessionOf(doc);
  if (openCalls(session).length > 0) return (await resolveOpenCalls(deps, doc._id)) ?? doc;
  if (session.state === 'frozen' || session.state === 'parked') {
    try {
      return (await settleFreeze(deps, doc._id, now, 'charge_due', 'exit', 'gate')).doc;
    } catch (error) {
      if (error instanceof AppError) return (await readSessionDoc(deps.db, doc._id)) ?? doc;
      throw error;
    }
  }
  return doc;
}
