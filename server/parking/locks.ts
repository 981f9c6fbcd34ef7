import type { Database } from '../cloud/database';
import type { SessionDoc } from '../cloud/session-doc';
import { COLLECTIONS } from '../store/collections';
import { LIVE_STATES } from '../../core/parking/session-states';

/**
 * At most one live session per key: a plate in a lot (`plate:<lotId>:<plate>`) or a roadside spot
 * (`spot:<spotId>`). The lock is a document whose insert fails when it exists, so two drivers
 * booking the same spot at the same moment cannot both win. A lock is never released on the
 * happy path: a lock whose session has ended (or never got written) is taken over.
 */
interface LockDoc {
  _id: string;
  sessionId: string;
  at: number;
}

/** A lock naming a session not (yet) written is respected this long: its creator may be mid-way. */
export const LOCK_CREATION_GRACE_SECONDS = 60;
const MAX_ATTEMPTS = 4;

export const plateLockKey = (lotId: string, plate: string) => `plate:${lotId}:${plate}`;
export const spotLockKey = (spotId: string) => `spot:${spotId}`;

export type LockOutcome = { acquired: true } | { acquired: false; holder: string };

async function holderIsLive(db: Database, lock: LockDoc, now: number): Promise<boolean> {
  const holder = await db.collection<SessionDoc>(COLLECTIONS.sessions).get(lock.sessionId);
  if (!holder) return now - lock.at < LOCK_CREATION_GRACE_SECONDS;
  return (LIVE_STATES as readonly string[]).includes(holder.state);
}

export async function acquireSessionLock(
  db: Database,
  key: string,
  sessionId: string,
  now: number,
): Promise<LockOutcome> {
  const locks = db.collection<LockDoc>(COLLECTIONS.sessionLocks);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if ((await locks.insert({ _id: key, sessionId, at: now })) === 'inserted') {
      return { acquired: true };
    }
    const lock = await locks.get(key);
    if (!lock) continue; // removed meanwhile: insert again
    if (lock.sessionId === sessionId) return { acquired: true };
    if (await holderIsLive(db, lock, now)) return { acquired: false, holder: lock.sessionId };
    const taken = await locks.updateWhere(
      { _id: key, sessionId: lock.sessionId },
      { sessionId, at: now },
    );
    if (taken === 1) return { acquired: true };
  }
  const lock = await locks.get(key);
  return { acquired: false, holder: lock?.sessionId ?? '' };
}

/** Gives a lock back when the session it was taken for was not created after all. */
export async function releaseSessionLock(
  db: Database,
  key: string,
  sessionId: string,
): Promise<void> {
  await db.collection<LockDoc>(COLLECTIONS.sessionLocks).removeWhere({ _id: key, sessionId });
}
