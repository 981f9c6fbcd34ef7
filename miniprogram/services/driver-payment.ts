import { ApiCallError } from './api-result';
import { confirmPayment } from './driver-api';
import type { ConfirmResult, PaymentStart, RequestPaymentParams } from './driver-types';

/** How WeChat's cashier ended: paid, cancelled by the driver, or refused (card, limit...). */
export type CashierResult = { kind: 'ok' } | { kind: 'cancel' } | { kind: 'fail'; errMsg: string };

/** wx.requestPayment with the parameters the server gave, unchanged. */
export function requestPayment(params: RequestPaymentParams): Promise<CashierResult> {
  return new Promise((resolve) => {
    wx.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType as 'MD5' | 'HMAC-SHA256' | 'RSA',
      paySign: params.paySign,
      success: () => resolve({ kind: 'ok' }),
      fail: (err: { errMsg?: string }) => {
        const errMsg = err?.errMsg ?? '';
        resolve(/cancel/i.test(errMsg) ? { kind: 'cancel' } : { kind: 'fail', errMsg });
      },
    });
  });
}

/** Polling of payment.confirm after the cashier said paid (about 30 s in all). */
export const paymentTiming = { delayMs: 2000, attempts: 15 };

export type PaymentOutcome =
  /** The money is in (or the freeze is done): the session has moved on. */
  | { kind: 'done'; quote: ConfirmResult }
  /** The driver closed the cashier; nothing was taken. */
  | { kind: 'cancelled'; quote?: ConfirmResult }
  /** WeChat refused the payment. */
  | { kind: 'refused'; errMsg: string; quote?: ConfirmResult }
  /** Still unconfirmed after every poll: the driver must not pay again blindly. */
  | { kind: 'timeout'; quote?: ConfirmResult };

export type PaymentStatus = 'cashier' | 'confirming';

// Where a session stands once the money it waited for is in: a freeze held (entry prepay,
// booking), a pay recorded, or the stay closed.
const SUCCESS_STATES = ['frozen', 'booked', 'arriving', 'parked', 'paid', 'closed'];

/** The payment went through: nothing is out any more, and the gate may open or the freeze holds. */
export function paymentSucceeded(quote: ConfirmResult): boolean {
  if (quote.session.pending) return false;
  return quote.mayLeave.allowed || SUCCESS_STATES.indexOf(quote.session.state) >= 0;
}

export type PaymentTiming = typeof paymentTiming;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const inFlight: Record<string, true> = {};

/**
 * Opens WeChat's cashier for `payment`, then asks payment.confirm whatever the cashier said (the
 * server queries the platform): once after a cancel or refusal (the money may have gone through
 * anyway), and until settled after a success. One payment per session at a time.
 */
export async function payAndConfirm(
  sessionId: string,
  payment: PaymentStart,
  onStatus: (status: PaymentStatus) => void = () => undefined,
  timing: PaymentTiming = paymentTiming,
): Promise<PaymentOutcome> {
  if (inFlight[sessionId]) throw new ApiCallError('PAYMENT_IN_PROGRESS', '正在支付，请勿重复操作');
  inFlight[sessionId] = true;
  try {
    onStatus('cashier');
    const cashier = await requestPayment(payment.requestPayment);
    onStatus('confirming');
    if (cashier.kind !== 'ok') {
      const quote = await confirmQuietly(sessionId);
      if (quote && paymentSucceeded(quote)) return { kind: 'done', quote };
      return cashier.kind === 'cancel'
        ? { kind: 'cancelled', quote }
        : { kind: 'refused', errMsg: cashier.errMsg, quote };
    }
    let last: ConfirmResult | undefined;
    for (let attempt = 0; attempt < timing.attempts; attempt += 1) {
      if (attempt > 0) await wait(timing.delayMs);
      const quote = await confirmQuietly(sessionId);
      if (quote && paymentSucceeded(quote)) return { kind: 'done', quote };
      // The platform answered and nothing is out: the payment did not happen after all.
      if (quote && !quote.session.pending) return { kind: 'refused', errMsg: 'not paid', quote };
      last = quote ?? last;
    }
    return { kind: 'timeout', quote: last };
  } finally {
    delete inFlight[sessionId];
  }
}

/** A failed confirm (network) is one more unknown, not an error: the next poll may answer. */
async function confirmQuietly(sessionId: string): Promise<ConfirmResult | undefined> {
  try {
    return await confirmPayment(sessionId);
  } catch {
    return undefined;
  }
}

/** What a driver reads for an outcome that is not `done`. */
export function outcomeMessage(outcome: PaymentOutcome): string {
  switch (outcome.kind) {
    case 'cancelled':
      return '您已取消支付，未扣款。可再次点击支付';
    case 'refused':
      return '支付未成功，未扣款。请更换支付方式后重试';
    case 'timeout':
      return '支付结果确认中，请勿重复支付。稍后可在「我的停车」查看';
    case 'done':
      return '支付成功';
  }
}
