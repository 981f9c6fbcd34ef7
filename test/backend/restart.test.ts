// Restarting the whole stack (sandbox, database emulator, function host) in the middle of
// journeys loses no session and no payment: state is on disk on both sides, and what was in
// flight is finished by the platform's retries or by a query.
import { COLLECTIONS } from '../../server/store/collections';
import { GATES, LOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(60_000);

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack.close());

type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type View = { id: string; state: string };

async function carInside(plate: string): Promise<string> {
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate,
  });
  return (entry.json as { data: { sessionId: string } }).data.sessionId;
}

it('keeps every session and every payment across a restart', async () => {
  const driverA = 'o-restart-driver-a-000000001';
  const driverB = 'o-restart-driver-b-000000001';
  const driverC = 'o-restart-driver-c-000000001';

  // A: a payment started, not paid yet.
  const sessionA = await carInside('粤G10001');
  // C: paid right before the restart (its notification may be in flight).
  const sessionC = await carInside('粤G10003');
  await stack.advanceClock(50 * 60);
  const payA = await stack.ok<{ payment: Payment }>(driverA, 'exit.pay', { sessionId: sessionA });
  const payC = await stack.ok<{ payment: Payment }>(driverC, 'exit.pay', { sessionId: sessionC });
  // B: an entry prepay, frozen.
  const prepayB = await stack.ok<{ session: View; payment: Payment }>(driverB, 'entry.prepay', {
    gateId: GATES.prepayIn.id,
    plate: '粤G10002',
  });
  await stack.cashierPay(prepayB.payment.requestPayment);
  await eventually(() => stack.session(prepayB.session.id).state === 'frozen', 'B frozen');
  await stack.cashierPay(payC.payment.requestPayment);

  const before = stack.docs<{ _id: string; version: number }>(COLLECTIONS.sessions);
  await stack.restart();
  const after = stack.docs<{ _id: string; version: number }>(COLLECTIONS.sessions);
  expect(after.map((s) => s._id).sort()).toEqual(before.map((s) => s._id).sort());

  // A pays with the sheet it got before the restart: the notification reaches the new host.
  await stack.cashierPay(payA.payment.requestPayment);
  await eventually(() => stack.session(sessionA).state === 'paid', 'A paid');

  // B leaves: its freeze is finished and the rest returned.
  await stack.advanceClock(30 * 60);
  const exitB = await stack.ok<{ kind: string }>(driverB, 'exit.pay', {
    sessionId: prepayB.session.id,
  });
  expect(exitB.kind).toBe('paid');
  expect(stack.session(prepayB.session.id).amounts).toMatchObject({
    frozen: 5000,
    finished: 500, // 30 minutes: one started hour
    returned: 4500,
  });

  // C: whether its notification arrived before the restart, after it, or not at all, it is paid once.
  const confirmed = await stack.ok<{ session: View }>(driverC, 'payment.confirm', {
    sessionId: sessionC,
  });
  expect(confirmed.session.state).toBe('paid');
  for (const [id, amount] of [
    [sessionA, payA.payment.amount],
    [sessionC, payC.payment.amount],
  ] as const) {
    const session = stack.session(id);
    expect(session.amounts.paid).toBe(amount);
    expect(session.history.filter((h) => h.event === 'payment_succeeded')).toHaveLength(1);
  }
  const totals = await stack.sandboxCall<{ byState: Record<string, number> }>(
    'GET',
    '/_sandbox/totals',
  );
  expect(totals.json.byState).toMatchObject({ paid: 2, ended: 1 });
});
