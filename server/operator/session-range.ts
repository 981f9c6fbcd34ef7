import type { Session } from '../../core/parking/session';
import type { Database } from '../cloud/database';
import { type SessionDoc, sessionOf } from '../cloud/session-doc';
import { COLLECTIONS } from '../store/collections';

const PAGE = 1000;
/** A bound on one report's reading, so that a huge range fails clearly instead of timing out. */
export const MAX_REPORT_SESSIONS = 20_000;

export class ReportTooLargeError extends Error {}

/**
 * Sessions of a lot whose money may have moved inside [start, end): created before the end and
 * changed since the start (every movement changes `updatedAt`). Corrupt records are skipped.
 */
export async function sessionsTouching(
  db: Database,
  lotId: string,
  start: number,
  end: number,
): Promise<Session[]> {
  return (await storedSessionsTouching(db, lotId, start, end)).map((s) => s.session);
}

/** The same, with the merchant each session's orders were sent under. */
export async function storedSessionsTouching(
  db: Database,
  lotId: string,
  start: number,
  end: number,
): Promise<Array<{ session: Session; cusid: string }>> {
  const query = { lotId, createdAt: db.cmd.lt(end), updatedAt: db.cmd.gte(start) };
  const out: Array<{ session: Session; cusid: string }> = [];
  for (let skip = 0; ; skip += PAGE) {
    const docs = await db
      .collection<SessionDoc>(COLLECTIONS.sessions)
      .find(query, { orderBy: [['_id', 'asc']], skip, limit: PAGE });
    for (const doc of docs) {
      try {
        out.push({ session: sessionOf(doc), cusid: doc.cusid });
      } catch {
        // A corrupt record is not counted; it shows in the session list for an operator.
      }
    }
    if (docs.length < PAGE) return out;
    if (skip + PAGE >= MAX_REPORT_SESSIONS) throw new ReportTooLargeError();
  }
}
