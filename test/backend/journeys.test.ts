// End-to-end journeys over HTTP: a driver through the api function, the payer at the sandbox's
// cashier, notifications through /notify, the lot controller through /gate.
import { DEMO_MERCHANT } from '../../sandbox';
import { GATES, LOTS, SPOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(60_000);

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack.close());

type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type View = { id: string; state: string; amounts: Record<string, number>; plate: string };

const HOUR = 3600;

describe('exit pay', () => {
  it('gate entry, quote with breakdown, pay at the exit, notify, may leave, exit', async () => {
    const driver = 'o-journey-exit-driver-000001';
    const entry = await stack.gate(LOTS.payAtExit.id, {
      type: 'entry',
      gateId: GATES.exitIn.id,
      plate: '粤B12345',
    });
    expect(entry.status).toBe(200);
    const sessionId = (entry.json as { data: { sessionId: string; created: boolean } }).data
      .sessionId;
    await stack.advanceClock(2 * HOUR + 60);

    const quote = await stack.ok<{ due: number; next: string; lines: Array<{ text: string }> }>(
      driver,
      'session.quote',
      { gateId: GATES.exitOut.id, plate: '粤B12345' },
    );
    expect(quote).toMatchObject({ due: 1500, next: 'pay' }); // 3 started hours at ¥5
    expect(quote.lines.at(-1)?.text).toContain('15.00');

    const blocked = await stack.gate(LOTS.payAtExit.id, {
      type: 'may_leave',
      gateId: GATES.exitOut.id,
      plate: '粤B12345',
    });
    expect(blocked.json).toMatchObject({ data: { allowed: false, reason: 'payment_required' } });

    const started = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', {
      sessionId,
    });
    expect(started.kind).toBe('payment');
    expect(started.payment.amount).toBe(1500);
    // A second tap gives the same sheet: no second payment can start.
    const again = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', {
      sessionId,
    });
    expect(again.payment.reqsn).toBe(started.payment.reqsn);

    await stack.cashierPay(started.payment.requestPayment);
    await eventually(() => stack.session(sessionId).state === 'paid', 'the notification');
    const paid = stack.session(sessionId);
    expect(paid).toMatchObject({ openid: driver, amounts: { paid: 1500 } });
    expect(paid.amounts.aip).toBeGreaterThan(0);
    // The platform records the delivery once our `success` reply reaches it.
    await eventually(
      async () =>
        (await stack.transaction(started.payment.reqsn)).notifications[0]?.status === 'delivered',
      'the delivery acknowledged',
    );

    const allowed = await stack.gate(LOTS.payAtExit.id, {
      type: 'may_leave',
      gateId: GATES.exitOut.id,
      plate: '粤B12345',
    });
    expect(allowed.json).toMatchObject({ data: { allowed: true, reason: 'paid' } });
    const exit = await stack.gate(LOTS.payAtExit.id, {
      type: 'exit',
      gateId: GATES.exitOut.id,
      plate: '粤B12345',
    });
    expect(exit.json).toMatchObject({ data: { closed: true, flagged: false } });

    const detail = await stack.ok<{ receipt: Record<string, unknown> }>(driver, 'session.detail', {
      sessionId,
    });
    expect(detail.receipt).toMatchObject({
      charged: 1500,
      returned: 0,
      parkingFee: 1500,
      session: { state: 'closed', plate: '粤B12345' },
    });
    const mine = await stack.ok<{ live: View[]; history: View[] }>(driver, 'sessions.mine');
    expect(mine.history.map((s) => s.id)).toContain(sessionId);
    const plates = await stack.ok<{ plates: string[] }>(driver, 'plates.list');
    expect(plates.plates).toEqual([]); // a gate-opened session is not a plate the driver typed
  });
});

describe('entry prepay then exit finish', () => {
  it('freezes at entry, finishes the fee with feeType 9 at the exit and returns the rest', async () => {
    const driver = 'o-journey-prepay-driver-00001';
    const scene = await stack.ok<{ gate: { kind: string }; lot: { entryPrepay: boolean } }>(
      driver,
      'scene.resolve',
      { scene: `https://example.com/p?scene=${encodeURIComponent(GATES.prepayIn.scene)}` },
    );
    expect(scene).toMatchObject({ gate: { kind: 'entry' }, lot: { entryPrepay: true } });

    const started = await stack.ok<{ session: View; payment: Payment }>(driver, 'entry.prepay', {
      gateId: GATES.prepayIn.id,
      noPlate: true,
    });
    const sessionId = started.session.id;
    expect(started.session.plate).toMatch(/^粤[A-Z0-9]{6}$/);
    const derived = await stack.ok<{ plate: string }>(driver, 'plate.derive', {
      lotId: LOTS.prepay.id,
    });
    expect(derived.plate).toBe(started.session.plate);
    expect(started.payment.amount).toBe(5000);
    const again = await stack.ok<{ session: View; payment: Payment; created: boolean }>(
      driver,
      'entry.prepay',
      { gateId: GATES.prepayIn.id, noPlate: true },
    );
    expect(again).toMatchObject({ created: false, session: { id: sessionId } });
    expect(again.payment.reqsn).toBe(started.payment.reqsn);

    await stack.cashierPay(started.payment.requestPayment);
    await eventually(() => stack.session(sessionId).state === 'frozen', 'the prepay notification');
    // The controller sees the car come in: the same session, not a second one.
    const entry = await stack.gate(LOTS.prepay.id, {
      type: 'entry',
      gateId: GATES.prepayIn.id,
      plate: started.session.plate,
    });
    expect(entry.json).toMatchObject({ data: { sessionId, created: false } });

    await stack.advanceClock(HOUR + 30 * 60); // 2 started hours: ¥10
    const settled = await stack.ok<{ kind: string; session: View }>(driver, 'exit.pay', {
      sessionId,
    });
    expect(settled.kind).toBe('paid');
    expect(settled.session.amounts).toMatchObject({
      frozen: 5000,
      finished: 1000,
      returned: 4000,
      frozenLeft: 0,
    });
    const txn = await stack.transaction(started.payment.reqsn);
    expect(txn.transaction).toMatchObject({
      state: 'ended',
      totals: { fee: 5000, feeFinish: 1000, feeBack: 4000 },
    });
    const gate = await stack.gate(LOTS.prepay.id, {
      type: 'may_leave',
      gateId: GATES.prepayOut.id,
      plate: started.session.plate,
    });
    expect(gate.json).toMatchObject({ data: { allowed: true } });
    const detail = await stack.ok<{ receipt: Record<string, unknown> }>(driver, 'session.detail', {
      sessionId,
    });
    expect(detail.receipt).toMatchObject({ charged: 1000, returned: 4000, frozen: 5000 });
  });

  it('settles a prepay by itself when the exit gate asks whether the car may leave', async () => {
    const driver = 'o-journey-prepay-driver-00002';
    const started = await stack.ok<{ session: View; payment: Payment }>(driver, 'entry.prepay', {
      gateId: GATES.prepayIn.id,
      plate: '粤A99999',
    });
    await stack.cashierPay(started.payment.requestPayment);
    await eventually(() => stack.session(started.session.id).state === 'frozen', 'frozen');
    await stack.advanceClock(20 * 60); // 20 minutes: past the free 15, one hour charged
    const gate = await stack.gate(LOTS.prepay.id, {
      type: 'may_leave',
      gateId: GATES.prepayOut.id,
      plate: '粤A99999',
    });
    expect(gate.json).toMatchObject({ data: { allowed: true, reason: 'paid' } });
    expect(stack.session(started.session.id).amounts).toMatchObject({
      finished: 500,
      returned: 4500,
    });
    const plates = await stack.ok<{ plates: string[] }>(driver, 'plates.list');
    expect(plates.plates).toEqual(['粤A99999']);
  });
});

describe('entry prepay smaller than the fee', () => {
  it('finishes the whole freeze and asks for the balance by pay', async () => {
    const driver = 'o-journey-small-driver-000001';
    const started = await stack.ok<{ session: View; payment: Payment }>(driver, 'entry.prepay', {
      gateId: GATES.smallIn.id,
      plate: '粤A77777',
    });
    const sessionId = started.session.id;
    await stack.cashierPay(started.payment.requestPayment);
    await eventually(() => stack.session(sessionId).state === 'frozen', 'frozen');
    await stack.advanceClock(2 * HOUR + 30 * 60); // 3 started hours: ¥15 against a ¥10 freeze
    const balance = await stack.ok<{ kind: string; payment: Payment; session: View }>(
      driver,
      'exit.pay',
      { sessionId },
    );
    expect(balance).toMatchObject({
      kind: 'payment',
      payment: { amount: 500 },
      session: { state: 'awaiting_payment', amounts: { finished: 1000, returned: 0 } },
    });
    await stack.cashierPay(balance.payment.requestPayment);
    await eventually(() => stack.session(sessionId).state === 'paid', 'balance paid');
    expect(stack.session(sessionId).amounts).toMatchObject({ finished: 1000, paid: 500 });
  });
});

describe('roadside booking', () => {
  const spot = SPOTS.find((s) => s.lotId === LOTS.road1.id && s.id.endsWith('s1'))!;

  it('books, arrives (finish feeType 1, the booking fee), parks and leaves (feeType 9)', async () => {
    const driver = 'o-journey-booking-driver-0001';
    const spots = await stack.ok<{ spots: Array<{ id: string; status: string }> }>(
      driver,
      'lot.spots',
      { lotId: LOTS.road1.id },
    );
    expect(spots.spots.find((s) => s.id === spot.id)?.status).toBe('free');
    const booked = await stack.ok<{ session: View; payment: Payment }>(driver, 'booking.create', {
      spotId: spot.id,
      plate: '粤B54321',
    });
    const sessionId = booked.session.id;
    // Someone else cannot take the spot meanwhile.
    const other = await stack.api('o-journey-booking-driver-0002', 'booking.create', {
      spotId: spot.id,
      plate: '粤B11111',
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'SPOT_TAKEN' } });

    await stack.cashierPay(booked.payment.requestPayment);
    await eventually(() => stack.session(sessionId).state === 'booked', 'booked');
    const arrived = await stack.ok<{ session: View }>(driver, 'booking.arrive', { sessionId });
    expect(arrived.session).toMatchObject({
      state: 'parked',
      amounts: { finished: 200, bookingFee: 200 },
    });
    await stack.advanceClock(50 * 60); // under an hour: ¥5
    const left = await stack.ok<{ kind: string; session: View }>(driver, 'booking.leave', {
      sessionId,
    });
    expect(left).toMatchObject({
      kind: 'paid',
      session: { state: 'closed', amounts: { finished: 700, returned: 2300 } },
    });
    const txn = await stack.transaction(booked.payment.reqsn);
    expect(txn.transaction.totals).toMatchObject({ fee: 3000, feeFinish: 700, feeBack: 2300 });
    const after = await stack.ok<{ spots: Array<{ id: string; status: string }> }>(
      driver,
      'lot.spots',
      { lotId: LOTS.road1.id },
    );
    expect(after.spots.find((s) => s.id === spot.id)?.status).toBe('free');
    expect(after).toMatchObject({ tariff: { bookingFee: 200, bookingHoldMinutes: 15 } });
  });

  it('cancels a booking before arrival: the whole freeze returns', async () => {
    const driver = 'o-journey-booking-driver-0003';
    const booked = await stack.ok<{ session: View; payment: Payment }>(driver, 'booking.create', {
      spotId: spot.id,
      plate: '粤B22222',
    });
    await stack.cashierPay(booked.payment.requestPayment);
    await eventually(() => stack.session(booked.session.id).state === 'booked', 'booked');
    const cancelled = await stack.ok<{ session: View }>(driver, 'booking.cancel', {
      sessionId: booked.session.id,
    });
    expect(cancelled.session).toMatchObject({
      state: 'cancelled',
      amounts: { finished: 0, returned: 3000 },
    });
    const again = await stack.ok<{ session: View }>(driver, 'booking.cancel', {
      sessionId: booked.session.id,
    });
    expect(again.session.state).toBe('cancelled');
    const txn = await stack.transaction(booked.payment.reqsn);
    expect(txn.transaction).toMatchObject({ state: 'ended', totals: { feeBack: 3000 } });
    expect(DEMO_MERCHANT.cusid).toBe(stack.session(booked.session.id).cusid);
  });
});

it('never writes the merchant key or password to a log line', () => {
  const output = stack.logs.join('\n');
  expect(output).toContain('platform call'); // the functions did log their calls
  expect(output).not.toContain(DEMO_MERCHANT.key);
  expect(output).not.toContain(DEMO_MERCHANT.password);
});
