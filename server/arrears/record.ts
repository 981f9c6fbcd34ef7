import { type ArrearsEvidence, arrearsOf } from '../../core/parking/arrears';
import type { Session } from '../../core/parking/session';
import type { Database } from '../cloud/database';
import { COLLECTIONS } from '../store/collections';

/** An arrears record: the evidence, and whether it is still owed. */
export interface ArrearsDoc extends ArrearsEvidence {
  _id: string;
  state: 'open' | 'paid' | 'waived';
  createdAt: number;
  /** The driver who started the session, when one did (a camera's car has none). */
  openid?: string;
  waivedBy?: string;
  waivedAt?: number;
  reason?: string;
  /** The order that paid them (server/arrears/orders.ts), and when the platform completed it. */
  orderId?: string;
  paidAt?: number;
}

export const arrearsCollection = (db: Database) => db.collection<ArrearsDoc>(COLLECTIONS.arrears);

/**
 * After each applied compare-and-set (server/cloud/session-cas.ts): a roadside session that just
 * closed with something owed becomes an arrears record. `_id` = the session id, so a retry or a
 * duplicate writes it once. Never throws: the session's own write has succeeded.
 */
export async function recordArrears(db: Database, before: Session, after: Session): Promise<void> {
  const evidence = arrearsOf(before, after);
  if (!evidence) return;
  try {
    await arrearsCollection(db).insert({
      ...evidence,
      _id: evidence.sessionId,
      state: 'open',
      createdAt: evidence.to,
      ...(after.openid !== undefined && { openid: after.openid }),
    });
  } catch {
    // Left for reconcile's audit to find (a closed roadside session owing with no record).
  }
}
