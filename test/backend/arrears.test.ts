// Issue 14 Deliver 5 (in part) over HTTP: a roadside car that left without paying becomes an
// arrears record on its plate, with the evidence; the driver sees it for a remembered plate; the
// operator lists it and waives it with a reason (audited, once). Paying arrears is not built yet.
import { COLLECTIONS } from '../../server/store/collections';
import { LOTS, OPERATOR_OPENID, SPOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(90_000);

const HOUR = 3600;
type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type Arrears = {
  id: string;
  plate: string;
  due: number;
  fee: number;
  charged: number;
  spotId: string;
};

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack?.close());

it('a roadside car gone unpaid owes arrears; the driver sees them; the operator waives once', async () => {
  const driver = 'o-arrears-driver-000000000001';
  const plate = '粤B8A001';
  const [first, second] = SPOTS.filter((s) => s.lotId === LOTS.road9.id);
  const booked = await stack.ok<{ session: { id: string }; payment: Payment }>(
    driver,
    'booking.create',
    { spotId: first!.id, plate },
  );
  const sessionId = booked.session.id;
  await stack.cashierPay(booked.payment.requestPayment);
  await stack.ok(driver, 'payment.confirm', { sessionId });
  await eventually(() => stack.session(sessionId).state === 'booked', 'booked');
  await stack.ok(driver, 'booking.arrive', { sessionId });
  // Past the settlement before endTime: road 9 returns the freeze; the stay is owed by pay.
  await stack.advanceClock(2 * HOUR);
  await stack.fireReconcile();
  await eventually(async () => {
    if (stack.session(sessionId).state !== 'open') await stack.fireReconcile();
    return stack.session(sessionId).state === 'open';
  }, 'the freeze returned');
  expect(await stack.ok<{ items: unknown[] }>(driver, 'arrears.mine')).toMatchObject({ items: [] });

  // The car left unpaid: its next booking closes the old session as 未记录出场.
  await stack.ok(driver, 'booking.create', { spotId: second!.id, plate });
  expect(stack.session(sessionId).state).toBe('closed');
  const records = stack.docs<Arrears & { state: string }>(COLLECTIONS.arrears, { _id: sessionId });
  expect(records).toEqual([
    expect.objectContaining({ plate, spotId: first!.id, state: 'open', charged: 0 }),
  ]);
  expect(records[0]!.due).toBeGreaterThan(0);
  expect(records[0]!.due).toBe(records[0]!.fee - records[0]!.charged);

  const mine = await stack.ok<{ items: Arrears[]; total: number }>(driver, 'arrears.mine');
  expect(mine.items.map((a) => a.id)).toEqual([sessionId]);
  expect(mine.total).toBe(records[0]!.due);
  const stranger = await stack.ok<{ items: Arrears[] }>(
    'o-arrears-stranger-0000000001',
    'arrears.mine',
  );
  expect(stranger.items).toEqual([]);

  const listed = await stack.ok<{ items: Arrears[] }>(OPERATOR_OPENID, 'op.arrears.list', {
    lotId: LOTS.road9.id,
    plate: '8A001',
  });
  expect(listed.items.map((a) => a.id)).toEqual([sessionId]);
  const bad = await stack.api(OPERATOR_OPENID, 'op.arrears.waive', { sessionId, reason: ' ' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const [a, b] = await Promise.all([
    stack.ok<{ outcome: string }>(OPERATOR_OPENID, 'op.arrears.waive', {
      sessionId,
      reason: '设备故障',
    }),
    stack.ok<{ outcome: string }>(OPERATOR_OPENID, 'op.arrears.waive', {
      sessionId,
      reason: '设备故障',
    }),
  ]);
  expect([a.outcome, b.outcome].sort()).toEqual(['already', 'applied']);
  expect(stack.docs(COLLECTIONS.audit, { action: 'arrears.waive' })).toHaveLength(1);
  expect((await stack.ok<{ items: unknown[] }>(driver, 'arrears.mine')).items).toEqual([]);
  // A driver or another lot's operator cannot waive.
  const asDriver = await stack.api(driver, 'op.arrears.waive', { sessionId, reason: '不想缴' });
  expect(asDriver).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
