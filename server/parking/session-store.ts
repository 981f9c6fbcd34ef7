import type { Session } from '../../core/parking/session';
import { FINAL_STATES, LIVE_STATES } from '../../core/parking/session-states';
import type { Database } from '../cloud/database';
import {
  type SessionDoc,
  type SessionDocExtras,
  sessionOf,
  toSessionDoc,
} from '../cloud/session-doc';
import { COLLECTIONS } from '../store/collections';

/** Reads and inserts of sessions; every change of an existing one goes through server/cloud CAS. */

const sessions = (db: Database) => db.collection<SessionDoc>(COLLECTIONS.sessions);

export async function insertSession(
  db: Database,
  session: Session,
  extras: SessionDocExtras,
): Promise<SessionDoc> {
  const doc = toSessionDoc(session, extras);
  if ((await sessions(db).insert(doc)) === 'duplicate') {
    throw new Error(`session id ${session.id} already exists`);
  }
  return doc;
}

export function readSessionDoc(db: Database, id: string): Promise<SessionDoc | undefined> {
  return sessions(db).get(id);
}

/** The live session of a plate in a lot (the latest, should there be several). */
export async function findLiveByPlate(
  db: Database,
  lotId: string,
  plate: string,
): Promise<SessionDoc | undefined> {
  const found = await sessions(db).find(
    { lotId, plate, state: db.cmd.in(LIVE_STATES) },
    { orderBy: [['inTime', 'desc']], limit: 1 },
  );
  return found[0];
}

/**
 * The latest session of a plate closed in the last day (e.g. at the exit gate's code): the
 * controller asking or reporting its exit afterwards finds it here; mayLeave judges its window.
 */
export async function findClosedAtExit(
  db: Database,
  lotId: string,
  plate: string,
  now: number,
): Promise<SessionDoc | undefined> {
  const found = await sessions(db).find(
    { lotId, plate, state: 'closed', outTime: db.cmd.gte(now - 86_400) },
    { orderBy: [['inTime', 'desc']], limit: 1 },
  );
  return found[0];
}

/** The live sessions a driver holds (newest first), e.g. the cars to choose from at an exit. */
export async function liveSessionsOf(db: Database, openid: string): Promise<Session[]> {
  const docs = await sessions(db).find(
    { openid, state: db.cmd.in(LIVE_STATES) },
    { orderBy: [['inTime', 'desc']], limit: 20 },
  );
  return docs.map(sessionOf);
}

/** The session that made a pay or prepay with this reqsn (notify's lookup). */
export async function findByCallId(db: Database, reqsn: string): Promise<SessionDoc | undefined> {
  const found = await sessions(db).find({ 'calls.id': reqsn }, { limit: 1 });
  return found[0];
}

export async function listOwnSessions(
  db: Database,
  openid: string,
  options: { live: boolean; before?: number; limit: number },
): Promise<Session[]> {
  const query: Record<string, unknown> = {
    openid,
    state: db.cmd.in(options.live ? LIVE_STATES : FINAL_STATES),
  };
  if (options.before !== undefined) query.inTime = db.cmd.lt(options.before);
  const docs = await sessions(db).find(query, {
    orderBy: [['inTime', 'desc']],
    limit: options.limit,
  });
  return docs.map(sessionOf);
}

/** Live sessions on the spots of a roadside lot. */
export async function liveSpotSessions(db: Database, lotId: string): Promise<Session[]> {
  const docs = await sessions(db).find(
    { lotId, spotId: db.cmd.exists(true), state: db.cmd.in(LIVE_STATES) },
    { limit: 1000 },
  );
  return docs.map(sessionOf);
}
