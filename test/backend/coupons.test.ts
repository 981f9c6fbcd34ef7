// Issue 11 Deliver 5: a pay at the exit with the sandbox cashier's coupon ticked. The notification
// carries no couponList; the receipt (session.detail) still shows the coupon, as the ledger has
// it, and 实付 + 优惠 = what was charged.
import { receiptViewOf } from '../../miniprogram/pages/receipt/view';
import type { Receipt } from '../../miniprogram/services/driver-types';
import { GATES, LOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(60_000);

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack.close());

type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };

it('pay at exit with a coupon: the receipt shows 优惠 and 实付 as the ledger has them', async () => {
  const driver = 'o-coupons-exit-driver-0000001';
  const plate = '粤B5C001';
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate,
  });
  const sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(2 * 3600 + 60);
  await stack.ok(driver, 'session.quote', { gateId: GATES.exitOut.id, plate });
  const started = await stack.ok<{ payment: Payment }>(driver, 'exit.pay', { sessionId });
  const { reqsn, amount } = started.payment;

  await stack.cashierPay(started.payment.requestPayment, { coupon: true });
  await eventually(() => stack.session(sessionId).state === 'paid', 'the notification');

  // The ledger: the fee, and what the coupon paid of it.
  const { transaction } = (await stack.transaction(reqsn)) as unknown as {
    transaction: { fee: number; coupon?: { couponFee: number } };
  };
  expect(transaction.fee).toBe(amount);
  const couponFee = transaction.coupon?.couponFee ?? 0;
  expect(couponFee).toBe(500);

  // Paid by notification: the coupons are not known yet.
  const byNotification = stack.session(sessionId);
  expect(byNotification.calls.find((c) => c.id === reqsn)?.coupons).toBeUndefined();

  const detail = await stack.ok<{ receipt: Receipt }>(driver, 'session.detail', { sessionId });
  expect(detail.receipt).toMatchObject({ charged: transaction.fee, coupons: couponFee });
  expect(detail.receipt.session.amounts.coupons).toBe(couponFee);
  const rows = receiptViewOf(detail.receipt).rows.map((r) => `${r.label}${r.value}`);
  const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
  expect(rows).toEqual(
    expect.arrayContaining([`实付${yuan(transaction.fee - couponFee)}`, `优惠${yuan(couponFee)}`]),
  );

  // Recorded once, and known: the next receipt does not ask (nor add) again.
  const stored = stack.session(sessionId);
  expect(stored.calls.find((c) => c.id === reqsn)?.coupons).toBe(couponFee);
  expect(stored.amounts).toMatchObject({ paid: transaction.fee, coupons: couponFee });
  const again = await stack.ok<{ receipt: Receipt }>(driver, 'session.detail', { sessionId });
  expect(again.receipt.coupons).toBe(couponFee);
  expect(stack.session(sessionId).version).toBe(stored.version);
});
