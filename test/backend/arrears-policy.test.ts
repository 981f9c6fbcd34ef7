// Issue 14 Deliver 5 over HTTP: a booking or an entry shows the plate's open arrears owed to the
// lot's operator first (arrears.check), and a lot whose policy is `require` books no spot for a
// plate until they are paid. A car without a plate finds its arrears by the driver's openid.
import { COLLECTIONS } from '../../server/store/collections';
import { oweArrears, road9Spots } from './support/arrears';
import { GATES, LOTS, OPERATOR_OPENID, SPOTS } from './support/seed';
import { BackendStack } from './support/stack';

jest.setTimeout(120_000);

type Payment = { reqsn: string; requestPayment: Record<string, string> };
type Check = {
  plate: string;
  items: Array<{ id: string; due: number; lotName: string }>;
  total: number;
  policy: string;
  bookingBlocked: boolean;
};

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack?.close());

const road1Spot = SPOTS.find((s) => s.lotId === LOTS.road1.id)!;
const owner = 'o-arrears-owner-0000000000001';
const plate = '粤B9P001';
let owed: string;

async function setPolicy(lotId: string, arrearsPolicy: 'remind' | 'require') {
  const lot = stack.docs<Record<string, unknown>>(COLLECTIONS.lots, { _id: lotId })[0]!;
  const { _id, ...rest } = lot;
  await stack.ok(OPERATOR_OPENID, 'op.lots.upsert', {
    lot: { ...rest, id: _id, arrearsPolicy },
    reason: '欠费策略',
  });
}

it('shows the arrears owed to the operator before a booking or an entry, to anyone typing the plate', async () => {
  owed = await oweArrears(stack, owner, { plate }, 0, 1);
  const due = stack.docs<{ due: number }>(COLLECTIONS.arrears, { _id: owed })[0]!.due;
  // Another driver (the car's other user) types the plate at another lot of the same operator.
  const other = 'o-arrears-other-0000000000001';
  const atRoad1 = await stack.ok<Check>(other, 'arrears.check', { lotId: LOTS.road1.id, plate });
  expect(atRoad1).toMatchObject({ plate, total: due, policy: 'remind', bookingBlocked: false });
  expect(atRoad1.items.map((a) => [a.id, a.lotName])).toEqual([[owed, LOTS.road9.name]]);
  // At a gated lot too; an entry is never refused for arrears.
  const atGate = await stack.ok<Check>(other, 'arrears.check', { lotId: LOTS.payAtExit.id, plate });
  expect(atGate).toMatchObject({ total: due, bookingBlocked: false });
  // The plate is now the other driver's too: it can pay from its home page.
  const mine = await stack.ok<{ items: Array<{ id: string }> }>(other, 'arrears.mine');
  expect(mine.items.map((a) => a.id)).toEqual([owed]);
  // A plate that owes nothing: nothing shown, nothing remembered.
  const clean = await stack.ok<Check>('o-arrears-clean-0000000000001', 'arrears.check', {
    lotId: LOTS.road1.id,
    plate: '粤B9P999',
  });
  expect(clean).toMatchObject({ items: [], total: 0, bookingBlocked: false });
  expect(
    (await stack.ok<{ plates: string[] }>('o-arrears-clean-0000000000001', 'plates.list')).plates,
  ).toEqual([]);
});

it('under `require`, a booking waits until the arrears are paid; under `remind` it goes ahead', async () => {
  await setPolicy(LOTS.road1.id, 'require');
  const audit = stack.docs<{ changes: unknown[] }>(COLLECTIONS.audit, { lotId: LOTS.road1.id });
  expect(audit.flatMap((a) => a.changes)).toContainEqual({
    label: '欠费车辆预订',
    from: '提醒后可预订',
    to: '须先缴清欠费',
  });
  const before = stack.docs(COLLECTIONS.sessions, { lotId: LOTS.road1.id }).length;
  const refused = await stack.api(owner, 'booking.create', { spotId: road1Spot.id, plate });
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'ARREARS_UNPAID', details: { count: 1 } },
  });
  expect(stack.docs(COLLECTIONS.sessions, { lotId: LOTS.road1.id })).toHaveLength(before);
  const check = await stack.ok<Check>(owner, 'arrears.check', { lotId: LOTS.road1.id, plate });
  expect(check).toMatchObject({ policy: 'require', bookingBlocked: true });

  // Road 9 still reminds only.
  const road9 = await stack.ok<Check>(owner, 'arrears.check', { lotId: LOTS.road9.id, plate });
  expect(road9).toMatchObject({ policy: 'remind', bookingBlocked: false });
  // The unpaid booking that closed the old stay is given up, so the car is nowhere.
  const [waiting] = stack.docs<{ _id: string }>(COLLECTIONS.sessions, {
    plate,
    state: 'awaiting_prepay',
  });
  await stack.ok(owner, 'booking.cancel', { sessionId: waiting!._id });
  // Under `remind` a booking goes ahead while the arrears are open.
  const reminded = await stack.ok<{ session: { id: string } }>(owner, 'booking.create', {
    spotId: road9Spots[5]!.id,
    plate,
  });
  await stack.ok(owner, 'booking.cancel', { sessionId: reminded.session.id });

  // Paid: the booking goes through.
  const { payment } = await stack.ok<{ payment: Payment }>(owner, 'arrears.pay', {
    arrearsId: owed,
  });
  await stack.cashierPay(payment.requestPayment);
  await stack.ok(owner, 'arrears.confirm', { reqsn: payment.reqsn });
  const after = await stack.ok<Check>(owner, 'arrears.check', { lotId: LOTS.road1.id, plate });
  expect(after).toMatchObject({ items: [], bookingBlocked: false });
  const booked = await stack.ok<{ session: { id: string } }>(owner, 'booking.create', {
    spotId: road1Spot.id,
    plate,
  });
  expect(booked.session.id).toBeTruthy();
});

it('a car without a plate: its arrears come by the driver who parked it', async () => {
  const driver = 'o-arrears-noplate-00000000001';
  const id = await oweArrears(stack, driver, { noPlate: true }, 3, 4);
  const mine = await stack.ok<{ items: Array<{ id: string }> }>(driver, 'arrears.mine');
  expect(mine.items.map((a) => a.id)).toEqual([id]);
  const check = await stack.ok<Check>(driver, 'arrears.check', {
    lotId: LOTS.road1.id,
    noPlate: true,
  });
  expect(check.items.map((a) => a.id)).toEqual([id]);
  const paying = await stack.ok<{ payment?: Payment }>(driver, 'arrears.pay', { arrearsId: id });
  expect(paying.payment).toBeDefined();
  const stranger = await stack.api('o-arrears-stranger-0000000009', 'arrears.pay', {
    arrearsId: id,
  });
  expect(stranger).toMatchObject({ ok: false, error: { code: 'ARREARS_NOT_FOUND' } });
});

it('refuses bad input and changes nothing', async () => {
  const who = 'o-arrears-hostile-00000000001';
  for (const input of [
    {},
    { lotId: LOTS.road1.id },
    { lotId: LOTS.road1.id, plate, noPlate: true },
    { lotId: LOTS.road1.id, plate: 'DROP TABLE' },
    { lotId: '../x', plate },
    { lotId: LOTS.road1.id, plate, extra: 1 },
  ]) {
    const res = await stack.api(who, 'arrears.check', input);
    expect(res).toMatchObject({ ok: false });
    expect(JSON.stringify(res)).toMatch(/INVALID_INPUT|PLATE_INVALID/);
  }
  const unknownLot = await stack.api(who, 'arrears.check', { lotId: 'lot-none', plate });
  expect(unknownLot).toMatchObject({ ok: false, error: { code: 'LOT_NOT_FOUND' } });
  expect((await stack.ok<{ plates: string[] }>(who, 'plates.list')).plates).toEqual([]);
  expect(GATES.exitIn.lotId).toBe(LOTS.payAtExit.id);
});
