import { MAX_ATTEMPTS, nextAttemptAt } from './retry-schedule';

/**
 * A notification and its delivery attempts (protocol note 11), as plain data with pure
 * transitions; the notifier does the I/O.
 */

/**
 * pending: an attempt is due at nextAt. delivered: the merchant replied `success`.
 * refused: it replied `refuse` in the browser-redirect flow. failed: three attempts, no success.
 * dropped: lost by fault injection, never sent.
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'refused' | 'failed' | 'dropped';

export type AttemptOutcome = 'success' | 'refuse' | 'failed' | 'dropped';

export interface Attempt {
  /** 1, 2 or 3: the first sending and its two resends. */
  n: number;
  /** 2 for the extra copy of a duplicated attempt. */
  copy?: number;
  /** Sandbox ms when it was due. */
  scheduledAt: number;
  /** Sandbox ms when it was sent. */
  at: number;
  /** The form body as sent. */
  body: string;
  httpStatus?: number;
  /** The merchant's reply body (first 1000 characters). */
  reply?: string;
  /** Why no reply was read (connection refused, timeout...). */
  error?: string;
  outcome: AttemptOutcome;
  /** Faults injected into this attempt. */
  faults: string[];
}

export interface Delivery {
  id: number;
  version: number;
  cusid: string;
  reqsn: string;
  trxid: string;
  url: string;
  /** The signed notification fields, as first built. */
  fields: Record<string, string>;
  /** The browser-redirect flow, where `refuse` is an accepted answer (protocol note 12). */
  browser: boolean;
  trigger: 'payment' | 'manual';
  /** 0 for the transaction's first notification, then 1, 2... for manual resends. */
  ordinal: number;
  status: DeliveryStatus;
  createdAt: number;
  /** When the next attempt is due (sandbox ms); null when none is. */
  nextAt: number | null;
  /** Held back by the reorder fault until another notification of the merchant has gone. */
  held: boolean;
  /** Faults injected into the notification as a whole (drop, delay, reorder). */
  faults: string[];
  attempts: Attempt[];
}

/** The reply that acknowledges a notification: exactly `success`, whitespace trimmed. */
export function classifyReply(body: string | undefined, browser: boolean): AttemptOutcome {
  const text = (body ?? '').trim();
  if (text === 'success') return 'success';
  if (browser && text === 'refuse') return 'refuse';
  return 'failed';
}

/**
 * Records the copies sent for attempt n and decides what follows: done on `success` (any copy),
 * done on `refuse` in the browser flow, else the next resend of the schedule, else failed.
 */
export function afterAttempt(delivery: Delivery, copies: Attempt[], timeScale: number): Delivery {
  const primary = copies[0];
  if (!primary) throw new Error('an attempt needs at least one copy');
  const attempts = [...delivery.attempts, ...copies];
  const base = { ...delivery, attempts, version: delivery.version + 1, held: false };
  if (copies.some((c) => c.outcome === 'success'))
    return { ...base, status: 'delivered', nextAt: null };
  if (copies.some((c) => c.outcome === 'refuse'))
    return { ...base, status: 'refused', nextAt: null };
  const next = primary.n < MAX_ATTEMPTS ? nextAttemptAt(primary.at, primary.n, timeScale) : null;
  return next === null
    ? { ...base, status: 'failed', nextAt: null }
    : { ...base, status: 'pending', nextAt: next };
}

/** A notification lost by fault injection: recorded, never sent, never retried. */
export function dropped(delivery: Delivery, at: number): Delivery {
  const attempt: Attempt = {
    n: 1,
    scheduledAt: delivery.nextAt ?? at,
    at,
    body: '',
    outcome: 'dropped',
    faults: ['drop'],
  };
  return {
    ...delivery,
    version: delivery.version + 1,
    status: 'dropped',
    nextAt: null,
    held: false,
    attempts: [...delivery.attempts, attempt],
  };
}

/** The number of the next attempt (1-based). */
export function nextAttemptNumber(delivery: Delivery): number {
  return delivery.attempts.filter((a) => a.copy === undefined).length + 1;
}
