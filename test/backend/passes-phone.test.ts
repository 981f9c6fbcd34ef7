// Entry from the phone (entry.checkIn, entry.prepay) asks the same lane rule as /gate and the
// camera (issue 13): a blacklisted plate is refused with its reason and nothing is created; a car
// of a valid pass checks in with nothing to pay — no freeze at an entry-prepay lot, nothing owed
// hours later, the exit allowed free.
import { COLLECTIONS } from '../../server/store/collections';
import { GATES, LOTS, OPERATOR_OPENID } from './support/seed';
import { BackendStack } from './support/stack';

jest.setTimeout(90_000);

const HOUR = 3600;
const DRIVER = 'o-pass-phone-driver-000000001';
const planOf = (lotId: string) => ({
  id: `plan-${lotId}`,
  lotId,
  name: '月卡',
  period: { kind: 'month' },
  price: 30000,
  spaces: 1,
  maxPlates: 1,
  graceDays: 0,
  online: true,
});

type Started = {
  session: { id: string; flow: string; state: string };
  created: boolean;
  payment?: unknown;
};
type Quote = { due: number; fee: number; mayLeave: { allowed: boolean } };

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
  for (const lot of [LOTS.payAtExit, LOTS.prepay]) {
    await stack.ok(OPERATOR_OPENID, 'op.passPlans.upsert', {
      plan: planOf(lot.id),
      reason: '开售',
    });
  }
}, 60_000);
afterAll(() => stack?.close());

const sessionsOf = (plate: string) =>
  stack.docs<{ plate: string; privilege?: { kind: string } }>(COLLECTIONS.sessions, { plate });

describe.each([
  ['entry.checkIn', LOTS.payAtExit.id, GATES.exitIn.id, '粤B71001', '粤B71002'],
  ['entry.prepay', LOTS.prepay.id, GATES.prepayIn.id, '粤B72001', '粤B72002'],
])('%s', (route, lotId, gateId, blackPlate, passPlate) => {
  it('refuses a blacklisted plate with the reason, and creates nothing', async () => {
    await stack.ok(OPERATOR_OPENID, 'op.lists.add', {
      lotId,
      kind: 'black',
      plate: blackPlate,
      reason: '欠费逃逸',
    });
    const refused = await stack.api(DRIVER, route, { gateId, plate: blackPlate });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'ENTRY_REFUSED', message: '禁止入场：欠费逃逸' },
    });
    expect(sessionsOf(blackPlate)).toEqual([]);
  });

  it('checks a valid pass car in with nothing to pay, now or at the exit', async () => {
    await stack.ok(OPERATOR_OPENID, 'op.passes.issue', {
      lotId,
      planId: `plan-${lotId}`,
      plates: [passPlate],
      reason: '物业月卡',
    });
    const started = await stack.ok<Started>(DRIVER, route, { gateId, plate: passPlate });
    expect(started.created).toBe(true);
    expect(started.payment).toBeUndefined();
    // No freeze even where entries prepay: the pass car's session is an exit_pay one, privileged.
    expect(started.session).toMatchObject({ flow: 'exit_pay', state: 'open' });
    expect(sessionsOf(passPlate)).toEqual([
      expect.objectContaining({ privilege: expect.objectContaining({ kind: 'pass' }) }),
    ]);
    // A second tap (a repeat, minutes apart): the same session, still nothing to pay.
    const again = await stack.ok<Started>(DRIVER, route, { gateId, plate: passPlate });
    expect(again).toMatchObject({ created: false, session: { id: started.session.id } });
    expect(again.payment).toBeUndefined();
    await stack.advanceClock(5 * HOUR);
    const quote = await stack.ok<Quote>(DRIVER, 'session.quote', {
      sessionId: started.session.id,
    });
    expect(quote).toMatchObject({ due: 0, mayLeave: { allowed: true } });
  });
});

it('a plate on neither list nor pass still prepays at an entry-prepay lot', async () => {
  const started = await stack.ok<Started>(DRIVER, 'entry.prepay', {
    gateId: GATES.prepayIn.id,
    plate: '粤B73001',
  });
  expect(started.session.flow).toBe('entry_prepay');
  expect(started.payment).toBeDefined();
});
