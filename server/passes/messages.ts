import * as cloud from 'wx-server-sdk';
import { formatChinaDateTime } from '../../core/parking/china-time';
import { formatFen } from '../../core/money';
import type { Database } from '../cloud/database';
import { COLLECTIONS } from '../store/collections';
import type { PassOrderDoc } from './store';

/**
 * Subscribe messages (订阅消息) to drivers. Each message has an id of what it is about
 * (`pass_receipt:<reqsn>`): its record is inserted first, so that however often the event is
 * seen (a notification and a query) it is sent at most once, and a send WeChat refuses (43101:
 * the driver did not subscribe) is recorded and never retried.
 *
 * PARKING_SUBSCRIBE_TEMPLATES (JSON `{ "passReceipt": "<template id>" }`) configures the
 * templates; a kind without one is not sent. PARKING_SUBSCRIBE_MODE=openapi sends through
 * `cloud.openapi.subscribeMessage.send`; otherwise (local stack) the message is only recorded,
 * as sent, in `subscribe_messages`.
 */
export interface SubscribeMessageDoc {
  _id: string;
  kind: 'pass_receipt';
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  at: number;
  status: 'sending' | 'sent' | 'recorded' | 'refused' | 'error';
  errCode?: number;
}

function templates(env: NodeJS.ProcessEnv): Record<string, string> {
  try {
    const parsed = JSON.parse(env.PARKING_SUBSCRIBE_TEMPLATES ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The receipt of a pass payment that started or extended a pass (sent once per order). */
export async function sendPassReceipt(
  db: Database,
  order: PassOrderDoc,
  now: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SubscribeMessageDoc['status'] | undefined> {
  const templateId = templates(env).passReceipt;
  if (!templateId || !order.openid || order.kind === 'issue') return undefined;
  const doc: SubscribeMessageDoc = {
    _id: `pass_receipt:${order._id}`,
    kind: 'pass_receipt',
    openid: order.openid,
    templateId,
    page: 'pages/passes/passes',
    // Field names of the template chosen in the WeChat console (thing/amount/time/character_string).
    data: {
      thing1: { value: `${order.terms.planName} ${order.plates.join(' ')}`.slice(0, 20) },
      amount2: { value: formatFen(order.amount) },
      time3: { value: order.endAt !== undefined ? formatChinaDateTime(order.endAt) : '' },
      character_string4: { value: order._id },
    },
    at: now,
    status: 'sending',
  };
  const messages = db.collection<SubscribeMessageDoc>(COLLECTIONS.subscribeMessages);
  if ((await messages.insert(doc)) === 'duplicate') return undefined;
  if (env.PARKING_SUBSCRIBE_MODE !== 'openapi') {
    await messages.updateWhere({ _id: doc._id }, { status: 'recorded' });
    return 'recorded';
  }
  let status: SubscribeMessageDoc['status'];
  let errCode: number | undefined;
  try {
    const reply = (await cloud.openapi.subscribeMessage.send({
      touser: doc.openid,
      templateId,
      page: doc.page,
      data: doc.data,
    })) as { errCode?: number };
    errCode = reply.errCode;
    status = !errCode ? 'sent' : 'refused';
  } catch (error) {
    errCode = (error as { errCode?: number }).errCode;
    status = errCode ? 'refused' : 'error';
  }
  await messages.updateWhere(
    { _id: doc._id },
    { status, ...(errCode !== undefined && { errCode }) },
  );
  return status;
}
