// Issue 11, Deliver 1: a payment at a pay station opens the leave window; a car not seen leaving
// within it pays only what accrued after the window, never the whole stay again. Over HTTP against
// the real functions, sandbox (clock, cashier, ledger) and database.
import { GATES, LOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(90_000);

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack.close());

const HOUR = 3600;
const MIN = 60;

type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type Line = { kind: string; text: string; amount: number };
type Quote = {
  session: { id: string; state: string };
  fee: number;
  charged: number;
  due: number;
  next: string;
  lines: Line[];
  mayLeave: { allowed: boolean; reason: string };
};

describe('a car paid at a pay station that overstays the leave window', () => {
  it('owes the fee of the time after the window only, pays it at the exit, and leaves', async () => {
    const driver = 'o-window-overstay-00000000001';
    const plate = '粤B80001';
    const entry = await stack.gate<{ data: { sessionId: string } }>(LOTS.payAtExit.id, {
      type: 'entry',
      gateId: GATES.exitIn.id,
      plate,
    });
    const sessionId = entry.json.data.sessionId;
    // 1 h 59 min: two started hours at ¥5, paid at the pay station (no exit gate).
    await stack.advanceClock(HOUR + 59 * MIN);
    const first = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', {
      sessionId,
    });
    expect(first.payment.amount).toBe(1000);
    await stack.cashierPay(first.payment.requestPayment);
    await eventually(() => stack.session(sessionId).state === 'paid', 'paid');
    const paid = stack.session(sessionId);
    expect(paid.mayLeaveUntil! - paid.paidAt!).toBe(LOTS.payAtExit.graceSeconds);

    // 66 minutes after paying: 51 minutes past the 15-minute window. The whole-stay rule would
    // owe ¥10.00 (4 started hours − ¥10.00 paid); after the window it is one started hour, ¥5.00.
    await stack.advanceClock(66 * MIN);
    const blocked = await stack.gate<{ data: { allowed: boolean; reason: string; due: number } }>(
      LOTS.payAtExit.id,
      { type: 'may_leave', gateId: GATES.exitOut.id, plate },
    );
    expect(blocked.json.data).toMatchObject({ allowed: false, reason: 'grace_expired', due: 500 });
    const quote = await stack.ok<Quote>(driver, 'session.quote', {
      gateId: GATES.exitOut.id,
      plate,
    });
    expect(quote).toMatchObject({ due: 500, charged: 1000, fee: 1500, next: 'pay' });
    const overstay = quote.lines.find((l) => l.kind === 'overstay');
    expect(overstay).toMatchObject({ amount: 500 });
    expect(overstay?.text).toContain('超时离场');

    // Paid at the exit gate's code: the scan is the exit, and the gate opens.
    const second = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', {
      sessionId,
      gateId: GATES.exitOut.id,
    });
    expect(second.payment.amount).toBe(500);
    await stack.cashierPay(second.payment.requestPayment);
    const confirmed = await stack.ok<Quote>(driver, 'payment.confirm', { sessionId });
    expect(confirmed.session.state).toBe('closed');
    expect(confirmed.mayLeave.allowed).toBe(true);
    const open = await stack.gate<{ data: { allowed: boolean } }>(LOTS.payAtExit.id, {
      type: 'may_leave',
      gateId: GATES.exitOut.id,
      plate,
    });
    expect(open.json.data.allowed).toBe(true);

    // The sandbox's ledger: two pays, ¥10.00 and ¥5.00, and nothing else.
    for (const [reqsn, fee] of [
      [first.payment.reqsn, 1000],
      [second.payment.reqsn, 500],
    ] as const) {
      const txn = await stack.transaction(reqsn);
      expect(txn.transaction.totals).toMatchObject({ fee });
    }
    const detail = await stack.ok<{ receipt: { parkingFee: number; charged: number } }>(
      driver,
      'session.detail',
      { sessionId },
    );
    expect(detail.receipt).toMatchObject({ parkingFee: 1500, charged: 1500 });
    expect(stack.session(sessionId).amounts.paid).toBe(1500);
  });
});
