import { requestPayment } from './driver-payment';
import { passApi } from './pass-api';
import type { PassReceipt, PassStarted } from './pass-types';

/** Polling of passes.confirm after the cashier (the server queries the platform). */
export const passPaymentTiming = { delayMs: 2000, attempts: 10 };

export type PassPaymentOutcome =
  | { kind: 'done'; receipt: PassReceipt }
  | { kind: 'cancelled' }
  | { kind: 'pending'; receipt?: PassReceipt };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * WeChat's cashier for a pass payment, then passes.confirm whatever it said: the pass starts only
 * once the server has the payment confirmed (by notification or by its own query).
 */
export async function payForPass(
  started: PassStarted,
  timing = passPaymentTiming,
): Promise<PassPaymentOutcome> {
  const payment = started.payment;
  if (!payment) return { kind: 'pending' };
  const cashier = await requestPayment(payment.requestPayment);
  let receipt: PassReceipt | undefined;
  for (let attempt = 0; attempt < (cashier.kind === 'ok' ? timing.attempts : 1); attempt += 1) {
    if (attempt > 0) await wait(timing.delayMs);
    receipt = await passApi.confirm(payment.reqsn);
    if (receipt.order.applied) return { kind: 'done', receipt };
    if (receipt.order.status === 'failed' || receipt.order.status === 'abandoned') break;
  }
  return cashier.kind === 'ok'
    ? { kind: 'pending', ...(receipt && { receipt }) }
    : { kind: 'cancelled' };
}
