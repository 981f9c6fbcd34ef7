// The reconcile timer, fired through the function host: lost notifications, no-shows under both
// road policies, freezes settled before endTime (or by the platform at endTime), stale sessions.
// The sandbox clock moves time for the platform and the functions alike.
import { GATES, LOTS, SPOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(60_000);

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack.close());
afterEach(() => stack.setFaults({}));

const MIN = 60;
const HOUR = 3600;
type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type Started = { session: { id: string; state: string }; payment: Payment };

let n = 0;
const driverId = (tag: string) => `o-reconcile-${tag}-${++n}`.padEnd(28, '0');

async function booked(lotId: string, spotIndex: number) {
  const spot = SPOTS.filter((s) => s.lotId === lotId)[spotIndex]!;
  const driver = driverId('book');
  const started = await stack.ok<Started>(driver, 'booking.create', {
    spotId: spot.id,
    plate: `粤E${String(20000 + n)}`,
  });
  await stack.cashierPay(started.payment.requestPayment);
  await eventually(() => stack.session(started.session.id).state === 'booked', 'booked');
  return { driver, sessionId: started.session.id, reqsn: started.payment.reqsn };
}

it('resolves a lost notification by querying the platform', async () => {
  await stack.setFaults({ drop: 1 });
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: '粤E10001',
  });
  const sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(50 * MIN);
  const driver = driverId('lost');
  const started = await stack.ok<{ payment: Payment }>(driver, 'exit.pay', { sessionId });
  await stack.cashierPay(started.payment.requestPayment);
  expect(stack.session(sessionId).state).toBe('awaiting_payment');
  const report = await stack.fireReconcile();
  expect(report.queried).toBeGreaterThanOrEqual(1);
  expect(report.resolved).toBeGreaterThanOrEqual(1);
  expect(stack.session(sessionId)).toMatchObject({ state: 'paid', amounts: { paid: 500 } });
});

describe.each([
  ['road 1', LOTS.road1.id],
  ['road 9', LOTS.road9.id],
])('a booking under %s', (_name, lotId) => {
  it('whose driver never comes pays the booking fee as a no-show once the hold is over', async () => {
    const { sessionId, reqsn } = await booked(lotId, 0);
    await stack.advanceClock(10 * MIN);
    await stack.fireReconcile();
    expect(stack.session(sessionId).state).toBe('booked'); // the hold (15 min) is not over
    await stack.advanceClock(6 * MIN);
    const report = await stack.fireReconcile();
    expect(report.noShows).toBe(1);
    expect(stack.session(sessionId)).toMatchObject({
      state: 'no_show',
      amounts: { finished: 200, returned: 2800 },
    });
    const txn = await stack.transaction(reqsn);
    expect(txn.transaction).toMatchObject({
      state: 'ended',
      totals: { feeFinish: 200, feeBack: 2800 },
    });
  });

  it('left open past endTime is settled by the platform by the road policy, and learnt by query', async () => {
    const { sessionId } = await booked(lotId, 1);
    await stack.advanceClock(2 * HOUR + MIN); // past the 2 h freeze: the platform settles
    const report = await stack.fireReconcile();
    expect(report.platformSettled).toBe(1);
    const road1 = lotId === LOTS.road1.id;
    expect(stack.session(sessionId)).toMatchObject({
      state: 'settled_by_platform',
      flagged: true,
      amounts: road1 ? { finished: 3000, returned: 0 } : { finished: 0, returned: 3000 },
    });
    expect(stack.session(sessionId).anomalies.map((a) => a.code)).toEqual(['platform_settled']);
  });
});

it('settles an entry prepay before endTime by road 9 (all returned); the stay is paid at the exit', async () => {
  const driver = driverId('prepay');
  const started = await stack.ok<Started>(driver, 'entry.prepay', {
    gateId: GATES.prepayIn.id,
    plate: '粤E30001',
  });
  await stack.cashierPay(started.payment.requestPayment);
  const sessionId = started.session.id;
  await eventually(() => stack.session(sessionId).state === 'frozen', 'frozen');
  await stack.advanceClock(24 * HOUR - 5 * MIN); // inside settleBeforeEndSeconds (10 min)
  const report = await stack.fireReconcile();
  expect(report.settledBeforeEnd).toBe(1);
  expect(stack.session(sessionId)).toMatchObject({
    state: 'open',
    amounts: { frozen: 5000, finished: 0, returned: 5000 },
  });
  const exit = await stack.ok<{ kind: string; payment: Payment }>(driver, 'exit.pay', {
    sessionId,
  });
  expect(exit).toMatchObject({ kind: 'payment', payment: { amount: 4000 } }); // capped per 24 h
});

it('settles a parked booking before endTime by road 1: what is due so far is charged', async () => {
  const { driver, sessionId } = await booked(LOTS.road1.id, 2);
  await stack.ok(driver, 'booking.arrive', { sessionId });
  await stack.advanceClock(2 * HOUR - 5 * MIN);
  const report = await stack.fireReconcile();
  expect(report.settledBeforeEnd).toBe(1);
  // 1 h 55 min parked: 2 started hours at ¥5, plus the ¥2 booking fee at arrival.
  expect(stack.session(sessionId)).toMatchObject({
    state: 'open',
    amounts: { finished: 1200, returned: 1800 },
  });
});

it('flags a session unfinished beyond the lot limit for an operator, once', async () => {
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: '粤E40001',
  });
  const sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(7 * 24 * HOUR + HOUR);
  const report = await stack.fireReconcile();
  expect(report.flaggedStale).toBeGreaterThanOrEqual(1);
  const stale = stack.session(sessionId);
  expect(stale).toMatchObject({ state: 'open', flagged: true, staleAt: null });
  expect(stale.anomalies.map((a) => a.code)).toEqual(['stale']);
  await stack.fireReconcile();
  expect(stack.session(sessionId).anomalies).toHaveLength(1);
});

it('writes the per-day money totals a writer left unwritten (stopped after the session write)', async () => {
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: '粤E10099',
  });
  const sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(50 * MIN);
  const started = await stack.ok<{ payment: Payment }>(driverId('money'), 'exit.pay', {
    sessionId,
  });
  await stack.cashierPay(started.payment.requestPayment);
  await eventually(() => stack.session(sessionId).state === 'paid', 'paid');
  type Day = { _id: string; sessionId: string; charged: number };
  const daysOf = () => stack.docs<Day>('daily_money').filter((d) => d.sessionId === sessionId);
  // The day totals follow the session's write (the payer may hear "paid" just before).
  await eventually(() => stack.session(sessionId).moneyPendingAt === undefined, 'day totals');
  const written = daysOf();
  expect(written.map((d) => d.charged)).toEqual([500]);

  // As if the function had stopped between the session's write and its day totals.
  const session = stack.session(sessionId);
  stack.db.engine.applyBatch([
    ...written.map((d) => ({ collection: 'daily_money', id: d._id, doc: null })),
    {
      collection: 'sessions',
      id: sessionId,
      doc: { ...session, moneyPendingAt: session.updatedAt },
    },
  ]);
  await stack.advanceClock(MIN);
  const report = await stack.fireReconcile();
  expect(report.moneyRepaired).toBeGreaterThanOrEqual(1);
  expect(daysOf().map((d) => d.charged)).toEqual([500]);
  expect(stack.session(sessionId).moneyPendingAt).toBeUndefined();
});
