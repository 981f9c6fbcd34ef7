import * as cloud from 'wx-server-sdk';
import type { Database } from '../cloud/database';
import { COLLECTIONS } from '../store/collections';
import type { MessageData, MessageKind } from './templates';

/** WeChat's answer when the driver did not accept (or used up) a message of the template. */
export const USER_REFUSED = 43101;

/**
 * Subscribe messages (订阅消息) to drivers. Each message has an id of what it is about
 * (`pass_receipt:<reqsn>`, `parking_receipt:<callId>`): its record is inserted first, so that
 * however often the event is seen it is sent at most once, and a send WeChat refuses (43101:
 * the driver did not subscribe) is recorded and never retried.
 *
 * PARKING_SUBSCRIBE_TEMPLATES (JSON `{ "<kind>": "<id>" }`, kinds: templates.ts) sets the
 * templates; a kind without one is not sent.
 * PARKING_SUBSCRIBE_MODE=openapi sends through `cloud.openapi.subscribeMessage.send` (the local
 * stack too: its emulator answers as WeChat); otherwise the message is only recorded.
 * Status: `sent`; `refused` (43101, the driver's choice); `error` (any other errCode, e.g. a
 * template id or field WeChat does not know, or no answer): each with its errCode, never retried.
 */
export interface SubscribeMessageDoc {
  _id: string;
  kind:
    'pass_receipt' | 'pass_expiring' | 'parking_receipt' | 'payment_failed' | 'booking_releasing';
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  at: number;
  status: 'sending' | 'sent' | 'recorded' | 'refused' | 'error';
  errCode?: number;
}

export type SendStatus = SubscribeMessageDoc['status'] | undefined;

/** The template id configured for a kind (undefined: the kind is not sent). */
export function templateId(
  kind: MessageKind,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  try {
    const parsed = JSON.parse(env.PARKING_SUBSCRIBE_TEMPLATES ?? '{}') as unknown;
    const id =
      parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[kind] : undefined;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A message's data, typed by its template's fields. */
export const filled = <K extends MessageKind>(_kind: K, data: MessageData<K>) => data;

/** Records the message, then sends it once (a duplicate id: already decided, nothing sent). */
export async function send(
  db: Database,
  message: Omit<SubscribeMessageDoc, 'status' | 'errCode'>,
  env: NodeJS.ProcessEnv,
): Promise<SendStatus> {
  const doc: SubscribeMessageDoc = { ...message, status: 'sending' };
  const messages = db.collection<SubscribeMessageDoc>(COLLECTIONS.subscribeMessages);
  if ((await messages.insert(doc)) === 'duplicate') return undefined;
  if (env.PARKING_SUBSCRIBE_MODE !== 'openapi') {
    await messages.updateWhere({ _id: doc._id }, { status: 'recorded' });
    return 'recorded';
  }
  let errCode: number | undefined;
  let answered = false;
  try {
    const reply = (await cloud.openapi.subscribeMessage.send({
      touser: doc.openid,
      templateId: doc.templateId,
      page: doc.page,
      data: doc.data,
    })) as { errCode?: number };
    errCode = reply.errCode;
    answered = true;
  } catch (error) {
    errCode = (error as { errCode?: number }).errCode;
  }
  const status: SubscribeMessageDoc['status'] =
    errCode === USER_REFUSED ? 'refused' : answered && !errCode ? 'sent' : 'error';
  await messages.updateWhere(
    { _id: doc._id },
    { status, ...(errCode !== undefined && { errCode }) },
  );
  return status;
}
