// Parking subscribe messages (issue 13, Deliver 5): a receipt per charge and a notice per refused
// payment, sent once however often the event is seen; a refusal (43101) recorded, not retried.
import { DEMO_TEMPLATE_IDS } from '../../server/seed/demo-subscribe-templates';
import { COLLECTIONS } from '../../server/store/collections';
import { GATES, LOTS, SPOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(60_000);

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack.close());
afterEach(() => stack.setFaults({}));

type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };

let plateNo = 0;
async function payingDriver(tag: string) {
  plateNo += 1;
  const plate = `粤C${String(20000 + plateNo)}`;
  const driver = `o-msg-${tag}-${plateNo}`.padEnd(28, '0');
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate,
  });
  const sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(3600);
  const started = await stack.ok<{ payment: Payment }>(driver, 'exit.pay', { sessionId });
  return { driver, plate, sessionId, payment: started.payment };
}

const sends = (driver: string) =>
  stack.db.openapi.calls({ touser: driver, api: 'subscribeMessage.send' });

it('one receipt per pay, however often the success is seen (duplicates, confirm)', async () => {
  await stack.setFaults({ duplicate: 1 });
  const { driver, plate, sessionId, payment } = await payingDriver('receipt');
  stack.db.openapi.subscribe(driver, { [DEMO_TEMPLATE_IDS.parkingReceipt]: 'accept' });
  await stack.cashierPay(payment.requestPayment);
  await eventually(() => stack.session(sessionId).state === 'paid', 'paid');
  await stack.ok(driver, 'payment.confirm', { sessionId });
  await eventually(
    () =>
      stack.docs<{ status: string }>(COLLECTIONS.subscribeMessages, {
        _id: `parking_receipt:${payment.reqsn}`,
      })[0]?.status === 'sent',
    'sent',
  );
  await stack.ok(driver, 'payment.confirm', { sessionId });
  expect(
    stack.docs(COLLECTIONS.subscribeMessages, { _id: `parking_receipt:${payment.reqsn}` }),
  ).toEqual([expect.objectContaining({ status: 'sent', openid: driver })]);
  expect(sends(driver)).toEqual([
    expect.objectContaining({
      errcode: 0,
      params: expect.objectContaining({
        template_id: DEMO_TEMPLATE_IDS.parkingReceipt,
        page: `pages/receipt/receipt?sessionId=${sessionId}`,
        data: expect.objectContaining({
          car_number2: { value: plate },
          character_string5: { value: payment.reqsn },
        }),
      }),
    }),
  ]);
});

it('a receipt the driver did not accept: 43101 recorded and never sent again', async () => {
  const { driver, sessionId, payment } = await payingDriver('refused');
  await stack.cashierPay(payment.requestPayment);
  await eventually(() => stack.session(sessionId).state === 'paid', 'paid');
  await stack.ok(driver, 'payment.confirm', { sessionId });
  // The notification's write answers first; its message follows.
  const receipt = () =>
    stack.docs<{ status: string }>(COLLECTIONS.subscribeMessages, {
      _id: `parking_receipt:${payment.reqsn}`,
    });
  await eventually(() => receipt()[0]?.status !== 'sending', 'answered');
  await stack.ok(driver, 'payment.confirm', { sessionId });
  expect(receipt()).toEqual([expect.objectContaining({ status: 'refused', errCode: 43101 })]);
  expect(sends(driver)).toEqual([expect.objectContaining({ errcode: 43101 })]);
});

it('a booking about to be released: one reminder, however many reconcile runs', async () => {
  const spot = SPOTS.find((s) => s.lotId === LOTS.road1.id)!;
  const driver = 'o-msg-booking'.padEnd(28, '0');
  const started = await stack.ok<{ session: { id: string }; payment: Payment }>(
    driver,
    'booking.create',
    { spotId: spot.id, plate: '粤E39001' },
  );
  await stack.cashierPay(started.payment.requestPayment);
  const sessionId = started.session.id;
  await eventually(() => stack.session(sessionId).state === 'booked', 'booked');
  stack.db.openapi.subscribe(driver, { [DEMO_TEMPLATE_IDS.bookingReleasing]: 'accept' });
  await stack.fireReconcile(); // the hold (15 min) ends in more than 5 min: nothing yet
  expect(sends(driver)).toEqual([]);
  await stack.advanceClock(11 * 60);
  await stack.fireReconcile();
  await stack.advanceClock(60);
  await stack.fireReconcile();
  expect(sends(driver)).toEqual([
    expect.objectContaining({
      errcode: 0,
      params: expect.objectContaining({ template_id: DEMO_TEMPLATE_IDS.bookingReleasing }),
    }),
  ]);
  expect(stack.session(sessionId).state).toBe('booked');
});

it('a payment that did not go through: one notice, however often it is confirmed', async () => {
  const { driver, sessionId, payment } = await payingDriver('failed');
  stack.db.openapi.subscribe(driver, { [DEMO_TEMPLATE_IDS.paymentFailed]: 'accept' });
  await stack.sandboxCall('POST', '/_sandbox/cashier/cancel', payment.requestPayment);
  await stack.ok(driver, 'payment.confirm', { sessionId });
  await stack.ok(driver, 'payment.confirm', { sessionId });
  const notices = stack.docs<{ kind: string }>(COLLECTIONS.subscribeMessages, {
    openid: driver,
  });
  expect(stack.session(sessionId).calls).toEqual([expect.objectContaining({ status: 'failed' })]);
  expect(notices).toEqual([
    expect.objectContaining({ kind: 'payment_failed', _id: `payment_failed:${payment.reqsn}` }),
  ]);
  expect(sends(driver)).toEqual([
    expect.objectContaining({
      params: expect.objectContaining({ template_id: DEMO_TEMPLATE_IDS.paymentFailed }),
    }),
  ]);
});
