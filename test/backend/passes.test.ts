// Passes and lists over HTTP against the real local stack (issue 13): a pass bought through the
// platform's pay and confirmed twice (notification and query) extends once; renewal, expiry and
// grace at the gate; 一位多车; white and black lists at entry and exit; CSV import with bad lines;
// every operator route refuses a driver.
import { COLLECTIONS } from '../../server/store/collections';
import { formatChinaDate } from '../../core/parking/china-time';
import { DEMO_TEMPLATE_IDS } from '../../server/seed/demo-subscribe-templates';
import { GATES, LOTS, OPERATOR_OPENID } from './support/seed';
import { BackendStack, eventually } from './support/stack';
import { repeatCosts } from './support/notify-trips';

jest.setTimeout(90_000);

const DAY = 86_400;
const LOT = LOTS.payAtExit.id;
const DRIVER = 'o-pass-driver-000000000000001';
const STRANGER = 'o-pass-stranger-0000000000001';
const PLAN = {
  id: 'plan-30d',
  lotId: LOT,
  name: '30天卡',
  period: { kind: 'days', days: 30 },
  price: 30000,
  spaces: 1,
  maxPlates: 2,
  graceDays: 3,
  online: true,
};

type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type OrderView = {
  reqsn: string;
  status: string;
  applied: boolean;
  paidAt?: number;
  endAt?: number;
};
type PassView = {
  id: string;
  plates: string[];
  startAt: number;
  endAt: number;
  standing: string;
  daysLeft?: number;
  orders: number;
};
type Bought = { order: OrderView; payment: Payment };
type Receipt = { order: OrderView; pass?: PassView };
type GateData = {
  sessionId: string;
  state: string;
  created: boolean;
  led: string;
  warning?: string;
  note?: string;
  privilege?: { kind: string; refId: string };
};

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start({
    env: {
      // Sent through cloud.openapi to the emulator (the stack's default), the reminder with a
      // template id WeChat does not know.
      PARKING_SUBSCRIBE_TEMPLATES: JSON.stringify({
        passReceipt: DEMO_TEMPLATE_IDS.passReceipt,
        passExpiring: 'tmpl-not-in-the-console',
      }),
    },
  });
  await stack.ok(OPERATOR_OPENID, 'op.passPlans.upsert', { plan: PLAN, reason: '开售' });
}, 60_000);
afterAll(() => stack?.close());
afterEach(() => stack.setFaults({}));

const enter = (plate: string) =>
  stack.gate<{ ok: boolean; data: GateData; error?: { code: string; message: string } }>(LOT, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate,
  });
const mayLeave = (plate: string) =>
  stack.gate<{ data: { allowed: boolean; due?: number } }>(LOT, {
    type: 'may_leave',
    gateId: GATES.exitOut.id,
    plate,
  });
const leave = (plate: string) =>
  stack.gate<{ ok: boolean; data: { closed: boolean } }>(LOT, {
    type: 'exit',
    gateId: GATES.exitOut.id,
    plate,
  });
const passDoc = (id: string) =>
  stack.docs<PassView & { orderIds: string[] }>(COLLECTIONS.passes, { _id: id })[0]!;
const notificationsOf = (reqsn: string) =>
  stack.docs<{ verdict: string }>(COLLECTIONS.notifications, { reqsn }).map((n) => n.verdict);

let passId: string;

it('a pass paid once, its notification delivered twice and confirmed by query, starts once', async () => {
  await stack.setFaults({ duplicate: 1 });
  const bought = await stack.ok<Bought>(DRIVER, 'passes.buy', {
    planId: PLAN.id,
    plates: ['粤b60001', '粤B60002'],
  });
  expect(bought.order).toMatchObject({ status: 'accepted', applied: false });
  expect(bought.payment.amount).toBe(30000);
  // A second tap before paying gets the same payment, never a second one.
  const again = await stack.ok<Bought>(DRIVER, 'passes.buy', {
    planId: PLAN.id,
    plates: ['粤B60001', '粤B60002'],
  });
  expect(again.payment.reqsn).toBe(bought.payment.reqsn);

  const before = stack.db.requests('notify');
  await stack.cashierPay(bought.payment.requestPayment);
  const reqsn = bought.payment.reqsn;
  await eventually(
    () => notificationsOf(reqsn).filter((v) => v !== 'received').length >= 2,
    'both copies processed',
  );
  expect(notificationsOf(reqsn).sort()).toEqual(['already', 'applied']);
  // Round trips (issue 15): the first delivery 12 (the order, the record, its compare-and-set,
  // the pass read and written, two plates, applied, the receipt's 3, the verdict) and its copy 2;
  // each repeat alone 2 (the order read by its reqsn, the record with its verdict).
  expect(stack.db.requests('notify') - before).toBeLessThanOrEqual(14);
  for (const cost of await repeatCosts(stack, reqsn)) expect(cost).toBeLessThanOrEqual(2);
  expect(notificationsOf(reqsn).filter((v) => v === 'already')).toHaveLength(4);
  const receipt = await stack.ok<Receipt>(DRIVER, 'passes.confirm', { reqsn });
  expect(receipt.order).toMatchObject({ status: 'paid', applied: true });
  const pass = receipt.pass!;
  passId = pass.id;
  expect(pass).toMatchObject({ plates: ['粤B60001', '粤B60002'], standing: 'valid', daysLeft: 30 });
  expect(pass.endAt).toBe(receipt.order.paidAt! + 30 * DAY);
  expect(passDoc(passId).orderIds).toEqual([reqsn]);
  // One receipt message, however many confirmations: the driver never accepted it, so WeChat
  // (the emulator) refused it with 43101, recorded as refused and not sent again.
  expect(
    stack.docs<{ openid: string; status: string }>(COLLECTIONS.subscribeMessages, {
      _id: `pass_receipt:${reqsn}`,
    }),
  ).toEqual([expect.objectContaining({ openid: DRIVER, status: 'refused', errCode: 43101 })]);
  expect(stack.docs(COLLECTIONS.subscribeMessages)).toHaveLength(1);
  expect(stack.db.openapi.calls({ touser: DRIVER })).toEqual([
    expect.objectContaining({
      api: 'subscribeMessage.send',
      params: expect.objectContaining({ template_id: DEMO_TEMPLATE_IDS.passReceipt }),
      errcode: 43101,
    }),
  ]);

  const mine = await stack.ok<{ passes: PassView[]; orders: OrderView[] }>(DRIVER, 'passes.mine');
  expect(mine.passes.map((p) => p.id)).toEqual([passId]);
  expect(mine.orders.map((o) => o.reqsn)).toEqual([reqsn]);
  // Somebody else's receipt does not exist for them.
  const foreign = await stack.api(STRANGER, 'passes.receipt', { reqsn });
  expect(foreign).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
});

it('a renewal whose notification is lost is confirmed by query and extends from the old end date', async () => {
  const before = passDoc(passId);
  // Somebody else's pass does not exist for them.
  expect(await stack.api(STRANGER, 'passes.renew', { passId })).toMatchObject({
    ok: false,
    error: { code: 'PASS_NOT_FOUND' },
  });
  await stack.advanceClock(5 * DAY);
  await stack.setFaults({ drop: 1 });
  // This time the driver accepts the receipt in the tap (the preview tells the emulator so).
  stack.db.openapi.subscribe(DRIVER, { [DEMO_TEMPLATE_IDS.passReceipt]: 'accept' });
  const renewal = await stack.ok<Bought>(DRIVER, 'passes.renew', { passId });
  await stack.cashierPay(renewal.payment.requestPayment);
  expect(passDoc(passId).endAt).toBe(before.endAt);
  const first = await stack.ok<Receipt>(DRIVER, 'passes.confirm', { reqsn: renewal.payment.reqsn });
  expect(first.pass?.endAt).toBe(before.endAt + 30 * DAY);
  expect(first.pass?.startAt).toBe(before.startAt);
  const second = await stack.ok<Receipt>(DRIVER, 'passes.confirm', {
    reqsn: renewal.payment.reqsn,
  });
  expect(second.pass?.endAt).toBe(before.endAt + 30 * DAY);
  expect(passDoc(passId).orderIds).toHaveLength(2);
  expect(
    stack.docs(COLLECTIONS.subscribeMessages, { _id: `pass_receipt:${renewal.payment.reqsn}` }),
  ).toEqual([expect.objectContaining({ status: 'sent' })]);
  const [, sent] = stack.db.openapi.calls({ touser: DRIVER });
  expect(sent).toMatchObject({ errcode: 0, params: { data: { amount2: { value: '¥300.00' } } } });
});

it('revenue shows the pass sales as their own kind, as the ledger has them to the fen', async () => {
  const sold = stack
    .docs<{ _id: string; paidAt: number; status: string }>(COLLECTIONS.passOrders, { lotId: LOT })
    .filter((o) => o.status === 'paid');
  expect(sold).toHaveLength(2);
  const books = await Promise.all(sold.map((o) => stack.transaction(o._id)));
  const ledger = {
    count: books.length,
    charged: books.reduce((sum, b) => sum + b.transaction.totals.fee!, 0),
    handlingFee: books.reduce((sum, b) => sum + b.transaction.totals.feeAIP!, 0),
  };
  expect(ledger.handlingFee).toBeGreaterThan(0);
  const [from, to] = [sold[0]!.paidAt, sold[1]!.paidAt].sort((a, b) => a - b).map(formatChinaDate);
  type Row = { date: string; charged: number; passes: { count: number; charged: number } };
  const revenue = await stack.ok<{
    rows: Row[];
    totals: { charged: number };
    passes: typeof ledger;
  }>(OPERATOR_OPENID, 'op.revenue', { lotId: LOT, from, to });
  expect(revenue.passes).toEqual(ledger);
  // Each on the day it was paid, and not among the parking fees.
  const saleDays = revenue.rows.filter((r) => r.passes.count > 0).map((r) => r.date);
  expect(saleDays).toEqual([from, to]);
  expect(revenue.totals.charged).toBe(0);
});

it('一位多车 at the gate: the first car enters and leaves free, the second pays as a visitor', async () => {
  const first = await enter('粤B60001');
  expect(first.status).toBe(200);
  expect(first.json.data).toMatchObject({ privilege: { kind: 'pass', refId: passId } });
  expect(first.json.data.led).toMatch(/^月卡车 剩余 \d+ 天$/);
  const second = await enter('粤B60002');
  expect(second.json.data).toMatchObject({ note: 'pass_full' });
  expect(second.json.data.privilege).toBeUndefined();

  await stack.advanceClock(3 * 3600);
  expect((await mayLeave('粤B60001')).json.data).toMatchObject({ allowed: true });
  expect((await leave('粤B60001')).json.data.closed).toBe(true);
  const session = stack.session(first.json.data.sessionId);
  expect(session).toMatchObject({
    state: 'closed',
    amounts: { paid: 0 },
    privilege: { kind: 'pass' },
  });
  const visitor = await mayLeave('粤B60002');
  expect(visitor.json.data).toMatchObject({ allowed: false });
  expect(visitor.json.data.due).toBeGreaterThan(0);

  // One space free again: the same car comes back on the pass.
  const back = await enter('粤B60001');
  expect(back.json.data.privilege?.kind).toBe('pass');
  await leave('粤B60001');
});

it('past its end the pass car enters with a warning within grace, and as a visitor after', async () => {
  const { endAt } = passDoc(passId);
  const clock = async () =>
    (await stack.sandboxCall<{ unix: number }>('GET', '/_sandbox/clock')).json.unix;
  // Two days before the end: reminded once, however many reconcile runs.
  const sentBefore = stack.db.openapi.calls({ touser: DRIVER }).length;
  await stack.advanceClock(endAt - (await clock()) - 2 * DAY);
  await stack.fireReconcile();
  await stack.fireReconcile();
  expect(
    stack
      .docs<{ _id: string; openid: string }>(COLLECTIONS.subscribeMessages)
      .filter((m) => m._id.startsWith(`pass_expiring:${passId}:`)),
  ).toEqual([
    // A template WeChat does not know is an error (not the driver's refusal), kept with its code.
    expect.objectContaining({
      _id: `pass_expiring:${passId}:${endAt}`,
      openid: DRIVER,
      status: 'error',
      errCode: 40037,
    }),
  ]);
  expect(stack.db.openapi.calls({ touser: DRIVER, api: 'subscribeMessage.send' })).toHaveLength(
    sentBefore + 1,
  );
  await stack.advanceClock(endAt - (await clock()) + 3600);
  const grace = await enter('粤B60001');
  expect(grace.json.data.privilege).toMatchObject({ kind: 'pass', grace: true });
  expect(grace.json.data.warning).toMatch(/宽限期剩余 3 天/);
  await leave('粤B60001');
  await stack.advanceClock(3 * DAY);
  const visitor = await enter('粤B60001');
  expect(visitor.json.data).toMatchObject({ note: 'pass_expired', led: '月卡已过期 按临时车收费' });
  expect(visitor.json.data.privilege).toBeUndefined();
});

it('an operator issues a pass with a reason (audited) and revokes it', async () => {
  const issued = await stack.ok<{ pass: PassView }>(OPERATOR_OPENID, 'op.passes.issue', {
    lotId: LOT,
    planId: PLAN.id,
    plates: ['粤B60010'],
    reason: '业主车位',
  });
  expect((await enter('粤B60010')).json.data.privilege?.kind).toBe('pass');
  await leave('粤B60010');
  await stack.ok(OPERATOR_OPENID, 'op.passes.revoke', { passId: issued.pass.id, reason: '退租' });
  expect((await enter('粤B60010')).json.data).toMatchObject({ note: 'pass_revoked' });
  const actions = stack
    .docs<{ action: string; reason: string }>(COLLECTIONS.audit, { lotId: LOT })
    .map((a) => `${a.action}:${a.reason}`);
  expect(actions).toEqual(expect.arrayContaining(['pass.issue:业主车位', 'pass.revoke:退租']));
});

it('the blacklist refuses entry with its reason and never an exit; the whitelist parks free', async () => {
  const inside = await enter('粤B60020');
  expect(inside.status).toBe(200);
  await stack.ok(OPERATOR_OPENID, 'op.lists.add', {
    lotId: LOT,
    kind: 'black',
    plate: '粤B60020',
    reason: '多次逃费',
  });
  // Already inside: it still leaves (after paying, like anyone).
  await stack.advanceClock(600);
  expect((await leave('粤B60020')).json.data.closed).toBe(true);
  const refused = await enter('粤B60020');
  expect(refused.status).toBe(403);
  expect(refused.json.error).toMatchObject({
    code: 'ENTRY_REFUSED',
    message: '禁止入场：多次逃费',
  });

  await stack.ok(OPERATOR_OPENID, 'op.lists.add', {
    lotId: LOT,
    kind: 'white',
    plate: '粤O60021',
    reason: '公务车',
  });
  const white = await enter('粤O60021');
  expect(white.json.data).toMatchObject({
    privilege: { kind: 'whitelist' },
    led: '白名单车辆 欢迎光临',
  });
  await stack.advanceClock(5 * 3600);
  expect((await mayLeave('粤O60021')).json.data).toMatchObject({ allowed: true });
  await leave('粤O60021');
  expect(stack.session(white.json.data.sessionId)).toMatchObject({
    state: 'closed',
    amounts: { paid: 0 },
  });

  await stack.ok(OPERATOR_OPENID, 'op.lists.remove', {
    lotId: LOT,
    kind: 'black',
    plate: '粤B60020',
    reason: '已补缴',
  });
  expect((await enter('粤B60020')).status).toBe(200);
});

it('a CSV with bad lines imports nothing and names each line; a clean one imports all', async () => {
  const count = () => stack.docs(COLLECTIONS.plateLists, { lotId: LOT, kind: 'white' }).length;
  const before = count();
  const bad = await stack.api(OPERATOR_OPENID, 'op.lists.import', {
    lotId: LOT,
    kind: 'white',
    csv: '车牌,原因\n粤B70001,员工\n粤B7\n粤B70001\n粤B70003,员工,2026-02-30\n',
    reason: '员工车辆',
  });
  expect(bad).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
  if (bad.ok) return;
  expect((bad.error.details as Array<{ line: number }>).map((d) => d.line)).toEqual([3, 4, 5]);
  expect(count()).toBe(before);

  const good = await stack.ok<{ imported: number }>(OPERATOR_OPENID, 'op.lists.import', {
    lotId: LOT,
    kind: 'white',
    csv: '\uFEFF粤B70001,员工\r\n粤B70002\r\n粤B70003,访客,2099-12-31\r\n',
    reason: '员工车辆',
  });
  expect(good.imported).toBe(3);
  const found = await stack.ok<{
    entries: Array<{ plate: string; reason: string }>;
    total: number;
  }>(OPERATOR_OPENID, 'op.lists.list', { lotId: LOT, kind: 'white', plate: 'b7000' });
  expect(found.entries.map((e) => `${e.plate}:${e.reason}`)).toEqual([
    '粤B70001:员工',
    '粤B70002:员工车辆',
    '粤B70003:访客',
  ]);
});

it('every operator pass and list route refuses a driver and changes nothing', async () => {
  const snapshot = () =>
    [COLLECTIONS.passPlans, COLLECTIONS.passes, COLLECTIONS.plateLists, COLLECTIONS.passOrders].map(
      (c) => stack.docs(c).length,
    );
  const before = snapshot();
  const calls: Array<[string, Record<string, unknown>]> = [
    ['op.passPlans.list', { lotId: LOT }],
    ['op.passPlans.upsert', { plan: { ...PLAN, id: 'plan-x' } }],
    ['op.passes.list', { lotId: LOT }],
    ['op.passes.issue', { lotId: LOT, planId: PLAN.id, plates: ['粤B69999'], reason: 'x' }],
    ['op.passes.revoke', { passId, reason: 'x' }],
    ['op.lists.list', { lotId: LOT, kind: 'black' }],
    ['op.lists.add', { lotId: LOT, kind: 'white', plate: '粤B69999', reason: 'x' }],
    ['op.lists.remove', { lotId: LOT, kind: 'white', plate: '粤B70001', reason: 'x' }],
    ['op.lists.import', { lotId: LOT, kind: 'white', csv: '粤B69999', reason: 'x' }],
  ];
  for (const [route, data] of calls) {
    const result = await stack.api(STRANGER, route, data);
    expect([route, result]).toEqual([
      route,
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
  }
  expect(snapshot()).toEqual(before);
});

it('a payment whose notifications are all lost and whose driver never confirms starts its pass at the next reconcile run', async () => {
  const driver = 'o-pass-silent-000000000000001';
  await stack.setFaults({ drop: 1 });
  const bought = await stack.ok<Bought>(driver, 'passes.buy', {
    planId: PLAN.id,
    plates: ['粤B61001'],
  });
  const order = () =>
    stack.docs<{ status: string; checkedAt: number }>(COLLECTIONS.passOrders, {
      _id: bought.payment.reqsn,
    })[0]!;
  // Asked about while its payer has not paid: it stays open (and payable), checked once more.
  const checked = order().checkedAt;
  await stack.advanceClock(1);
  await stack.fireReconcile();
  expect(order()).toMatchObject({ status: 'accepted' });
  expect(order().checkedAt).toBeGreaterThan(checked);
  await stack.cashierPay(bought.payment.requestPayment);
  // No waiting for the platform's send window: the first run after the payment finds it.
  const report = await stack.fireReconcile();
  expect(report.resolved).toBeGreaterThanOrEqual(1);
  const receipt = await stack.ok<Receipt>(driver, 'passes.receipt', {
    reqsn: bought.payment.reqsn,
  });
  expect(receipt.order).toMatchObject({ status: 'paid', applied: true });
  expect(receipt.pass?.standing).toBe('valid');
  expect((await enter('粤B61001')).json.data.privilege?.kind).toBe('pass');
});
