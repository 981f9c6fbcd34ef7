// (c) No driver touches another driver's session. The routes are derived from the driver route
// table: every route that takes a session id is tried with the victim's ids in every live state
// and after the end, and every other route must say here how it could reach a session (by plate
// or spot) and is tried that way. A new driver route without a case here fails the first test.
import { API_ROUTES } from '../../cloudfunctions/api/shells';
import type { InviteeRouteName } from '../../server/operator';
import type { DriverRouteName as ParkingRouteName } from '../../server/parking/api/driver-routes';
import { COLLECTIONS } from '../../server/store/collections';
import { GATES, LOTS, SPOTS } from '../backend/support/seed';
import { BackendStack, eventually } from '../backend/support/stack';

jest.setTimeout(60_000);

/** Every route of the `api` function open to any caller (audience driver), wherever registered. */
type DriverRouteName =
  | ParkingRouteName
  | InviteeRouteName
  // passes (issue 13): the caller's own passes and pass orders only
  | 'passes.plans'
  | 'passes.mine'
  | 'passes.buy'
  | 'passes.renew'
  | 'passes.confirm'
  | 'passes.receipt'
  // merchant staff, a merchant's QR, arrears (issue 14): audience driver, checked inside
  | 'merchant.mine'
  | 'merchant.sessions'
  | 'merchant.give'
  | 'merchant.discounts'
  | 'merchant.codes.create'
  | 'merchant.invitation.get'
  | 'merchant.invitation.accept'
  | 'discount.redeem'
  | 'arrears.mine'
  | 'arrears.check'
  | 'arrears.pay'
  | 'arrears.confirm';
const driverRoutes = Object.fromEntries(
  Object.entries(API_ROUTES).filter(([, definition]) => definition.audience === 'driver'),
) as Pick<typeof API_ROUTES, DriverRouteName>;

const VICTIM = 'o-sec-victim-000000000000001';
const INTRUDER = 'o-sec-intruder-0000000000001';

type Payment = { reqsn: string; requestPayment: Record<string, string> };
type Started = { session: { id: string; state: string; plate: string }; payment?: Payment };

/** Routes whose input is `{ sessionId }` (or may be): derived, never listed by hand. */
const SESSION_ROUTES = (Object.keys(driverRoutes) as DriverRouteName[]).filter(
  (name) => driverRoutes[name].input.safeParse({ sessionId: 'S0000000001' }).success,
);

/** Every other route, with the input an intruder would use to reach the victim's session. */
type Probe = (v: Victim) => Record<string, unknown>;
interface Victim {
  exitPlate: string;
  prepayPlate: string;
  spotId: string;
}
const OTHER_ROUTES: Record<DriverRouteName, Probe | 'session-id'> = {
  'scene.resolve': () => ({ scene: GATES.exitOut.scene }),
  'lot.spots': () => ({ lotId: LOTS.road1.id }),
  'plate.derive': () => ({ lotId: LOTS.payAtExit.id }),
  'plates.list': () => ({}),
  'plates.forget': (v) => ({ plate: v.exitPlate }),
  'session.quote': 'session-id',
  'entry.prepay': (v) => ({ gateId: GATES.prepayIn.id, plate: v.prepayPlate }),
  'entry.checkIn': (v) => ({ gateId: GATES.exitIn.id, plate: v.exitPlate }),
  'exit.pay': 'session-id',
  'exit.choices': () => ({ gateId: GATES.exitOut.id }),
  'booking.create': (v) => ({ spotId: v.spotId, plate: '粤F29999' }),
  'booking.cancel': 'session-id',
  'booking.arrive': 'session-id',
  'booking.leave': 'session-id',
  'payment.confirm': 'session-id',
  'sessions.mine': () => ({}),
  'session.detail': 'session-id',
  // An invitation to run a lot names no session, plate or spot.
  'invitation.get': () => ({ code: '0000000000' }),
  'invitation.accept': () => ({ code: '0000000000', name: '入侵者' }),
  // Merchant staff routes reach sessions only through a merchant the caller staffs (none here).
  'merchant.mine': () => ({}),
  'merchant.sessions': () => ({ merchantId: 'm-none' }),
  'merchant.give': (v) => ({ merchantId: 'm-none', offerId: 'two-hours', plate: v.exitPlate }),
  'merchant.discounts': () => ({ merchantId: 'm-none' }),
  'merchant.codes.create': () => ({ merchantId: 'm-none', offerId: 'two-hours' }),
  'merchant.invitation.get': () => ({ code: '0000000000' }),
  'merchant.invitation.accept': () => ({ code: '0000000000', name: '入侵者' }),
  'discount.redeem': (v) => ({ code: 'd:0000000000', plate: v.exitPlate }),
  // Arrears of the caller's own remembered plates only.
  'arrears.mine': () => ({}),
  // Anyone typing a plate at a lot sees what that plate owes there (arrears-policy.test.ts): its
  // arrears, never its sessions.
  'arrears.check': (v) => ({ lotId: LOTS.road1.id, plate: v.exitPlate }),
  'arrears.pay': () => ({ arrearsId: 'S0000000001' }),
  'arrears.confirm': () => ({ reqsn: 'R0000000001' }),
  // Passes name no session: a plan, a pass or a pass order (the intruder's own only).
  'passes.plans': () => ({ lotId: LOTS.payAtExit.id }),
  'passes.mine': () => ({}),
  'passes.buy': (v) => ({ planId: 'plan-none', plates: [v.exitPlate] }),
  'passes.renew': () => ({ passId: 'P0000000001' }),
  'passes.confirm': () => ({ reqsn: 'R0000000001' }),
  'passes.receipt': () => ({ reqsn: 'R0000000001' }),
};

let stack: BackendStack;
const victims: Record<string, string> = {};
let probeTarget: Victim;

beforeAll(async () => {
  stack = await BackendStack.start();
  const spots = SPOTS.filter((s) => s.lotId === LOTS.road1.id);
  const start = (route: string, data: Record<string, unknown>) =>
    stack.ok<Started>(VICTIM, route, data);

  // Checked in by the driver (pay at exit, open).
  const checkedIn = await start('entry.checkIn', { gateId: GATES.exitIn.id, plate: '粤F21001' });
  victims.open = checkedIn.session.id;
  // Reported by the gate, claimed by the victim's exit.pay (awaiting payment).
  const byGate = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: '粤F21002',
  });
  const claimedId = (byGate.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(3600);
  await start('exit.pay', { sessionId: claimedId });
  victims.claimed = claimedId;
  // Paid at the exit.
  const paidEntry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: '粤F21003',
  });
  const paidId = (paidEntry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(3600);
  const paying = await stack.ok<{ payment: Payment }>(VICTIM, 'exit.pay', { sessionId: paidId });
  await stack.cashierPay(paying.payment.requestPayment);
  victims.paid = paidId;
  // Entry prepay frozen, and one still awaiting its payment.
  const frozen = await start('entry.prepay', { gateId: GATES.prepayIn.id, plate: '粤F21004' });
  await stack.cashierPay(frozen.payment!.requestPayment);
  victims.frozen = frozen.session.id;
  const awaiting = await start('entry.prepay', { gateId: GATES.prepayIn.id, plate: '粤F21005' });
  victims.awaiting = awaiting.session.id;
  // A roadside booking, frozen; and one booked then cancelled (ended, in the history).
  const booked = await start('booking.create', { spotId: spots[0]!.id, plate: '粤F21006' });
  await stack.cashierPay(booked.payment!.requestPayment);
  victims.booked = booked.session.id;
  const ended = await start('booking.create', { spotId: spots[1]!.id, plate: '粤F21007' });
  await stack.cashierPay(ended.payment!.requestPayment);
  await eventually(() => stack.session(ended.session.id).state === 'booked', 'booked');
  await stack.ok(VICTIM, 'booking.cancel', { sessionId: ended.session.id });
  victims.ended = ended.session.id;

  await eventually(
    () =>
      stack.session(victims.frozen!).state === 'frozen' &&
      stack.session(victims.booked!).state === 'booked' &&
      stack.session(victims.paid!).state === 'paid',
    'victim payments recorded',
  );
  probeTarget = {
    exitPlate: '粤F21001',
    prepayPlate: '粤F21004',
    spotId: spots[0]!.id,
  };
}, 60_000);

afterAll(() => stack?.close());

/** Every session of the victim, exactly as stored. */
const victimDocs = () =>
  JSON.stringify(
    stack
      .docs<{ _id: string }>(COLLECTIONS.sessions, { openid: VICTIM })
      .sort((a, b) => a._id.localeCompare(b._id)),
  );

it('knows every driver route: those taking a session id are derived, the others listed', () => {
  expect(Object.keys(OTHER_ROUTES).sort()).toEqual(Object.keys(driverRoutes).sort());
  expect(SESSION_ROUTES.sort()).toEqual(
    Object.entries(OTHER_ROUTES)
      .filter(([, probe]) => probe === 'session-id')
      .map(([name]) => name)
      .sort(),
  );
  expect(SESSION_ROUTES.length).toBeGreaterThanOrEqual(7);
});

it('has the victim sessions it needs (live ones and an ended one)', () => {
  expect(stack.session(victims.ended!).state).not.toBe('booked');
  for (const id of Object.values(victims)) expect(stack.session(id).openid).toBe(VICTIM);
});

describe.each(['open', 'claimed', 'paid', 'frozen', 'awaiting', 'booked', 'ended'])(
  "the victim's %s session",
  (which) => {
    it.each(SESSION_ROUTES)(
      'is not found through %s by another driver, and nothing changes',
      async (name) => {
        const id = victims[which]!;
        const before = victimDocs();
        const count = stack.docs(COLLECTIONS.sessions).length;
        const result = await stack.api(INTRUDER, name, { sessionId: id });
        expect(result).toEqual({
          ok: false,
          error: { code: 'SESSION_NOT_FOUND', message: '停车记录不存在' },
        });
        expect(victimDocs()).toBe(before);
        expect(stack.docs(COLLECTIONS.sessions)).toHaveLength(count);
      },
    );
  },
);

it.each(
  Object.entries(OTHER_ROUTES).filter(
    (entry): entry is [string, Probe] => entry[1] !== 'session-id',
  ),
)(
  "%s with the victim's plate or spot neither shows nor changes the victim's sessions",
  async (name, probe) => {
    const before = victimDocs();
    const result = await stack.api(INTRUDER, name, probe(probeTarget));
    const text = JSON.stringify(result);
    // Nothing of the victim comes back: no session id, and no plate unless the caller sent it.
    for (const id of Object.values(victims))
      expect({ name, leaks: text.includes(id) }).toEqual({
        name,
        leaks: false,
      });
    for (const plate of ['粤F21002', '粤F21003', '粤F21005', '粤F21006', '粤F21007'])
      expect({ name, plate, leaks: text.includes(plate) }).toEqual({ name, plate, leaks: false });
    expect(victimDocs()).toBe(before);
  },
);

it("refuses to start a session on the victim's plate or spot", async () => {
  const tries: Array<[string, Record<string, unknown>, string]> = [
    ['entry.checkIn', { gateId: GATES.exitIn.id, plate: '粤F21001' }, 'ALREADY_INSIDE'],
    ['entry.prepay', { gateId: GATES.prepayIn.id, plate: '粤F21004' }, 'ALREADY_INSIDE'],
    ['booking.create', { spotId: probeTarget.spotId, plate: '粤F29998' }, 'SPOT_TAKEN'],
  ];
  for (const [name, data, code] of tries) {
    const before = victimDocs();
    const result = await stack.api(INTRUDER, name, data);
    expect({ name, result }).toMatchObject({ name, result: { ok: false, error: { code } } });
    expect(victimDocs()).toBe(before);
  }
  // The victim still sees all of its sessions, the intruder none of them.
  const mine = await stack.ok<{ live: Array<{ id: string }>; history: Array<{ id: string }> }>(
    INTRUDER,
    'sessions.mine',
  );
  expect([...mine.live, ...mine.history].map((s) => s.id)).toEqual(
    expect.not.arrayContaining(Object.values(victims)),
  );
  const theirs = await stack.ok<{ live: Array<{ id: string }>; history: Array<{ id: string }> }>(
    VICTIM,
    'sessions.mine',
  );
  expect([...theirs.live, ...theirs.history].map((s) => s.id).sort()).toEqual(
    Object.values(victims).sort(),
  );
});

describe('a gate-opened session a stranger starts to pay', () => {
  const plate = '粤F21008';
  const STRANGER = 'o-sec-stranger-0000000000001';
  let sessionId: string;

  beforeAll(async () => {
    const entry = await stack.gate(LOTS.payAtExit.id, {
      type: 'entry',
      gateId: GATES.exitIn.id,
      plate,
    });
    sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
    await stack.advanceClock(3600);
  });

  const quoteAtExit = (openid: string) =>
    stack.api<{ session: { id: string } }>(openid, 'session.quote', {
      gateId: GATES.exitOut.id,
      plate,
    });

  it('is the stranger’s while the payment is out: no second payment beside it', async () => {
    const started = await stack.ok<{ kind: string }>(STRANGER, 'exit.pay', { sessionId });
    expect(started.kind).toBe('payment');
    expect(stack.session(sessionId)).toMatchObject({ openid: STRANGER, claimed: true });
    expect(await quoteAtExit(VICTIM)).toMatchObject({ ok: false, error: { code: 'NOT_INSIDE' } });
  });

  it('does not lock the car’s driver out once that payment lapsed unpaid', async () => {
    // The stranger never pays: the pay expires and reconcile finds it failed.
    await stack.advanceClock(3 * 3600);
    await stack.fireReconcile();
    expect(stack.session(sessionId)).toMatchObject({ state: 'open', openid: STRANGER });
    const quote = await quoteAtExit(VICTIM);
    expect(quote).toMatchObject({ ok: true, data: { session: { id: sessionId } } });
    const paying = await stack.ok<{ kind: string }>(VICTIM, 'exit.pay', { sessionId });
    expect(paying.kind).toBe('payment');
    expect(stack.session(sessionId)).toMatchObject({ openid: VICTIM, claimed: true });
    // Now the stranger is the one who finds nothing.
    expect(await stack.api(STRANGER, 'session.detail', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });

  it("a driver's own checked-in session never lapses to another driver", async () => {
    const own = victims.open!;
    expect(stack.session(own).claimed).toBeUndefined();
    expect(await stack.api(STRANGER, 'exit.pay', { sessionId: own })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });
});
