import { toRequestPaymentArgs } from '../../../core/allinpay/responses';
import { OPEN_CALL_STATUSES, type Session } from '../../../core/parking/session';
import { paySheetOf } from '../calls/execute';
import type { PaymentStart } from '../../contract/driver-views';
import type { ParkingDeps } from '../deps';

/** What the mini-program passes to wx.requestPayment for an open pay or prepay (protocol note 13). */
export type { PaymentStart };

/** The payment sheet of the session's open pay or prepay, when the payer can still use one. */
export async function openPaymentOf(
  deps: ParkingDeps,
  session: Session,
): Promise<PaymentStart | undefined> {
  const call = session.calls.find(
    (c) => (c.kind === 'pay' || c.kind === 'prepay') && OPEN_CALL_STATUSES.includes(c.status),
  );
  if (!call) return undefined;
  const payinfo = await paySheetOf(deps, call.reqsn);
  if (!payinfo) return undefined;
  return { reqsn: call.reqsn, amount: call.amount, requestPayment: toRequestPaymentArgs(payinfo) };
}
