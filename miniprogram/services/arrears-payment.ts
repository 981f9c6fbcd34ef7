import { confirmArrears, payArrears } from './driver-api';
import { requestPayment } from './driver-payment';
import type { ArrearsPaid } from './merchant-types';

/** Polling of arrears.confirm after the cashier said paid (the server queries the platform). */
export const arrearsPaymentTiming = { delayMs: 2000, attempts: 10 };

export type ArrearsPaymentOutcome =
  /** The arrears are paid (now or before this tap). */
  | { kind: 'paid' }
  /** Waived by the operator meanwhile: nothing to pay. */
  | { kind: 'waived' }
  | { kind: 'cancelled' }
  /** The platform refused the payment: nothing was taken. */
  | { kind: 'failed' }
  /** The cashier said paid but the platform has not confirmed yet: do not pay again. */
  | { kind: 'pending' };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Pays one arrears record: arrears.pay, WeChat's cashier, then arrears.confirm whatever the
 * cashier said (once after a cancel: the money may have gone through anyway).
 */
export async function payForArrears(
  arrearsId: string,
  timing = arrearsPaymentTiming,
): Promise<ArrearsPaymentOutcome> {
  const started = await payArrears(arrearsId);
  if (!started.payment) {
    return started.arrears.state === 'waived' ? { kind: 'waived' } : { kind: 'paid' };
  }
  const cashier = await requestPayment(started.payment.requestPayment);
  let last: ArrearsPaid | undefined;
  for (let attempt = 0; attempt < (cashier.kind === 'ok' ? timing.attempts : 1); attempt += 1) {
    if (attempt > 0) await wait(timing.delayMs);
    last = await confirmArrears(started.payment.reqsn);
    if (last.arrears.state === 'paid') return { kind: 'paid' };
    if (last.status === 'failed' || last.status === 'abandoned') break;
  }
  if (last?.status === 'failed' || last?.status === 'abandoned') return { kind: 'failed' };
  return cashier.kind === 'ok' ? { kind: 'pending' } : { kind: 'cancelled' };
}

/** What the driver reads after a payment of arrears. */
export function arrearsOutcomeText(outcome: ArrearsPaymentOutcome): string {
  switch (outcome.kind) {
    case 'paid':
      return '欠费已缴清';
    case 'waived':
      return '该欠费已由停车场减免，无需缴纳';
    case 'cancelled':
      return '您已取消支付，未扣款';
    case 'failed':
      return '支付未成功，未扣款，请稍后重试';
    case 'pending':
      return '支付结果确认中，请勿重复支付';
  }
}

/** Pays one arrears record and says how it went, for a page's notice (never throws). */
export async function payArrearsForNotice(
  arrearsId: string,
  describeError: (error: unknown) => string,
  timing = arrearsPaymentTiming,
): Promise<{ outcome?: ArrearsPaymentOutcome; text: string; tone: 'ok' | 'info' | 'error' }> {
  try {
    const outcome = await payForArrears(arrearsId, timing);
    const settled = outcome.kind === 'paid' || outcome.kind === 'waived';
    return { outcome, text: arrearsOutcomeText(outcome), tone: settled ? 'ok' : 'info' };
  } catch (error) {
    return { text: describeError(error), tone: 'error' };
  }
}
