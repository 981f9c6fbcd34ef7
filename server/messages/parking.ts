import { formatFen } from '../../core/money';
import { formatChinaDateTime } from '../../core/parking/china-time';
import type { Session } from '../../core/parking/session';
import { sessionMessages } from '../../core/parking/session-messages';
import type { Database } from '../cloud/database';
import { loadLot } from '../parking/places';
import { filled, send, templateId } from './send';

const thing = (text: string) => ({ value: text.slice(0, 20) });

/**
 * The messages one applied session write earns (receipt, refused payment): called after the
 * write, never throws (a lost message is not worth a failed payment answer).
 */
export async function sendSessionMessages(
  db: Database,
  before: Session,
  after: Session,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  try {
    const kindOf = (m: { kind: string }) =>
      m.kind === 'parking_receipt' ? ('parkingReceipt' as const) : ('paymentFailed' as const);
    // Only the messages a template is configured for; the lot is read only when one is.
    const due = sessionMessages(before, after).filter((m) => templateId(kindOf(m), env));
    if (due.length === 0) return;
    const lot = await loadLot(db, after.lotId);
    const lotName = lot?.name ?? '停车场';
    for (const m of due) {
      const kind = kindOf(m);
      const common = { thing1: thing(lotName), car_number2: { value: after.plate } };
      const amount3 = { value: formatFen(m.amount) };
      const data =
        m.kind === 'parking_receipt'
          ? filled('parkingReceipt', {
              ...common,
              amount3,
              time4: { value: formatChinaDateTime(m.at) },
              character_string5: { value: m.reqsn },
            })
          : filled('paymentFailed', {
              ...common,
              amount3,
              thing4: thing(m.reason || '支付未成功，请重新支付'),
            });
      await send(
        db,
        {
          _id: m.id,
          kind: m.kind,
          openid: m.openid,
          templateId: templateId(kind, env)!,
          page: `pages/receipt/receipt?sessionId=${after.id}`,
          data,
          at: m.at,
        },
        env,
      );
    }
  } catch {
    // Recorded or not, the session's answer stands.
  }
}
