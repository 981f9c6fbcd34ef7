// Issue 14 Deliver 5 over HTTP: a roadside car that left without paying becomes an arrears
// record on its plate, with the evidence; the driver sees it for a remembered plate and pays it
// through the platform's pay, exactly once whatever the notifications do; the operator lists it,
// waives it with a reason (audited, once), and sees a recovery in revenue, reconciliation and
// the export, to the fen of the sandbox's ledger.
import { formatChinaDate } from '../../core/parking/china-time';
import type { Txn } from '../../sandbox/ledger';
import { COLLECTIONS } from '../../server/store/collections';
import { dayBookOf, platformDays } from '../support/platform-days';
import { LOTS, OPERATOR_OPENID } from './support/seed';
import { BackendStack, eventually } from './support/stack';
import { repeatCosts } from './support/notify-trips';
import { oweArrears as owe, road9Spots } from './support/arrears';

jest.setTimeout(90_000);

type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type Arrears = {
  id: string;
  plate: string;
  due: number;
  fee: number;
  charged: number;
  spotId: string;
  state: string;
  orderId?: string;
};

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
});
afterAll(() => stack?.close());
afterEach(() => stack.setFaults({}));

const oweArrears = (driver: string, plate: string, spot: number, next: number) =>
  owe(stack, driver, { plate }, spot, next);

it('a roadside car gone unpaid owes arrears; the driver sees them; the operator waives once', async () => {
  const driver = 'o-arrears-driver-000000000001';
  const plate = '粤B8A001';
  const sessionId = await oweArrears(driver, plate, 0, 1);
  const first = road9Spots[0];
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
  expect(listed.items[0]).toMatchObject({ spotName: first!.name });
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

describe('arrears paid through pay', () => {
  const driver = 'o-arrears-payer-0000000000001';
  type Paid = { reqsn: string; status: string; arrears: Arrears };
  type Order = { _id: string; arrearsId: string; status: string; paidDate?: string };
  const orders = (arrearsId: string) => stack.docs<Order>(COLLECTIONS.arrearsOrders, { arrearsId });
  const verdicts = (reqsn: string) =>
    stack.docs<{ verdict: string }>(COLLECTIONS.notifications, { reqsn }).map((n) => n.verdict);
  let lost: string;
  let doubled: string;

  it('only for the caller’s remembered plate; a second tap gets the same payment', async () => {
    lost = await oweArrears(driver, '粤B8A002', 2, 3);
    const stranger = await stack.api('o-arrears-stranger-0000000002', 'arrears.pay', {
      arrearsId: lost,
    });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'ARREARS_NOT_FOUND' } });
    // The stay's receipt says what it still owes.
    const detail = await stack.ok<{ receipt: { arrears?: { due: number; state: string } } }>(
      driver,
      'session.detail',
      { sessionId: lost },
    );
    const owed = stack.docs<Arrears>(COLLECTIONS.arrears, { _id: lost })[0]!.due;
    expect(detail.receipt.arrears).toEqual({ due: owed, state: 'open' });
    const first = await stack.ok<{ payment: Payment; arrears: Arrears }>(driver, 'arrears.pay', {
      arrearsId: lost,
    });
    expect(first.payment.amount).toBe(first.arrears.due);
    expect(first.arrears.state).toBe('open');
    const again = await stack.ok<{ payment: Payment }>(driver, 'arrears.pay', { arrearsId: lost });
    expect(again.payment.reqsn).toBe(first.payment.reqsn);
    expect(orders(lost)).toHaveLength(1);
    const { transaction } = (await stack.transaction(first.payment.reqsn)) as unknown as {
      transaction: Txn;
    };
    expect(transaction).toMatchObject({ kind: 'pay', fee: first.arrears.due, state: 'waiting' });
  });

  it('a lost notification: reconcile asks the platform and the arrears are paid once', async () => {
    await stack.setFaults({ drop: 1 });
    const { payment } = await stack.ok<{ payment: Payment }>(driver, 'arrears.pay', {
      arrearsId: lost,
    });
    // Asked about before its payer pays: it stays open.
    await stack.fireReconcile();
    expect(orders(lost).map((o) => o.status)).toEqual(['accepted']);
    await stack.cashierPay(payment.requestPayment);
    expect(stack.docs<Arrears>(COLLECTIONS.arrears, { _id: lost })[0]!.state).toBe('open');
    // Every notification lost: the first reconcile run after the payment settles the arrears.
    await stack.fireReconcile();
    expect(stack.docs<Arrears>(COLLECTIONS.arrears, { _id: lost })[0]).toMatchObject({
      state: 'paid',
      orderId: payment.reqsn,
    });
    // The driver's confirm after the cashier, and a tap on a paid record: nothing more.
    const confirmed = await stack.ok<Paid>(driver, 'arrears.confirm', { reqsn: payment.reqsn });
    expect(confirmed).toMatchObject({ status: 'paid', arrears: { state: 'paid' } });
    const tap = await stack.ok<{ payment?: Payment; arrears: Arrears }>(driver, 'arrears.pay', {
      arrearsId: lost,
    });
    expect(tap.payment).toBeUndefined();
    expect(orders(lost).map((o) => o.status)).toEqual(['paid']);
    const foreign = await stack.api('o-arrears-stranger-0000000002', 'arrears.confirm', {
      reqsn: payment.reqsn,
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
    expect((await stack.ok<{ items: unknown[] }>(driver, 'arrears.mine')).items).toEqual([]);
    const detail = await stack.ok<{ receipt: { arrears?: { state: string } } }>(
      driver,
      'session.detail',
      { sessionId: lost },
    );
    expect(detail.receipt.arrears?.state).toBe('paid');
  });

  it('a notification delivered twice, then confirmed: applied once', async () => {
    doubled = await oweArrears(driver, '粤B8A003', 4, 5);
    await stack.setFaults({ duplicate: 1 });
    const { payment } = await stack.ok<{ payment: Payment }>(driver, 'arrears.pay', {
      arrearsId: doubled,
    });
    const before = stack.db.requests('notify');
    await stack.cashierPay(payment.requestPayment);
    await eventually(
      () => verdicts(payment.reqsn).filter((v) => v !== 'received').length >= 2,
      'both copies processed',
    );
    expect(verdicts(payment.reqsn).sort()).toEqual(['already', 'applied']);
    // Round trips (issue 15): the first delivery 6 (the order, the record, its compare-and-set,
    // the arrears, applied, the verdict) and its copy 2; each repeat alone 2 (the order read by
    // its reqsn, the record with its verdict).
    expect(stack.db.requests('notify') - before).toBeLessThanOrEqual(8);
    for (const cost of await repeatCosts(stack, payment.reqsn)) expect(cost).toBeLessThanOrEqual(2);
    expect(verdicts(payment.reqsn).filter((v) => v === 'already')).toHaveLength(4);
    const confirmed = await stack.ok<Paid>(driver, 'arrears.confirm', { reqsn: payment.reqsn });
    expect(confirmed.arrears).toMatchObject({ state: 'paid', orderId: payment.reqsn });
    expect(orders(doubled).map((o) => o.status)).toEqual(['paid']);
    // Paid arrears cannot be waived.
    const waive = await stack.api(OPERATOR_OPENID, 'op.arrears.waive', {
      sessionId: doubled,
      reason: '误操作',
    });
    expect(waive).toMatchObject({ ok: false, error: { code: 'ARREARS_PAID' } });
  });

  it('the operator sees the recoveries and pass sales in revenue, reconciliation and the export, as the ledger', async () => {
    // A pass sold at the same lot the same day (issue 13): its own kind beside the arrears.
    const plan = {
      id: 'plan-road9-30d',
      lotId: LOTS.road9.id,
      name: '30天卡',
      period: { kind: 'days', days: 30 },
      price: 12345,
      spaces: 1,
      maxPlates: 1,
      graceDays: 0,
      online: true,
    };
    await stack.ok(OPERATOR_OPENID, 'op.passPlans.upsert', { plan, reason: '开售' });
    const bought = await stack.ok<{ payment: Payment }>(driver, 'passes.buy', {
      planId: plan.id,
      plates: ['粤B8A009'],
    });
    await stack.cashierPay(bought.payment.requestPayment);
    await stack.ok(driver, 'passes.confirm', { reqsn: bought.payment.reqsn });
    type Sale = { _id: string; status: string; paidAt: number };
    const sale = stack.docs<Sale>(COLLECTIONS.passOrders, { _id: bought.payment.reqsn })[0]!;
    expect(sale.status).toBe('paid');
    const paid = [...orders(lost), ...orders(doubled)];
    const saleDate = formatChinaDate(sale.paidAt);
    const dates = [...new Set([...paid.map((o) => o.paidDate!), saleDate])].sort();
    const res = await stack.sandboxCall<{ transactions: Txn[] }>(
      'GET',
      '/_sandbox/transactions?limit=1000',
    );
    const txns = res.json.transactions.filter((t) => t.request.parkingNo === LOTS.road9.parkingNo);
    const books = platformDays(txns);
    const byReqsn = new Map(txns.map((t) => [t.request.reqsn, t]));
    const listed = await stack.ok<{ items: Arrears[] }>(OPERATOR_OPENID, 'op.arrears.list', {
      lotId: LOTS.road9.id,
      state: 'paid',
    });
    expect(listed.items.map((a) => a.id).sort()).toEqual([lost, doubled].sort());
    type Side = { charged: number; returned: number; aip: number };
    const plus = (a: Side, b: Side) => ({
      charged: a.charged + b.charged,
      returned: a.returned + b.returned,
      aip: a.aip + b.aip,
    });
    for (const date of dates) {
      const book = dayBookOf(books, date);
      const saleBook =
        date === saleDate ? dayBookOf(platformDays([byReqsn.get(sale._id)!]), date) : undefined;
      const sold = {
        count: saleBook ? 1 : 0,
        charged: saleBook?.charged ?? 0,
        handlingFee: saleBook?.aip ?? 0,
      };
      const revenue = await stack.ok<{
        totals: { charged: number; returned: number; handlingFee: number; arrears: number };
        passes: typeof sold;
      }>(OPERATOR_OPENID, 'op.revenue', { lotId: LOTS.road9.id, from: date, to: date });
      const recovered = paid
        .filter((o) => o.paidDate === date)
        .reduce((sum, o) => sum + (byReqsn.get(o._id)!.fee as number), 0);
      // Revenue: parking (arrears part of it) and pass sales apart; together the ledger's day.
      expect(revenue.passes).toEqual(sold);
      expect(revenue.totals.arrears).toBe(recovered);
      expect({
        charged: revenue.totals.charged + revenue.passes.charged,
        returned: revenue.totals.returned,
        aip: revenue.totals.handlingFee + revenue.passes.handlingFee,
      }).toEqual(book);
      // Reconciliation: each order queried; the same figures on both sides.
      const recon = await stack.ok<{
        matched: boolean;
        ours: Side;
        platform: Side;
        passes: { count: number; ours: Side; platform: Side; mismatches: unknown[] };
      }>(OPERATOR_OPENID, 'op.reconciliation', { lotId: LOTS.road9.id, date });
      expect(recon).toMatchObject({ matched: true, passes: { count: sold.count, mismatches: [] } });
      expect(recon.passes.ours).toEqual({
        charged: sold.charged,
        returned: 0,
        aip: sold.handlingFee,
      });
      expect(recon.ours.charged).toBe(revenue.totals.charged);
      expect(plus(recon.ours, recon.passes.ours)).toEqual(book);
      expect(plus(recon.platform, recon.passes.platform)).toEqual(book);
      // The export: a line per recovery and per sale; its totals line the ledger's day.
      const file = await stack.ok<{ csv: string }>(OPERATOR_OPENID, 'op.revenue.export', {
        lotId: LOTS.road9.id,
        from: date,
        to: date,
      });
      const rows = file.csv.trimEnd().split('\r\n');
      const lines = rows.filter((l) => l.includes('欠费追缴'));
      expect(lines).toHaveLength(paid.filter((o) => o.paidDate === date).length);
      const sales = rows.filter((l) => l.includes(',月卡销售,'));
      expect(sales).toHaveLength(sold.count);
      if (saleBook) expect(sales[0]).toContain(',粤B8A009,');
      const yuan = (fen: number) => (fen / 100).toFixed(2);
      expect(rows.at(-1)!.split(',').slice(-4)).toEqual(
        [book.charged, book.returned, book.aip, book.charged - book.aip].map(yuan),
      );
    }
  });
});
