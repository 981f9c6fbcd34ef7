import { fakeApi, inTurn } from '../pages/testing/fake-api';
import {
  confirmPaid,
  confirmPending,
  paymentStart,
  quote,
  session,
} from '../pages/testing/fixtures';
import { fakeWx, type WxFakes } from '../pages/testing/wx-fakes';
import { flush } from '../test-support';
import { payAndConfirm, paymentSucceeded } from './driver-payment';

let wxf: WxFakes;
beforeEach(() => (wxf = fakeWx()));
afterEach(() => wxf.restore());
const fast = { delayMs: 0, attempts: 4 };

describe('payAndConfirm', () => {
  test('after a success, polls payment.confirm until settled; a lost answer is one more poll', async () => {
    const api = fakeApi({
      'payment.confirm': inTurn(confirmPending(), new Error('network'), confirmPaid()),
    });
    const statuses: string[] = [];
    const outcome = await payAndConfirm('S1', paymentStart(), (s) => statuses.push(s), fast);
    expect(outcome.kind).toBe('done');
    expect(statuses).toEqual(['cashier', 'confirming']);
    expect(api.callsOf('payment.confirm')).toHaveLength(3);
    expect(wxf.payments).toEqual([paymentStart().requestPayment]);
  });

  test('cancel and refusal ask once, and say what happened', async () => {
    fakeApi({ 'payment.confirm': () => confirmPending() });
    wxf.cashier.push('cancel', '余额不足');
    expect((await payAndConfirm('S1', paymentStart(), undefined, fast)).kind).toBe('cancelled');
    const refused = await payAndConfirm('S1', paymentStart(), undefined, fast);
    expect(refused).toMatchObject({ kind: 'refused', errMsg: 'requestPayment:fail 余额不足' });
  });

  test('a second payment of the same session while one runs is refused', async () => {
    fakeApi({ 'payment.confirm': () => confirmPaid() });
    wxf.cashier.push('hold');
    const first = payAndConfirm('S1', paymentStart(), undefined, fast);
    await flush();
    await expect(payAndConfirm('S1', paymentStart(), undefined, fast)).rejects.toMatchObject({
      code: 'PAYMENT_IN_PROGRESS',
    });
    wxf.release('ok');
    expect((await first).kind).toBe('done');
    expect(wxf.payments).toHaveLength(1);
  });

  test('timeout when every poll leaves the payment unconfirmed', async () => {
    const api = fakeApi({ 'payment.confirm': () => confirmPending() });
    const outcome = await payAndConfirm('S1', paymentStart(), undefined, fast);
    expect(outcome.kind).toBe('timeout');
    expect(api.callsOf('payment.confirm')).toHaveLength(4);
  });

  test('after WeChat said paid, a platform that says unpaid (nothing out) is a refusal', async () => {
    const api = fakeApi({ 'payment.confirm': () => quote() });
    const outcome = await payAndConfirm('S1', paymentStart(), undefined, fast);
    expect(outcome).toMatchObject({ kind: 'refused' });
    expect(api.callsOf('payment.confirm')).toHaveLength(1);
  });

  test('succeeded: nothing out, and the gate may open or the freeze holds', () => {
    expect(paymentSucceeded(confirmPaid())).toBe(true);
    expect(paymentSucceeded(confirmPending())).toBe(false);
    expect(paymentSucceeded(confirmPending({ pending: false }))).toBe(false);
    // The order closed at the cashier: the session is back to open and still owes the fee.
    expect(paymentSucceeded(quote())).toBe(false);
    expect(paymentSucceeded(quote({ session: session({ state: 'frozen' }) }))).toBe(true);
    expect(paymentSucceeded(quote({ session: session({ state: 'booked' }) }))).toBe(true);
    expect(paymentSucceeded(quote({ session: session({ state: 'failed', final: true }) }))).toBe(
      false,
    );
  });
});
