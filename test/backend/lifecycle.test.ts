// A day in a lot over HTTP (issue 11, Deliver 1 and 2): the walkthrough's defects, each as the
// driver or the operator meets it, against the real functions, sandbox and database.
import { GATES, LOTS, OPERATOR_OPENID, SPOTS } from './support/seed';
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
type View = {
  id: string;
  state: string;
  stateLabel: string;
  final: boolean;
  plate: string;
  outTime?: number;
  amounts: Record<string, number>;
};
type Quote = {
  session: View;
  due: number;
  next: string;
  settlement?: { fromFreeze: number; returned: number; balance: number };
};
type Receipt = { session: View; durationSeconds: number; parkingFee: number; charged: number };

async function cashierCancel(requestPayment: Record<string, string>) {
  const reply = await stack.sandboxCall('POST', '/_sandbox/cashier/cancel', requestPayment);
  if (reply.status !== 200)
    throw new Error(`cancel: ${reply.status} ${JSON.stringify(reply.json)}`);
}

async function refused(openid: string, route: string, data: Record<string, unknown>) {
  const result = await stack.api(openid, route, data);
  if (result.ok) throw new Error(`${route} was not refused: ${JSON.stringify(result.data)}`);
  return result.error;
}

describe('a payment cancelled at the cashier', () => {
  it('leaves no parking record with a running fee: 未完成支付, no duration, not live, no entry', async () => {
    const driver = 'o-life-cancel-000000000000001';
    const started = await stack.ok<{ session: View; payment: Payment }>(driver, 'entry.prepay', {
      gateId: GATES.smallIn.id,
      plate: '粤B70001',
    });
    await cashierCancel(started.payment.requestPayment);
    const confirmed = await stack.ok<Quote>(driver, 'payment.confirm', {
      sessionId: started.session.id,
    });
    expect(confirmed.session).toMatchObject({ state: 'failed', stateLabel: '未完成支付' });
    await stack.advanceClock(3 * HOUR);
    const detail = await stack.ok<{ receipt: Receipt }>(driver, 'session.detail', {
      sessionId: started.session.id,
    });
    expect(detail.receipt).toMatchObject({ durationSeconds: 0, parkingFee: 0, charged: 0 });
    const mine = await stack.ok<{ live: View[]; history: View[] }>(driver, 'sessions.mine', {});
    expect(mine.live).toEqual([]);
    expect(mine.history.map((s) => s.stateLabel)).toEqual(['未完成支付']);
    const board = await stack.ok<{ lots: Array<{ lotId: string; sessionsToday: number }> }>(
      OPERATOR_OPENID,
      'op.dashboard',
    );
    expect(board.lots.find((l) => l.lotId === LOTS.smallPrepay.id)?.sessionsToday).toBe(0);
    // A new try at once is a new prepay, payable.
    const again = await stack.ok<{ session: View; payment: Payment; created: boolean }>(
      driver,
      'entry.prepay',
      { gateId: GATES.smallIn.id, plate: '粤B70001' },
    );
    expect(again.created).toBe(true);
    expect(again.payment.amount).toBe(1000);
  });

  it('a new tap after the app closed on the cancel (never confirmed) starts a new, payable prepay', async () => {
    const driver = 'o-life-cancel-000000000000002';
    const plate = '粤B70002';
    const started = await stack.ok<{ session: View; payment: Payment }>(driver, 'entry.prepay', {
      gateId: GATES.smallIn.id,
      plate,
    });
    await cashierCancel(started.payment.requestPayment);
    const again = await stack.ok<{ session: View; payment: Payment; created: boolean }>(
      driver,
      'entry.prepay',
      { gateId: GATES.smallIn.id, plate },
    );
    expect(again.created).toBe(true);
    expect(again.session.id).not.toBe(started.session.id);
    expect(again.payment.reqsn).not.toBe(started.payment.reqsn);
    const paid = await stack.sandboxCall(
      'POST',
      '/_sandbox/cashier/pay',
      again.payment.requestPayment,
    );
    expect(paid.status).toBe(200);
    const mine = await stack.ok<{ live: View[]; history: View[] }>(driver, 'sessions.mine', {});
    expect(mine.history.map((s) => [s.id, s.stateLabel])).toEqual([
      [started.session.id, '未完成支付'],
    ]);
    expect(mine.live.map((s) => s.id)).toEqual([again.session.id]);
  });

  it('at the exit too: a pay cancelled at the cashier and never confirmed gives way to a new pay', async () => {
    const driver = 'o-life-cancel-000000000000004';
    const inside = await stack.ok<{ session: View }>(driver, 'entry.checkIn', {
      gateId: GATES.exitIn.id,
      plate: '粤B70004',
    });
    // Clear of a unit boundary: the real clock ticks between the two taps.
    await stack.advanceClock(2 * HOUR - 10 * MIN);
    const input = { sessionId: inside.session.id, gateId: GATES.exitOut.id };
    const first = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', input);
    await cashierCancel(first.payment.requestPayment);
    const second = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', input);
    expect(second.kind).toBe('payment');
    expect(second.payment.reqsn).not.toBe(first.payment.reqsn);
    expect(second.payment.amount).toBe(first.payment.amount);
    await stack.cashierPay(second.payment.requestPayment);
    const confirmed = await stack.ok<Quote>(driver, 'payment.confirm', {
      sessionId: inside.session.id,
    });
    expect(confirmed.session.amounts.paid).toBe(first.payment.amount);
  });

  it('a second tap while the first sheet is still open gives the same sheet back', async () => {
    const driver = 'o-life-cancel-000000000000003';
    const input = { gateId: GATES.smallIn.id, plate: '粤B70003' };
    const first = await stack.ok<{ session: View; payment: Payment }>(
      driver,
      'entry.prepay',
      input,
    );
    const second = await stack.ok<{ session: View; payment: Payment; created: boolean }>(
      driver,
      'entry.prepay',
      input,
    );
    expect(second.created).toBe(false);
    expect(second.session.id).toBe(first.session.id);
    expect(second.payment.reqsn).toBe(first.payment.reqsn);
  });
});

describe('a car without a plate', () => {
  it('pays at the exit gate code: the scan is the exit, and it comes in and out again the same day', async () => {
    const driver = 'o-life-noplate-00000000000001';
    for (let round = 1; round <= 2; round += 1) {
      const inside = await stack.ok<{ session: View; created: boolean }>(driver, 'entry.checkIn', {
        gateId: GATES.exitIn.id,
        noPlate: true,
      });
      expect(inside.created).toBe(true);
      await stack.advanceClock(2 * HOUR);
      const choices = await stack.ok<{ choices: Quote[] }>(driver, 'exit.choices', {
        gateId: GATES.exitOut.id,
      });
      expect(choices.choices.map((c) => c.session.id)).toEqual([inside.session.id]);
      const exit = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', {
        sessionId: inside.session.id,
        gateId: GATES.exitOut.id,
      });
      expect(exit.kind).toBe('payment');
      await stack.cashierPay(exit.payment.requestPayment);
      const confirmed = await stack.ok<Quote & { mayLeave: { allowed: boolean } }>(
        driver,
        'payment.confirm',
        { sessionId: inside.session.id },
      );
      expect(confirmed.session).toMatchObject({ state: 'closed', stateLabel: '已离场' });
      expect(confirmed.mayLeave.allowed).toBe(true);
      expect(stack.session(inside.session.id).outTime).toBeDefined();
      const mine = await stack.ok<{ live: View[] }>(driver, 'sessions.mine', {});
      expect(mine.live).toEqual([]);
      await stack.advanceClock(HOUR);
    }
  });
});

describe('a paid car whose exit is never recorded', () => {
  it('is flagged past the leave window, and a new entry of the plate closes it as 未记录出场', async () => {
    const driver = 'o-life-stale-0000000000000001';
    const plate = '粤B70003';
    const first = await stack.ok<{ session: View }>(driver, 'entry.checkIn', {
      gateId: GATES.exitIn.id,
      plate,
    });
    await stack.advanceClock(HOUR);
    // Paid at a pay station (no exit gate): the leave window opens.
    const pay = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', {
      sessionId: first.session.id,
    });
    await stack.cashierPay(pay.payment.requestPayment);
    await eventually(() => stack.session(first.session.id).state === 'paid', 'paid');
    const paid = stack.session(first.session.id).amounts.paid;
    await stack.advanceClock(2 * HOUR);
    await stack.fireReconcile();
    const flagged = await stack.ok<{
      items: Array<{ id: string; openAnomalies: Array<{ code: string }> }>;
    }>(OPERATOR_OPENID, 'op.sessions.list', { lotId: LOTS.payAtExit.id, flagged: true });
    expect(flagged.items.find((s) => s.id === first.session.id)?.openAnomalies).toEqual([
      expect.objectContaining({ code: 'not_left' }),
    ]);
    await stack.advanceClock(5 * HOUR);
    const second = await stack.ok<{ session: View; created: boolean }>(driver, 'entry.checkIn', {
      gateId: GATES.exitIn.id,
      plate,
    });
    expect(second.created).toBe(true);
    expect(second.session.id).not.toBe(first.session.id);
    const old = stack.session(first.session.id);
    expect(old).toMatchObject({ state: 'closed', flagged: true, amounts: { paid } });
    expect(old.anomalies.map((a) => a.code)).toContain('exit_not_recorded');
    const detail = await stack.ok<{ receipt: Receipt }>(driver, 'session.detail', {
      sessionId: first.session.id,
    });
    expect(detail.receipt.session.stateLabel).toBe('未记录出场');
    expect(detail.receipt.parkingFee).toBe(paid);
  });
});

describe('a prepaid car whose exit is never recorded', () => {
  it('enters again: the stay to the new entry is charged from the freeze, the old one closes as 未记录出场', async () => {
    const driver = 'o-life-frozen-00000000000001';
    const input = { gateId: GATES.smallIn.id, plate: '粤B70021' };
    const first = await stack.ok<{ session: View; payment: Payment }>(
      driver,
      'entry.prepay',
      input,
    );
    await stack.cashierPay(first.payment.requestPayment);
    await stack.ok(driver, 'payment.confirm', { sessionId: first.session.id });
    expect(stack.session(first.session.id).state).toBe('frozen');
    // Clear of a unit boundary (the real clock ticks between the calls): 2 h 10 min.
    await stack.advanceClock(2 * HOUR + 10 * MIN);
    const second = await stack.ok<{ session: View; payment: Payment; created: boolean }>(
      driver,
      'entry.prepay',
      input,
    );
    expect(second.created).toBe(true);
    expect(second.session.id).not.toBe(first.session.id);
    const old = stack.session(first.session.id);
    expect(old).toMatchObject({ state: 'closed', flagged: true });
    expect(old.anomalies.map((a) => a.code)).toContain('exit_not_recorded');
    const detail = await stack.ok<{ receipt: Receipt }>(driver, 'session.detail', {
      sessionId: first.session.id,
    });
    expect(detail.receipt.session.stateLabel).toBe('未记录出场');
    // 2 h 10 min: 3 units of ¥5, more than the ¥10 frozen: ¥10 charged, ¥5 owed.
    expect(detail.receipt.parkingFee).toBe(1500);
    expect(old.amounts).toMatchObject({ frozen: 1000, finished: 1000 });
    expect(detail.receipt.charged).toBe(1000);
  });
});

describe('two cars of one driver', () => {
  it('are both offered at the exit, with their plates', async () => {
    const driver = 'o-life-twocars-0000000000001';
    for (const plate of ['粤B70011', '粤B70012']) {
      await stack.ok(driver, 'entry.checkIn', { gateId: GATES.exitIn.id, plate });
      await stack.advanceClock(10 * MIN);
    }
    const choices = await stack.ok<{ choices: Quote[] }>(driver, 'exit.choices', {
      gateId: GATES.exitOut.id,
    });
    expect(choices.choices.map((c) => c.session.plate)).toEqual(['粤B70012', '粤B70011']);
  });
});

describe('roadside', () => {
  it('quotes the leave (from the freeze, returned), and an arrival after the hold follows the no-show rule', async () => {
    const driver = 'o-life-road-00000000000000001';
    const booking = await stack.ok<{ session: View; payment: Payment }>(driver, 'booking.create', {
      spotId: SPOTS[0]!.id,
      plate: '粤B70021',
    });
    await stack.cashierPay(booking.payment.requestPayment);
    await eventually(() => stack.session(booking.session.id).state === 'booked', 'booked');
    await stack.advanceClock(20 * MIN);
    const late = await refused(driver, 'booking.arrive', { sessionId: booking.session.id });
    expect(late.code).toBe('HOLD_EXPIRED');
    expect(late.message).toContain('按爽约规则收取 ¥2.00');
    await eventually(() => stack.session(booking.session.id).state === 'no_show', 'no-show');
    expect(stack.session(booking.session.id).amounts).toMatchObject({
      finished: 200,
      returned: 2800,
    });

    const second = await stack.ok<{ session: View; payment: Payment }>(driver, 'booking.create', {
      spotId: SPOTS[1]!.id,
      plate: '粤B70021',
    });
    await stack.cashierPay(second.payment.requestPayment);
    await eventually(() => stack.session(second.session.id).state === 'booked', 'booked');
    await stack.ok(driver, 'booking.arrive', { sessionId: second.session.id });
    await stack.advanceClock(40 * MIN);
    const quote = await stack.ok<Quote>(driver, 'session.quote', { sessionId: second.session.id });
    expect(quote.next).toBe('settle');
    expect(quote.settlement).toEqual({ fromFreeze: 500, returned: 2300, balance: 0 });
    const left = await stack.ok<{ kind: string; session: View }>(driver, 'booking.leave', {
      sessionId: second.session.id,
    });
    expect(left.session).toMatchObject({
      state: 'closed',
      amounts: { finished: 700, returned: 2300 },
    });
  });
});

describe('operator finish and cancel say what they will do', () => {
  it('finish of a parked roadside session charges the parking fee due, as previewed', async () => {
    const driver = 'o-life-opfinish-000000000001';
    const booking = await stack.ok<{ session: View; payment: Payment }>(driver, 'booking.create', {
      spotId: SPOTS[2]!.id,
      plate: '粤B70031',
    });
    await stack.cashierPay(booking.payment.requestPayment);
    await eventually(() => stack.session(booking.session.id).state === 'booked', 'booked');
    await stack.ok(driver, 'booking.arrive', { sessionId: booking.session.id });
    await stack.advanceClock(40 * MIN);
    const quote = await stack.ok<Quote>(driver, 'session.quote', { sessionId: booking.session.id });
    expect(quote.due).toBe(500);
    const preview = await stack.ok<Record<string, unknown>>(
      OPERATOR_OPENID,
      'op.sessions.preview',
      {
        sessionId: booking.session.id,
        action: 'finish',
      },
    );
    expect(preview).toMatchObject({
      action: 'finish',
      possible: true,
      due: 500,
      charge: 500,
      fromFreeze: 500,
      returned: 2300,
      waived: 0,
      canCancel: true,
    });
    const ended = await stack.ok<{ session: View }>(OPERATOR_OPENID, 'op.sessions.finish', {
      sessionId: booking.session.id,
      reason: '车主电话要求结束',
    });
    expect(ended.session.state).toBe('closed');
    expect(stack.session(booking.session.id).amounts).toMatchObject({
      bookingFee: 200,
      finished: 700,
      returned: 2300,
    });
  });

  it('cancel of a paid session is offered as impossible, with the reason, before any reason is typed', async () => {
    const driver = 'o-life-opcancel-000000000001';
    const inside = await stack.ok<{ session: View }>(driver, 'entry.checkIn', {
      gateId: GATES.exitIn.id,
      plate: '粤B70041',
    });
    await stack.advanceClock(HOUR);
    const pay = await stack.ok<{ payment: Payment }>(driver, 'exit.pay', {
      sessionId: inside.session.id,
    });
    await stack.cashierPay(pay.payment.requestPayment);
    await eventually(() => stack.session(inside.session.id).state === 'paid', 'paid');
    const before = JSON.stringify(stack.session(inside.session.id));
    const preview = await stack.ok<Record<string, unknown>>(
      OPERATOR_OPENID,
      'op.sessions.preview',
      {
        sessionId: inside.session.id,
        action: 'cancel',
      },
    );
    expect(preview).toMatchObject({
      action: 'cancel',
      possible: false,
      code: 'ALREADY_PAID',
      canCancel: false,
      charge: 0,
    });
    expect(preview.whyNot).toContain('已支付');
    const finish = await stack.ok<Record<string, unknown>>(OPERATOR_OPENID, 'op.sessions.preview', {
      sessionId: inside.session.id,
      action: 'finish',
    });
    expect(finish).toMatchObject({ possible: true, charge: 0, canCancel: false });
    expect(JSON.stringify(stack.session(inside.session.id))).toBe(before);
  });
});
