import * as cloud from 'wx-server-sdk';
import { formatChinaDateTime } from '../../core/parking/china-time';
import { formatFen } from '../../core/money';
import type { Database } from '../cloud/database';
import { COLLECTIONS } from '../store/collections';
import type { Pass } from '../../core/passes';
import type { PassOrderDoc } from './store';
import type { MessageData, MessageKind } from './message-templates';

/** WeChat's answer when the driver did not accept (or used up) a message of the template. */
export const USER_REFUSED = 43101;

/**
 * Subscribe messages (订阅消息) to drivers. Each message has an id of what it is about
 * (`pass_receipt:<reqsn>`): its record is inserted first, so that however often the event is
 * seen (a notification and a query) it is sent at most once, and a send WeChat refuses (43101:
 * the driver did not subscribe) is recorded and never retried.
 *
 * PARKING_SUBSCRIBE_TEMPLATES (JSON `{ "passReceipt": "<id>", "passExpiring": "<id>" }`) sets the
 * templates (fields: message-templates.ts); a kind without one is not sent.
 * PARKING_SUBSCRIBE_MODE=openapi sends through `cloud.openapi.subscribeMessage.send` (the local
 * stack too: its emulator answers as WeChat); otherwise the message is only recorded.
 * Status: `sent`; `refused` (43101, the driver's choice); `error` (any other errCode, e.g. a
 * template id or field WeChat does not know, or no answer): each with its errCode, never retried.
 */
export interface SubscribeMessageDoc {
  _id: string;
  kind: 'pass_receipt' | 'pass_expiring';
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  at: number;
  status: 'sending' | 'sent' | 'recorded' | 'refused' | 'error';
  errCode?: number;
}

function templates(env: NodeJS.ProcessEnv): Partial<Record<MessageKind, string>> {
  try {
    const parsed = JSON.parse(env.PARKING_SUBSCRIBE_TEMPLATES ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

const filled = <K extends MessageKind>(_kind: K, data: MessageData<K>) => data;

/** The receipt of a pass payment that started or extended a pass (sent once per order). */
export async function sendPassReceipt(
  db: Database,
  order: PassOrderDoc,
  now: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SubscribeMessageDoc['status'] | undefined> {
  const templateId = templates(env).passReceipt;
  if (!templateId || !order.openid || order.kind === 'issue') return undefined;
  return send(
    db,
    {
      _id: `pass_receipt:${order._id}`,
      kind: 'pass_receipt',
      openid: order.openid,
      templateId,
      page: 'pages/passes/passes',
      data: filled('passReceipt', {
        thing1: { value: `${order.terms.planName} ${order.plates.join(' ')}`.slice(0, 20) },
        amount2: { value: formatFen(order.amount) },
        time3: { value: order.endAt !== undefined ? formatChinaDateTime(order.endAt) : '' },
        character_string4: { value: order._id },
      }),
      at: now,
    },
    env,
  );
}

/** A pass about to end (once per end date: a renewal moves the date and earns a new reminder). */
export async function sendPassExpiring(
  db: Database,
  pass: Pick<Pass, 'id' | 'openid' | 'plates' | 'endAt' | 'terms'>,
  now: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SubscribeMessageDoc['status'] | undefined> {
  const templateId = templates(env).passExpiring;
  if (!templateId || !pass.openid) return undefined;
  return send(
    db,
    {
      _id: `pass_expiring:${pass.id}:${pass.endAt}`,
      kind: 'pass_expiring',
      openid: pass.openid,
      templateId,
      page: 'pages/passes/passes',
      data: filled('passExpiring', {
        thing1: { value: `${pass.terms.planName} ${pass.plates.join(' ')}`.slice(0, 20) },
        time2: { value: formatChinaDateTime(pass.endAt) },
        thing3: { value: '月卡即将到期，请及时续费' },
      }),
      at: now,
    },
    env,
  );
}

async function send(
  db: Database,
  message: Omit<SubscribeMessageDoc, 'status' | 'errCode'>,
  env: NodeJS.ProcessEnv,
): Promise<SubscribeMessageDoc['status'] | undefined> {
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
