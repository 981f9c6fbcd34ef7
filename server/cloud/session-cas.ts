import { type DomainRefusal, refuse } from '../../core/parking/result';
import type { Session } from '../../core/parking/session';
import type { SessionEvent } from '../../core/parking/session-events';
import { transition } from '../../core/parking/session-machine';
import { isFinal, type SessionState } from '../../core/parking/session-states';
import { COLLECTIONS } from '../store/collections';
import { dailyWrites, recordDailyMoney } from '../operator/daily-money';
import { recordMerchantCosts } from '../merchant/costs';
import { recordArrears } from '../arrears/record';
import { sendSessionMessages } from '../messages/parking';
import type { Database, Patch } from './database';
import { type SessionDoc, type SessionDocExtras, sessionOf } from './session-doc';

/**
 * Compare-and-set of a session (core/parking/README.md "Using it from the backend"): read, run
 * the machine, and write the result only where `{ _id, version, state }` still match what was
 * read. When another writer got there first, read again and run the machine again: it then
 * answers 'already' (the work is done: a success) or a refusal. The loop is bounded.
 */

export const MAX_CAS_ATTEMPTS = 6;

/**
 * Builds the event from the session as just read (so that amounts and call ids fit the current
 * record), or refuses. Called again on every attempt.
 */
export type EventFactory = (session: Session, doc: SessionDoc) => SessionEvent | DomainRefusal;

export type CasResult =
  | {
      ok: true;
      outcome: 'applied' | 'already';
      session: Session;
      doc: SessionDoc;
      event: SessionEvent;
      from: SessionState;
      to: SessionState;
    }
  | DomainRefusal;

export interface CasOptions {
  /**
   * Changes the record before the event, written only with it (e.g. a driver claiming a session
   * a gate controller opened without an openid).
   */
  prepare?: (session: Session) => Session;
  /** Doc fields to set together with an applied event (never machine fields). */
  extras?: (next: Session) => Partial<SessionDocExtras>;
  maxAttempts?: number;
  /** The document as the caller just read it: the first attempt starts from it (no read). */
  current?: SessionDoc;
  /**
   * Runs once, before the first write (never when the event changes nothing, e.g. a repeat):
   * e.g. storing a record that must exist before the state moves. A throw stops the change.
   */
  beforeWrite?: () => Promise<void>;
}

function isRefusal(value: SessionEvent | DomainRefusal): value is DomainRefusal {
  return 'ok' in value && value.ok === false;
}

/** `_.set` every field of the new record (objects replace, not merge); `_.remove` what left. */
export function casPatch(
  db: Database,
  before: Session,
  after: Session,
  extras: Partial<SessionDocExtras> = {},
): Patch {
  const patch: Patch = {};
  for (const [field, value] of Object.entries(after)) {
    if (field === 'id') continue;
    patch[field] = value === undefined ? db.cmd.remove() : db.cmd.set(value);
  }
  for (const field of Object.keys(before)) {
    if (!(field in after)) patch[field] = db.cmd.remove();
  }
  for (const [field, value] of Object.entries(extras)) {
    patch[field] = value === undefined ? db.cmd.remove() : db.cmd.set(value);
  }
  return patch;
}

export async function applySessionEvent(
  db: Database,
  sessionId: string,
  makeEvent: EventFactory,
  options: CasOptions = {},
): Promise<CasResult> {
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions);
  const attempts = options.maxAttempts ?? MAX_CAS_ATTEMPTS;
  let current = options.current?._id === sessionId ? options.current : undefined;
  let beforeWrite = options.beforeWrite;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const doc = current ?? (await sessions.get(sessionId));
    current = undefined;
    if (!doc) return refuse('SESSION_NOT_FOUND', '停车记录不存在');
    const session = sessionOf(doc);
    const base = options.prepare ? options.prepare(session) : session;
    const event = makeEvent(base, doc);
    if (isRefusal(event)) return event;
    const result = transition(base, event);
    if (!result.ok) return result;
    if (result.outcome === 'already') {
      return { ...result, outcome: 'already', doc, event };
    }
    // An ended session drops its reconcile times: the time indexes then hold live ones only.
    const ending = isFinal(result.session.state) ? { staleAt: undefined, settleAt: undefined } : {};
    // Money moved: the per-day totals (issue 15) are written after this write, so it marks them
    // pending until they are (a writer stopped in between is repaired by reconcile).
    // A mark left by an earlier writer: its days may be unwritten, so every day is written now
    // (the clear below would otherwise drop the mark over days this change did not touch).
    const days = dailyWrites(
      doc.moneyPendingAt === undefined ? session : undefined,
      result.session,
    );
    const pending = days.length > 0 ? { moneyPendingAt: event.at } : {};
    const extras = { ...ending, ...pending, ...options.extras?.(result.session) };
    if (beforeWrite) {
      await beforeWrite();
      beforeWrite = undefined;
    }
    const updated = await sessions.updateWhere(
      { _id: sessionId, version: session.version, state: session.state },
      casPatch(db, session, result.session, extras),
    );
    if (updated === 1) {
      let next: SessionDoc = { ...doc, ...extras, ...result.session, _id: sessionId };
      if (days.length > 0 && (await recordDailyMoney(db, days))) {
        await clearMoneyPending(db, sessionId, result.session.version);
        next = { ...next, moneyPendingAt: undefined };
      }
      await recordMerchantCosts(db, result.session); // merchant discounts' cost (issue 14)
      await recordArrears(db, session, result.session); // roadside arrears (issue 14)
      // Receipt / refused payment to the driver (issue 13): after the write, never throws.
      await sendSessionMessages(db, session, result.session);
      return { ...result, outcome: 'applied', doc: next, event };
    }
    // Someone else changed it between the read and the write: read again.
  }
  return refuse('BUSY', '操作过于频繁，请稍后重试');
}

/** The per-day totals of `version` are written: the mark goes, unless a newer write set it again. */
export async function clearMoneyPending(
  db: Database,
  sessionId: string,
  version: number,
): Promise<void> {
  try {
    await db
      .collection<SessionDoc>(COLLECTIONS.sessions)
      .updateWhere({ _id: sessionId, version }, { moneyPendingAt: db.cmd.remove() });
  } catch {
    // Left set: reconcile writes the same totals again, which changes nothing.
  }
}
