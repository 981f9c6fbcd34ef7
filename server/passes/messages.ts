import { formatChinaDateTime } from '../../core/parking/china-time';
import { formatFen } from '../../core/money';
import type { Database } from '../cloud/database';
import type { Pass } from '../../core/passes';
import type { PassOrderDoc } from './store';
import { filled, send, templateId as configured, type SendStatus } from '../messages/send';

/** The pass messages (sender: ../messages/send.ts). */

/** The receipt of a pass payment that started or extended a pass (sent once per order). */
export async function sendPassReceipt(
  db: Database,
  order: PassOrderDoc,
  now: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SendStatus> {
  const templateId = configured('passReceipt', env);
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
): Promise<SendStatus> {
  const templateId = configured('passExpiring', env);
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
