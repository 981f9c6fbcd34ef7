// Who may do what: no driver reads or changes another driver's session (table-driven), bad input
// is refused with a clear code and changes nothing, and the gate endpoint refuses every request
// that is not signed by its lot, stale or replayed.
import { gateSignature } from '../../server/gate-auth/gate-signature';
import { COLLECTIONS } from '../../server/store/collections';
import { GATE_SECRET, GATES, LOTS, SPOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(60_000);

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack.close());

const OWNER = 'o-isolation-owner-0000000001';
const INTRUDER = 'o-isolation-intruder-00000001';
type Payment = { reqsn: string; requestPayment: Record<string, string> };
type Started = { session: { id: string; state: string; plate: string }; payment?: Payment };

const owned: Record<string, { id: string; plate: string }> = {};

beforeAll(async () => {
  // The owner's sessions in three flows and several states.
  const checkedIn = await stack.ok<Started>(OWNER, 'entry.checkIn', {
    gateId: GATES.exitIn.id,
    plate: '粤F10001',
  });
  owned.open = checkedIn.session;
  const prepay = await stack.ok<Started>(OWNER, 'entry.prepay', {
    gateId: GATES.prepayIn.id,
    plate: '粤F10002',
  });
  await stack.cashierPay(prepay.payment!.requestPayment);
  owned.frozen = prepay.session;
  const spot = SPOTS.find((s) => s.lotId === LOTS.road1.id)!;
  const booking = await stack.ok<Started>(OWNER, 'booking.create', {
    spotId: spot.id,
    plate: '粤F10003',
  });
  await stack.cashierPay(booking.payment!.requestPayment);
  owned.booked = booking.session;
  const awaiting = await stack.ok<Started>(OWNER, 'entry.prepay', {
    gateId: GATES.prepayIn.id,
    plate: '粤F10004',
  });
  owned.awaiting = awaiting.session;
  await eventually(
    () =>
      stack.session(owned.frozen!.id).state === 'frozen' &&
      stack.session(owned.booked!.id).state === 'booked',
    'prepays frozen',
  );
});

const SESSION_ROUTES = [
  'session.detail',
  'session.quote',
  'exit.pay',
  'payment.confirm',
  'booking.cancel',
  'booking.arrive',
  'booking.leave',
];

describe.each(['open', 'frozen', 'booked', 'awaiting'])("another driver's %s session", (which) => {
  it.each(SESSION_ROUTES)('is not found through %s, and stays as it was', async (route) => {
    const { id } = owned[which]!;
    const before = stack.session(id);
    const result = await stack.api(INTRUDER, route, { sessionId: id });
    expect(result).toEqual({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND', message: '停车记录不存在' },
    });
    const after = stack.session(id);
    expect(after.version).toBe(before.version);
    expect(after.openid).toBe(OWNER);
  });
});

it('is not found by its plate either, nor listed', async () => {
  const byPlate = await stack.api(INTRUDER, 'session.quote', {
    gateId: GATES.exitOut.id,
    plate: owned.open!.plate,
  });
  expect(byPlate).toMatchObject({ ok: false, error: { code: 'NOT_INSIDE' } });
  const mine = await stack.ok<{ live: unknown[]; history: unknown[] }>(INTRUDER, 'sessions.mine');
  expect(mine).toEqual({ live: [], history: [] });
  const spots = await stack.ok<{ spots: Array<Record<string, unknown>> }>(INTRUDER, 'lot.spots', {
    lotId: LOTS.road1.id,
  });
  const taken = spots.spots.find((s) => s.status === 'booked')!;
  expect(taken.mine).toBe(false);
  expect(taken.sessionId).toBeUndefined();
  const theirs = await stack.ok<{ live: Array<{ id: string }> }>(OWNER, 'sessions.mine');
  expect(theirs.live.map((s) => s.id).sort()).toEqual(
    Object.values(owned)
      .map((s) => s.id)
      .sort(),
  );
});

it.each([
  ['an unknown route', { route: 'session.steal' }, 'UNKNOWN_ROUTE'],
  ['a missing field', { route: 'exit.pay', data: {} }, 'INVALID_INPUT'],
  [
    'an extra field',
    { route: 'exit.pay', data: { sessionId: 'S1', openid: OWNER } },
    'INVALID_INPUT',
  ],
  ['a malformed id', { route: 'session.detail', data: { sessionId: '../x' } }, 'INVALID_INPUT'],
  [
    'plate and noPlate at once',
    { route: 'entry.prepay', data: { gateId: GATES.prepayIn.id, plate: '粤F1', noPlate: true } },
    'INVALID_INPUT',
  ],
  [
    'a malformed plate',
    { route: 'entry.prepay', data: { gateId: GATES.prepayIn.id, plate: '粤IO1234' } },
    'PLATE_INVALID',
  ],
  [
    'a plate too short',
    { route: 'entry.checkIn', data: { gateId: GATES.exitIn.id, plate: '粤B1234' } },
    'PLATE_INVALID',
  ],
  [
    'an unknown gate',
    { route: 'entry.prepay', data: { gateId: 'nope', plate: '粤F20001' } },
    'GATE_NOT_FOUND',
  ],
  ['a bad scene', { route: 'scene.resolve', data: { scene: 'x:1' } }, 'SCENE_INVALID'],
])('refuses %s with %s and changes nothing', async (_what, call, code) => {
  const count = stack.docs(COLLECTIONS.sessions).length;
  const reply = await fetch(`${stack.hostUrl}/invoke/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: INTRUDER, data: call }),
  });
  const { result } = (await reply.json()) as {
    result: { ok: boolean; error: { code: string; message: string } };
  };
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(stack.docs(COLLECTIONS.sessions)).toHaveLength(count);
});

describe('the gate endpoint', () => {
  const entry = { type: 'entry', gateId: GATES.exitIn.id, plate: '粤F30001' };
  const now = () => String(Math.floor(Date.now() / 1000));

  it.each([
    ['no auth headers', { headers: { 'x-gate-signature': '' } }, 401, 'GATE_AUTH_MISSING'],
    ['a wrong secret', { secret: 'not-the-secret' }, 401, 'GATE_AUTH_BAD_SIGNATURE'],
    [
      'a stale timestamp',
      { timestamp: String(Math.floor(Date.now() / 1000) - 3600) },
      401,
      'GATE_AUTH_STALE',
    ],
    ['a short nonce', { nonce: 'abc' }, 401, 'GATE_AUTH_MISSING'],
  ])('refuses %s', async (_what, auth, status, code) => {
    const reply = await stack.gate(LOTS.payAtExit.id, entry, auth);
    expect(reply).toMatchObject({ status, json: { ok: false, error: { code } } });
    expect(stack.docs(COLLECTIONS.sessions, { plate: entry.plate })).toHaveLength(0);
  });

  it('refuses a lot it has no secret for', async () => {
    const reply = await stack.gate('lot-unknown', entry);
    expect(reply).toMatchObject({
      status: 401,
      json: { error: { code: 'GATE_AUTH_UNKNOWN_LOT' } },
    });
  });

  it('refuses a body changed after signing', async () => {
    const reply = await fetch(`${stack.hostUrl}/gate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gate-lot': LOTS.payAtExit.id,
        'x-gate-timestamp': now(),
        'x-gate-nonce': 'nonce-tampered-1',
        'x-gate-signature': 'a'.repeat(64),
      },
      body: JSON.stringify(entry),
    });
    expect(reply.status).toBe(401);
  });

  it('accepts a nonce once: a replay is refused', async () => {
    const first = await stack.gate(LOTS.payAtExit.id, entry, { nonce: 'replayed-nonce-0001' });
    expect(first).toMatchObject({ status: 200, json: { ok: true, data: { created: true } } });
    const replay = await stack.gate(LOTS.payAtExit.id, entry, { nonce: 'replayed-nonce-0001' });
    expect(replay).toMatchObject({ status: 409, json: { error: { code: 'GATE_REPLAY' } } });
    expect(stack.docs(COLLECTIONS.sessions, { plate: entry.plate })).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'nope', 400, 'INVALID_JSON'],
    ['an unknown type', { ...entry, type: 'open_barrier' }, 400, 'INVALID_INPUT'],
    ['an extra field', { ...entry, amountDue: 0 }, 400, 'INVALID_INPUT'],
    ['a malformed plate', { ...entry, plate: 'XYZ' }, 400, 'PLATE_INVALID'],
    ['a gate of another lot', { ...entry, gateId: GATES.prepayIn.id }, 404, 'GATE_NOT_FOUND'],
    ['an exit reported at an entry gate', { ...entry, type: 'exit' }, 409, 'WRONG_GATE'],
    [
      'a time far in the future',
      { ...entry, plate: '粤F30002', at: 9_999_999_999 },
      400,
      'TIME_INVALID',
    ],
  ])('refuses %s with %s', async (_what, body, status, code) => {
    const count = stack.docs(COLLECTIONS.sessions).length;
    const reply =
      typeof body === 'string' ? await rawGate(body) : await stack.gate(LOTS.payAtExit.id, body);
    expect(reply).toMatchObject({ status, json: { ok: false, error: { code } } });
    expect(stack.docs(COLLECTIONS.sessions)).toHaveLength(count);
  });

  async function rawGate(body: string) {
    const timestamp = now();
    const nonce = `raw-${Date.now()}-nonce`;
    const res = await fetch(`${stack.hostUrl}/gate`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        'x-gate-lot': LOTS.payAtExit.id,
        'x-gate-timestamp': timestamp,
        'x-gate-nonce': nonce,
        'x-gate-signature': gateSignature(GATE_SECRET, {
          lotId: LOTS.payAtExit.id,
          timestamp,
          nonce,
          body,
        }),
      },
      body,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }
});
