import { entriesToObject, parseForm } from '../../../core/allinpay/form';
import { notification } from '../../../core/allinpay/responses';
import { verify } from '../../../core/allinpay/sign';
import { refuse } from '../../../core/parking/result';
import type { Logger } from '../../allinpay-client';
import type { Database } from '../../cloud/database';
import { type EventFactory, applySessionEvent } from '../../cloud/session-cas';
import { COLLECTIONS } from '../../store/collections';
import type { Clock } from '../clock';
import { newCallId } from '../ids';
import {
  type HttpAccessEvent,
  type HttpReply,
  MAX_BODY_BYTES,
  rawBody,
  textReply,
} from '../http/http-access';
import { findByCallId } from '../session-store';
import { applyNotificationToPayOrder, payOrderKindOf } from '../../pay-orders/kinds';
import { decideNotification, ignoredScan } from './decide';

/**
 * The notify endpoint (protocol note 11). Every delivery is stored raw for audit first. Then:
 * the raw form body is parsed once and those entries verified with the key of the merchant it
 * names (note 2); a forged, unsigned or unreadable delivery is not processed and not
 * acknowledged. A verified one is cross-checked against our record and applied by
 * compare-and-set; `success` is replied once it is processed, repeats included. A payment of the
 * browser-redirect flow that the session can no longer take is answered `refuse` (decide.ts).
 *
 * Decision — a verified delivery whose fee (or cusid, or reqsn) disagrees with our record is
 * recorded as an anomaly, changes nothing, and IS acknowledged with `success`: it carries the
 * platform's own signature, so its retries would carry the same data, and the truth is fetched by
 * query instead (payment.confirm, reconcile), whose answer is verified on its own.
 */
export interface NotifyDeps {
  db: Database;
  clock: Clock;
  /** The signing key of a configured merchant; undefined for any other cusid. */
  keyOf(cusid: string): string | undefined;
  log: Required<Logger>;
}

export const ACK = 'success';
/** Anything but `success` makes the platform send again (twice more, note 11). */
export const NACK = 'fail';
/** Browser-redirect flow only: this scan is ignored (note 11, decide.ts ignoredScan). */
export const REFUSE = 'refuse';

export type Verdict =
  | 'received'
  | 'not_post'
  | 'too_large'
  | 'unknown_merchant'
  | 'bad_signature'
  | 'invalid'
  | 'unknown_reqsn'
  | 'applied'
  | 'already'
  | 'processing'
  | 'cusid_mismatch'
  | 'fee_mismatch'
  | 'unknown_call'
  | 'refused'
  | 'scan_refused'
  | 'error';

export interface NotificationRecord {
  _id: string;
  receivedAt: number;
  method: string;
  /** The body exactly as received (decoded from base64 when it came encoded). */
  body: string;
  base64: boolean;
  cusid?: string;
  reqsn?: string;
  trxstatus?: string;
  fee?: string;
  verdict: Verdict;
  sessionId?: string;
  /** The machine's refusal code, or an error message. */
  detail?: string;
}

export async function handleNotification(
  deps: NotifyDeps,
  event: HttpAccessEvent,
): Promise<HttpReply> {
  const records = deps.db.collection<NotificationRecord>(COLLECTIONS.notifications);
  const now = await deps.clock.now();
  const id = `N${newCallId('op', now).slice(1)}`;
  const text = rawBody(event);
  const method = (event.httpMethod ?? '').toUpperCase();
  const record: NotificationRecord = {
    _id: id,
    receivedAt: now,
    method,
    body: text.slice(0, MAX_BODY_BYTES),
    base64: event.isBase64Encoded === true,
    verdict: 'received',
  };
  // The record is inserted once: with its verdict when nothing was written before it (one
  // round trip), or as 'received' before a state change (beforeWrite) and concluded after.
  let stored = false;
  const store = async (verdict: Verdict, extra: Partial<NotificationRecord> = {}) => {
    await records.insert({ ...record, verdict, ...extra });
    stored = true;
  };
  const conclude = async (
    verdict: Verdict,
    reply: HttpReply,
    extra: Partial<NotificationRecord> = {},
  ): Promise<HttpReply> => {
    if (!stored) {
      // Not on record yet: no reply before it is (a failure here is not acknowledged).
      await store(verdict, extra);
    } else {
      try {
        await records.updateWhere({ _id: id }, { verdict, ...extra });
      } catch (error) {
        deps.log.warn('notification verdict not stored', { id, verdict, error: String(error) });
      }
    }
    deps.log.info('notification', { id, verdict, reqsn: extra.reqsn ?? record.reqsn });
    return reply;
  };

  if (method !== 'POST') {
    await records.insert({ ...record, verdict: 'not_post' });
    return textReply(405, NACK);
  }
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    await records.insert({ ...record, verdict: 'too_large' });
    return textReply(413, NACK);
  }
  const entries = parseForm(text);
  const fields = entriesToObject(entries);
  Object.assign(record, {
    ...(fields.cusid && { cusid: fields.cusid.slice(0, 15) }),
    ...(fields.reqsn && { reqsn: fields.reqsn.slice(0, 32) }),
    ...(fields.trxstatus && { trxstatus: fields.trxstatus.slice(0, 8) }),
    ...(fields.fee && { fee: fields.fee.slice(0, 12) }),
  });
  // Stored before anything is believed changes state (store before a write, conclude after):
  // a crash leaves no change without its delivery on record, and a repeat costs two round
  // trips (the session or order read, the record insert).
  try {
    const key = fields.cusid ? deps.keyOf(fields.cusid) : undefined;
    if (!key) return conclude('unknown_merchant', textReply(400, NACK));
    if (!verify(entries, key)) return conclude('bad_signature', textReply(400, NACK));
    const parsed = notification.safeParse(fields);
    if (!parsed.success) return conclude('invalid', textReply(400, NACK));
    const n = parsed.data;

    // A pass or arrears payment has no session (server/pay-orders): a reqsn whose letter names
    // its kind is read from its order collection at once; any other is looked for among the
    // sessions' calls first. The record is stored before the hand-over writes anything (a repeat
    // writes nothing: one read, then the record with its verdict).
    const doc =
      n.reqsn && !payOrderKindOf(n.reqsn) ? await findByCallId(deps.db, n.reqsn) : undefined;
    if (!doc) {
      const beforeWrite = async () => {
        if (!stored) await store('received');
      };
      const orderVerdict = await applyNotificationToPayOrder(deps.db, n, now, beforeWrite);
      if (orderVerdict) return conclude(orderVerdict, textReply(200, ACK));
      return conclude('unknown_reqsn', textReply(200, ACK));
    }

    let verdict: Verdict = 'applied';
    let ignored = false;
    const factory: EventFactory = (session, current) => {
      const decision = decideNotification(n, session, current.cusid, now);
      ignored = decision.kind === 'apply' && ignoredScan(n, session);
      if (decision.kind === 'ignore') {
        verdict = decision.verdict;
        return refuse('IGNORED', 'nothing to apply');
      }
      verdict = decision.kind === 'anomaly' ? decision.verdict : 'applied';
      return decision.event;
    };
    const result = await applySessionEvent(deps.db, doc._id, factory, {
      current: doc,
      beforeWrite: () => store('received'),
    });
    const sessionId = doc._id;
    if (!result.ok) {
      if (result.code === 'IGNORED') return conclude(verdict, textReply(200, ACK), { sessionId });
      // A verified notification the machine refuses (e.g. for a call already failed for good):
      // on record for an operator; repeating it would not change the answer.
      return conclude('refused', textReply(200, ACK), { sessionId, detail: result.code });
    }
    // Kept as a stray payment by the machine, and refused as a scan (browser flow only).
    if (ignored) return conclude('scan_refused', textReply(200, REFUSE), { sessionId });
    if (result.outcome === 'already' && verdict === 'applied') verdict = 'already';
    return conclude(verdict, textReply(200, ACK), { sessionId });
  } catch (error) {
    deps.log.error('notification failed', { id, error: String(error) });
    return conclude('error', textReply(500, NACK), {
      detail: (error instanceof Error ? error.message : String(error)).slice(0, 300),
    });
  }
}
