// Issue 14 Deliver 1-4 over HTTP against the real local stack: merchants, staff invitations,
// giving a discount (staff and one-time QR), the discounted quote and pay, the merchant's
// balance charged once per stay and given back for a cancelled one, the operator's views, and
// refusals to other merchants' staff and other lots' operators.
import type { LotMerchant } from '../../server/contract';
import { COLLECTIONS } from '../../server/store/collections';
import {
  merchantForm,
  merchantFromForm,
  newMerchantForm,
  newMerchantId,
  newOfferRow,
} from '../../miniprogram/services/merchant-form';
import { GATES, LOTS, OPERATOR_OPENID } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(90_000);

const HOUR = 3600;
type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type Quote = { due: number; lines: Array<{ kind: string; text: string; amount: number }> };
type DiscountDoc = { _id: string; state: string; cost: number; sessionId?: string };

const CLERK = 'o-merchant-clerk-0000000000001';
const MANAGER = 'o-merchant-manager-00000000001';
const OTHER_CLERK = 'o-merchant-other-clerk-0000001';
const OTHER_OPERATOR = 'o-other-lot-operator-00000001';

const MERCHANT = {
  id: 'm-cafe',
  lotId: LOTS.payAtExit.id,
  name: '=咖啡店',
  billing: 'balance',
  offers: [
    { id: 'two-hours', label: '免 2 小时', discount: { kind: 'free_minutes', minutes: 120 } },
    { id: 'five', label: '减 5 元', discount: { kind: 'amount_off', amount: 500 } },
    { id: 'all', label: '全免', discount: { kind: 'whole_stay' }, cap: 10_000 },
  ],
  limits: { perDay: 0, perPlatePerDay: 0, staticQrPerDay: 2 },
  active: true,
};
const OTHER_MERCHANT = {
  ...MERCHANT,
  id: 'm-books',
  lotId: LOTS.prepay.id,
  name: '书店',
  billing: 'monthly',
};

let stack: BackendStack;

async function join(openid: string, merchantId: string, role: string, name: string) {
  const inv = await stack.ok<{ code: string; scene: string }>(
    OPERATOR_OPENID,
    'op.merchants.invite',
    { merchantId, role, hours: 24 },
  );
  expect(inv.scene).toBe(`m:${inv.code}`);
  const peek = await stack.ok(openid, 'merchant.invitation.get', { code: inv.scene });
  expect(peek).toMatchObject({ state: 'open', role });
  await stack.ok(openid, 'merchant.invitation.accept', { code: inv.code, name });
  return inv.code;
}

async function enter(plate: string): Promise<string> {
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate,
  });
  return (entry.json as { data: { sessionId: string } }).data.sessionId;
}

const discountDoc = (id: string) =>
  stack.docs<DiscountDoc>(COLLECTIONS.merchantDiscounts, { _id: id })[0];

beforeAll(async () => {
  stack = await BackendStack.start();
  // An operator of another lot only.
  stack.db.engine.applyBatch([
    {
      collection: COLLECTIONS.operators,
      id: `${LOTS.prepay.id}:${OTHER_OPERATOR}`,
      doc: {
        _id: `${LOTS.prepay.id}:${OTHER_OPERATOR}`,
        lotId: LOTS.prepay.id,
        openid: OTHER_OPERATOR,
        role: 'owner',
      },
    },
  ]);
  await stack.ok(OPERATOR_OPENID, 'op.merchants.upsert', { merchant: MERCHANT });
  await stack.ok(OPERATOR_OPENID, 'op.merchants.upsert', { merchant: OTHER_MERCHANT });
  await join(CLERK, MERCHANT.id, 'clerk', '小王');
  await join(MANAGER, MERCHANT.id, 'manager', '王店长');
  await join(OTHER_CLERK, OTHER_MERCHANT.id, 'clerk', '小李');
});
afterAll(() => stack?.close());

describe('merchant set-up and balance', () => {
  it('an invitation is used once; a bad merchant record names its fields', async () => {
    const code = await join('o-merchant-joiner-00000000001', MERCHANT.id, 'clerk', '小赵');
    const again = await stack.api('o-merchant-joiner-00000000002', 'merchant.invitation.accept', {
      code,
      name: '小钱',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVITATION_USED' } });
    const bad = await stack.api(OPERATOR_OPENID, 'op.merchants.upsert', {
      merchant: {
        ...MERCHANT,
        offers: [{ id: 'x', label: '全免', discount: { kind: 'whole_stay' } }],
      },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'MERCHANT_INVALID' } });
    const mine = await stack.ok<{ merchants: Array<{ merchantId: string; balance?: unknown }> }>(
      CLERK,
      'merchant.mine',
    );
    expect(mine.merchants).toEqual([expect.objectContaining({ merchantId: MERCHANT.id })]);
    expect(mine.merchants[0]).not.toHaveProperty('balance'); // a clerk sees no money
  });

  it('a merchant made in the operator’s form is taken as it is and comes back the same', async () => {
    const form = newMerchantForm();
    form.name = '三楼影院';
    form.offers.push({ ...newOfferRow(), label: '观影半价', kind: 'percent_off', value: '50' });
    form.offers[1]!.capYuan = '15';
    const made = merchantFromForm(form, LOTS.payAtExit.id, newMerchantId());
    if (!made.ok) throw new Error(made.message);
    const saved = await stack.ok<{ created: boolean }>(OPERATOR_OPENID, 'op.merchants.upsert', {
      merchant: made.value,
      reason: '新商户入驻',
    });
    expect(saved.created).toBe(true);
    const { merchants } = await stack.ok<{ merchants: LotMerchant[] }>(
      OPERATOR_OPENID,
      'op.merchants.list',
      { lotId: LOTS.payAtExit.id },
    );
    const listed = merchants.find((m) => m.id === made.value.id)!;
    const { balance: _balance, ...back } = listed;
    expect(back).toEqual(made.value);
    expect(merchantFromForm(merchantForm(listed), listed.lotId, 'unused')).toEqual(made);
  });

  it('an empty balance gives nothing; a top-up repeated with its id counts once, audited', async () => {
    const plate = '粤B7M001';
    await enter(plate);
    const refused = await stack.api(CLERK, 'merchant.give', {
      merchantId: MERCHANT.id,
      offerId: 'two-hours',
      plate,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BALANCE_EMPTY' } });
    const topup = {
      merchantId: MERCHANT.id,
      amount: 5000,
      requestId: 'topup-0001',
      reason: '预充值',
    };
    const first = await stack.ok<{ outcome: string; balance: { balance: number } }>(
      OPERATOR_OPENID,
      'op.merchants.topup',
      topup,
    );
    const repeat = await stack.ok<{ outcome: string; balance: { balance: number } }>(
      OPERATOR_OPENID,
      'op.merchants.topup',
      topup,
    );
    expect([first.outcome, repeat.outcome]).toEqual(['applied', 'already']);
    expect(repeat.balance.balance).toBe(5000);
    const conflict = await stack.api(OPERATOR_OPENID, 'op.merchants.topup', {
      ...topup,
      amount: 6000,
    });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'TOPUP_CONFLICT' } });
    const audit = stack.docs<{ action: string }>(COLLECTIONS.audit, { action: 'merchant.topup' });
    expect(audit).toHaveLength(1);
  });
});

describe('a discount at the exit', () => {
  it('2 hours off: the quote has its line, the driver pays the rest, the merchant pays once', async () => {
    const driver = 'o-merchant-driver-00000000001';
    const plate = '粤B7M002';
    const sessionId = await enter(plate);
    await stack.advanceClock(3 * HOUR + 60);
    const before = await stack.ok<Quote>(driver, 'session.quote', {
      gateId: GATES.exitOut.id,
      plate,
    });

    const sessions = await stack.ok<{ items: Array<{ plate: string; given: boolean }> }>(
      CLERK,
      'merchant.sessions',
      { merchantId: MERCHANT.id, plate: '7M002' },
    );
    expect(sessions.items).toEqual([expect.objectContaining({ plate, given: false })]);
    const give = { merchantId: MERCHANT.id, offerId: 'two-hours', plate };
    const [a, b] = await Promise.all([
      stack.ok<{ outcome: string }>(CLERK, 'merchant.give', give),
      stack.ok<{ outcome: string }>(CLERK, 'merchant.give', give),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(['already', 'applied']);
    // One discount of each merchant per stay: another offer of the same merchant adds nothing.
    await stack.ok(MANAGER, 'merchant.give', { ...give, offerId: 'five' });
    expect(stack.session(sessionId).discounts).toHaveLength(1);

    const after = await stack.ok<Quote>(driver, 'session.quote', {
      gateId: GATES.exitOut.id,
      plate,
    });
    expect(before.due - after.due).toBe(1000);
    const line = after.lines.find((l) => l.kind === 'discount');
    expect(line).toMatchObject({ amount: -1000 });
    expect(line?.text).toContain('免 2 小时');

    const started = await stack.ok<{ payment: Payment }>(driver, 'exit.pay', { sessionId });
    expect(started.payment.amount).toBe(after.due);
    await stack.cashierPay(started.payment.requestPayment);
    // What the mini-program does after wx.requestPayment (the notification may come later).
    await stack.ok(driver, 'payment.confirm', { sessionId });
    await eventually(() => stack.session(sessionId).state === 'paid', 'paid');
    // The platform charged the discounted fee: the discount is not platform money.
    const { transaction } = (await stack.transaction(started.payment.reqsn)) as unknown as {
      transaction: { fee: number };
    };
    expect(transaction.fee).toBe(after.due);

    const id = `${MERCHANT.id}|${sessionId}`;
    await eventually(() => discountDoc(id)?.state === 'charged', 'the cost');
    expect(discountDoc(id)?.cost).toBe(1000);
    // Retries and repeats set the same figure: reconcile, the exit, a repeated give.
    await stack.fireReconcile();
    await stack.gate(LOTS.payAtExit.id, { type: 'exit', gateId: GATES.exitOut.id, plate });
    await stack.gate(LOTS.payAtExit.id, { type: 'exit', gateId: GATES.exitOut.id, plate });
    expect(stack.session(sessionId).state).toBe('closed');
    expect(discountDoc(id)).toMatchObject({ state: 'charged', cost: 1000 });

    const receipt = await stack.ok<{ receipt: { charged: number } }>(driver, 'session.detail', {
      sessionId,
    });
    expect(receipt.receipt.charged).toBe(after.due);

    const view = await stack.ok<{ cost: number; balance: { balance: number }; count: number }>(
      MANAGER,
      'merchant.discounts',
      { merchantId: MERCHANT.id },
    );
    expect(view.cost).toBeGreaterThanOrEqual(1000);
    expect(view.balance.balance).toBe(5000 - view.cost);
  });

  it('a whole-stay discount lets the car leave without paying', async () => {
    const plate = '粤B7M003';
    const sessionId = await enter(plate);
    await stack.advanceClock(2 * HOUR);
    await stack.ok(CLERK, 'merchant.give', { merchantId: MERCHANT.id, offerId: 'all', plate });
    const gate = await stack.gate(LOTS.payAtExit.id, {
      type: 'may_leave',
      gateId: GATES.exitOut.id,
      plate,
    });
    expect(gate.json).toMatchObject({ data: { allowed: true } });
    await stack.gate(LOTS.payAtExit.id, { type: 'exit', gateId: GATES.exitOut.id, plate });
    await eventually(() => stack.session(sessionId).state === 'closed', 'closed');
    const doc = discountDoc(`${MERCHANT.id}|${sessionId}`);
    expect(doc?.state).toBe('charged');
    expect(doc?.cost).toBeGreaterThan(0);
    expect(stack.session(sessionId).amounts.paid).toBe(0);
  });

  it('entry prepay: a whole-stay discount makes the fee 0 and the freeze is returned in full', async () => {
    const driver = 'o-merchant-prepay-driver-00001';
    const plate = '粤B7M011';
    const started = await stack.ok<{ session: { id: string }; payment: Payment }>(
      driver,
      'entry.prepay',
      { gateId: GATES.prepayIn.id, plate },
    );
    await stack.cashierPay(started.payment.requestPayment);
    await stack.ok(driver, 'payment.confirm', { sessionId: started.session.id });
    await eventually(() => stack.session(started.session.id).state === 'frozen', 'frozen');
    await stack.advanceClock(2 * HOUR);
    // A monthly merchant needs no balance.
    await stack.ok(OTHER_CLERK, 'merchant.give', {
      merchantId: OTHER_MERCHANT.id,
      offerId: 'all',
      plate,
    });
    const gate = await stack.gate(LOTS.prepay.id, {
      type: 'may_leave',
      gateId: GATES.prepayOut.id,
      plate,
    });
    expect(gate.json).toMatchObject({ data: { allowed: true } });
    await eventually(
      () => stack.session(started.session.id).amounts.returned === 5000,
      'the freeze returned',
    );
    expect(stack.session(started.session.id).amounts.finished).toBe(0);
    const doc = discountDoc(`${OTHER_MERCHANT.id}|${started.session.id}`);
    expect(doc?.state).toBe('charged');
    expect(doc?.cost).toBeGreaterThanOrEqual(1000);
  });

  it('a stay the operator lets go unpaid gives the merchant its money back', async () => {
    const plate = '粤B7M004';
    const sessionId = await enter(plate);
    await stack.advanceClock(2 * HOUR); // ¥10 or more: ¥5 off leaves some unpaid
    await stack.ok(CLERK, 'merchant.give', { merchantId: MERCHANT.id, offerId: 'five', plate });
    await stack.ok(OPERATOR_OPENID, 'op.sessions.cancel', { sessionId, reason: '误识别' });
    // An open stay cancelled by the operator is closed with nothing charged.
    await eventually(() => stack.session(sessionId).state === 'closed', 'closed');
    expect(stack.session(sessionId).amounts.paid).toBe(0);
    expect(discountDoc(`${MERCHANT.id}|${sessionId}`)).toMatchObject({
      state: 'returned',
      cost: 0,
    });
  });

  it("an operator's cancel of a stay a whole-stay discount made free costs the merchant nothing", async () => {
    const plate = '粤B7M012';
    const sessionId = await enter(plate);
    await stack.advanceClock(2 * HOUR);
    await stack.ok(CLERK, 'merchant.give', { merchantId: MERCHANT.id, offerId: 'all', plate });
    await stack.ok(OPERATOR_OPENID, 'op.sessions.cancel', { sessionId, reason: '误识别' });
    await eventually(() => stack.session(sessionId).state === 'closed', 'closed');
    await stack.fireReconcile();
    expect(discountDoc(`${MERCHANT.id}|${sessionId}`)).toMatchObject({
      state: 'returned',
      cost: 0,
    });
  });

  it('a plate not in the lot waits for its entry the same day', async () => {
    const plate = '粤B7M005';
    const given = await stack.ok<{ outcome: string }>(CLERK, 'merchant.give', {
      merchantId: MERCHANT.id,
      offerId: 'five',
      plate,
    });
    expect(given.outcome).toBe('waiting');
    const sessionId = await enter(plate);
    expect(stack.session(sessionId).discounts).toEqual([
      expect.objectContaining({
        merchantId: MERCHANT.id,
        discount: { kind: 'amount_off', amount: 500 },
      }),
    ]);
  });
});

describe('one-time QR codes', () => {
  it('a double scan gives once; another driver is refused; a race has one winner', async () => {
    const plate = '粤B7M006';
    const sessionId = await enter(plate);
    const qr = await stack.ok<{ code: string; scene: string }>(CLERK, 'merchant.codes.create', {
      merchantId: MERCHANT.id,
      offerId: 'five',
    });
    expect(qr.scene).toBe(`d:${qr.code}`);
    const driver = 'o-merchant-qr-driver-000000001';
    const first = await stack.ok<{ outcome: string }>(driver, 'discount.redeem', {
      code: qr.scene,
      plate,
    });
    const second = await stack.ok<{ outcome: string }>(driver, 'discount.redeem', {
      code: qr.code,
      plate,
    });
    expect([first.outcome, second.outcome]).toEqual(['applied', 'already']);
    const stranger = await stack.api('o-merchant-qr-driver-000000002', 'discount.redeem', {
      code: qr.code,
      plate: '粤B7M007',
    });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
    const otherPlate = await stack.api(driver, 'discount.redeem', {
      code: qr.code,
      plate: '粤B7M007',
    });
    expect(otherPlate).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
    expect(stack.session(sessionId).discounts).toHaveLength(1);

    const race = await stack.ok<{ code: string }>(CLERK, 'merchant.codes.create', {
      merchantId: MERCHANT.id,
      offerId: 'five',
    });
    await enter('粤B7M008');
    await enter('粤B7M009');
    const results = await Promise.all([
      stack.api('o-merchant-qr-racer-0000000001', 'discount.redeem', {
        code: race.code,
        plate: '粤B7M008',
      }),
      stack.api('o-merchant-qr-racer-0000000002', 'discount.redeem', {
        code: race.code,
        plate: '粤B7M009',
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'CODE_USED' }) }),
    ]);
  });
});

describe('who may do what', () => {
  it("another merchant's staff and another lot's operator see nothing of this merchant", async () => {
    for (const [route, data] of [
      ['merchant.give', { merchantId: MERCHANT.id, offerId: 'five', plate: '粤B7M010' }],
      ['merchant.discounts', { merchantId: MERCHANT.id }],
      ['merchant.sessions', { merchantId: MERCHANT.id }],
      ['merchant.codes.create', { merchantId: MERCHANT.id, offerId: 'five' }],
    ] as const) {
      for (const who of [OTHER_CLERK, OTHER_OPERATOR, 'o-merchant-nobody-000000000001']) {
        const r = await stack.api(who, route, data);
        expect(r).toMatchObject({ ok: false, error: { code: 'MERCHANT_NOT_FOUND' } });
      }
    }
    const today = (
      await stack.ok<{ date: string }>(CLERK, 'merchant.discounts', {
        merchantId: MERCHANT.id,
      })
    ).date;
    for (const [route, data, code] of [
      [
        'op.merchants.topup',
        { merchantId: MERCHANT.id, amount: 1, requestId: 'topup-evil-1', reason: 'x' },
        'MERCHANT_NOT_FOUND',
      ],
      [
        'op.merchants.statement',
        { merchantId: MERCHANT.id, from: today, to: today },
        'MERCHANT_NOT_FOUND',
      ],
      ['op.merchants.invite', { merchantId: MERCHANT.id, role: 'manager' }, 'MERCHANT_NOT_FOUND'],
      ['op.merchants.daily', { lotId: MERCHANT.lotId, from: today, to: today }, 'FORBIDDEN'],
      ['op.merchants.list', { lotId: MERCHANT.lotId }, 'FORBIDDEN'],
      ['op.merchants.upsert', { merchant: { ...MERCHANT, name: '夺取' } }, 'FORBIDDEN'],
    ] as const) {
      const r = await stack.api(OTHER_OPERATOR, route, data);
      expect(r).toMatchObject({ ok: false, error: { code } });
    }
    // Merchant staff hold no operator grant: operator routes are closed to them.
    const asStaff = await stack.api(CLERK, 'op.merchants.list', { lotId: MERCHANT.lotId });
    expect(asStaff).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A clerk makes no counter QR (a manager's right).
    const counter = await stack.api(CLERK, 'merchant.codes.create', {
      merchantId: MERCHANT.id,
      offerId: 'five',
      kind: 'counter',
    });
    expect(counter).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe("the operator's views", () => {
  it('per merchant per day, and the statement as CSV with a BOM and neutralised cells', async () => {
    // The clock advanced by hours: the discounts may span two China days.
    const docs = stack.docs<DiscountDoc & { merchantId: string; date: string }>(
      COLLECTIONS.merchantDiscounts,
      { merchantId: MERCHANT.id },
    );
    const dates = docs.map((d) => d.date).sort();
    const [from, to] = [dates[0]!, dates.at(-1)!];
    const daily = await stack.ok<{
      items: Array<{ merchantId: string; date: string; given: number; cost: number }>;
    }>(OPERATOR_OPENID, 'op.merchants.daily', { lotId: MERCHANT.lotId, from, to });
    const rows = daily.items.filter((r) => r.merchantId === MERCHANT.id);
    for (const row of rows) {
      const ofDay = docs.filter((d) => d.date === row.date);
      expect(row.given).toBe(ofDay.length);
      expect(row.cost).toBe(ofDay.reduce((s, d) => s + d.cost, 0));
    }
    const cost = docs.reduce((s, d) => s + d.cost, 0);
    expect(cost).toBeGreaterThan(0);
    expect(rows.reduce((s, r) => s + r.given, 0)).toBe(docs.length);

    const statement = await stack.ok<{ csv: string; cost: number; fileName: string }>(
      OPERATOR_OPENID,
      'op.merchants.statement',
      { merchantId: MERCHANT.id, from, to },
    );
    expect(statement.csv.startsWith('\uFEFF')).toBe(true);
    expect(statement.csv).toContain("'=咖啡店");
    expect(statement.csv).not.toMatch(/(^|,|\n)=/);
    expect(statement.cost).toBe(cost);
    const list = await stack.ok<{ merchants: Array<{ id: string; balance: { balance: number } }> }>(
      OPERATOR_OPENID,
      'op.merchants.list',
      { lotId: MERCHANT.lotId },
    );
    expect(list.merchants.find((m) => m.id === MERCHANT.id)?.balance.balance).toBe(
      5000 - statement.cost,
    );
  });
});
