import { type Session, sessionSchema } from '../../core/parking/session';

/**
 * A session as stored: the domain record (core/parking Session) under `_id = id`, plus a few
 * fields the backend keeps beside it. Those are never touched by the state machine.
 */
export interface SessionDocExtras {
  /** The merchant and lot identity sent with the prepay or pay: later calls go to the same one. */
  cusid: string;
  parkingNo: string;
  pro: string;
  /** When reconcile should flag the session stale (inTime + lot.staleSeconds); null once flagged. */
  staleAt?: number | null;
  /** When reconcile settles an open freeze by the lot's policy (endTime − settleBeforeEndSeconds). */
  settleAt?: number | null;
  /** When reconcile last queried the platform for it (to take pending sessions in turn). */
  checkedAt?: number;
  /**
   * Set in the same write as a money change, cleared once its per-day totals are written: a
   * writer stopped in between leaves it, and reconcile writes the totals (repair-daily-money.ts).
   */
  moneyPendingAt?: number;
}

export type SessionDoc = Session & SessionDocExtras & { _id: string };

export const EXTRA_FIELDS: ReadonlyArray<keyof SessionDocExtras> = [
  'cusid',
  'parkingNo',
  'pro',
  'staleAt',
  'settleAt',
  'checkedAt',
  'moneyPendingAt',
];

export class CorruptSessionError extends Error {
  constructor(id: string, detail: string) {
    super(`session ${id} does not match the session schema: ${detail}`);
    this.name = 'CorruptSessionError';
  }
}

/** The domain session of a stored document (validated: a corrupt record must not be acted on). */
export function sessionOf(doc: SessionDoc): Session {
  const parsed = sessionSchema.safeParse(doc);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new CorruptSessionError(doc._id, detail);
  }
  return parsed.data;
}

export function toSessionDoc(session: Session, extras: SessionDocExtras): SessionDoc {
  return { ...session, ...extras, _id: session.id };
}
