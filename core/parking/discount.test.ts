import { amountDue } from './amount-due';
import { type SessionDiscount, discountOrder, discountedFee } from './discount';
import { computeFee } from './fee';
import { discountCosts } from './merchant-cost';
import { type Merchant, checkGive, merchantInputSchema } from './merchant';
import { sessionIn } from './session-fixtures';
import { HOUR, MIN, T0, TARIFF } from './test-fixtures';

const d = (
  id: string,
  discount: SessionDiscount['discount'],
  at = T0,
  cap?: number,
): SessionDiscount => ({
  id,
  merchantId: `m-${id}`,
  merchantName: `商户${id}`,
  discount,
  at,
  ...(cap !== undefined && { cap }),
});

/** 10:00–13:00 China time at ¥5/h: ¥15.00 before discounts. */
const fee = (discounts: SessionDiscount[], hours = 3) => {
  const r = discountedFee(TARIFF, T0, T0 + hours * HOUR, discounts);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('discountedFee: the order after free minutes and caps', () => {
  it('without discounts is computeFee, unchanged', () => {
    const plain = computeFee(TARIFF, T0, T0 + 3 * HOUR);
    expect(plain.ok && fee([]).quote).toEqual(plain.ok && plain.value);
  });

  it('free minutes shorten the stay from its end: 3 h with 2 h free costs 1 h', () => {
    const r = fee([d('a', { kind: 'free_minutes', minutes: 120 })]);
    expect(r.undiscounted).toBe(1500);
    expect(r.applied).toEqual([expect.objectContaining({ id: 'a', value: 1000 })]);
    expect(r.quote.total).toBe(500);
    const discountLines = r.quote.lines.filter((l) => l.kind === 'discount');
    expect(discountLines).toEqual([
      { kind: 'discount', text: '商户优惠「商户a」免 2 小时', amount: -1000 },
    ]);
    // The lines add up: every amount but the total sums to the total.
    const total = r.quote.lines.at(-1)!;
    expect(total).toEqual({ kind: 'total', text: '合计 ¥5.00', amount: 500 });
  });

  it('kinds apply in order free minutes, amount, percent, whole stay, whatever the time given', () => {
    const r = fee([
      d('whole', { kind: 'whole_stay' }, T0, 100_000),
      d('pct', { kind: 'percent_off', percent: 50 }, T0 + 1, 100_000),
      d('amt', { kind: 'amount_off', amount: 300 }, T0 + 2),
      d('min', { kind: 'free_minutes', minutes: 60 }, T0 + 3),
    ]);
    // 1500 → free 1 h: 1000 (500 off) → ¥3 off: 700 → 50 %: 350 → whole stay: 0.
    expect(r.applied.map((a) => [a.id, a.value])).toEqual([
      ['min', 500],
      ['amt', 300],
      ['pct', 350],
      ['whole', 350],
    ]);
    expect(r.quote.total).toBe(0);
  });

  it('within a kind, the earlier given first', () => {
    const order = discountOrder([
      d('late', { kind: 'amount_off', amount: 100 }, T0 + 10),
      d('early', { kind: 'amount_off', amount: 100 }, T0),
    ]);
    expect(order.map((x) => x.id)).toEqual(['early', 'late']);
  });

  it('caps and the fee left bound each discount; the fee never goes below 0', () => {
    const capped = fee([d('w', { kind: 'whole_stay' }, T0, 800)]);
    expect(capped.quote.total).toBe(700);
    const big = fee([
      d('a', { kind: 'amount_off', amount: 2000 }),
      d('b', { kind: 'amount_off', amount: 100 }, T0 + 1),
    ]);
    expect(big.applied.map((a) => a.value)).toEqual([1500, 0]);
    expect(big.quote.total).toBe(0);
  });

  it("a stay within the tariff's free minutes costs nothing: the discount is worth 0", () => {
    const r = discountedFee(TARIFF, T0, T0 + 10 * MIN, [
      d('a', { kind: 'amount_off', amount: 500 }),
    ]);
    expect(r.ok && r.value.applied[0]?.value).toBe(0);
    expect(r.ok && r.value.quote.total).toBe(0);
  });

  it('free minutes may bring the stay within the tariff free minutes: 2 h 10 min − 2 h is free', () => {
    const r = discountedFee(TARIFF, T0, T0 + 130 * MIN, [
      d('a', { kind: 'free_minutes', minutes: 120 }),
    ]);
    expect(r.ok && r.value.undiscounted).toBe(1500);
    expect(r.ok && r.value.quote.total).toBe(0);
  });

  it('the 24 h cap applies before discounts', () => {
    const r = fee([d('a', { kind: 'amount_off', amount: 500 })], 20);
    expect(r.undiscounted).toBe(3000);
    expect(r.quote.total).toBe(2500);
  });

  it('percentages round the discount down to the fen', () => {
    const r = discountedFee(TARIFF, T0, T0 + HOUR, [d('a', { kind: 'percent_off', percent: 33 })]);
    expect(r.ok && r.value.applied[0]?.value).toBe(165);
  });
});

describe('amountDue and the merchant cost use the discounts on the session', () => {
  const open = sessionIn('exit_pay', 'open')!;
  const withDiscount = { ...open, discounts: [d('a', { kind: 'free_minutes', minutes: 120 })] };

  it('the amount due is the discounted fee', () => {
    const before = amountDue(open, open.inTime + 3 * HOUR);
    const after = amountDue(withDiscount, open.inTime + 3 * HOUR);
    expect(before.ok && after.ok && before.value.due - after.value.due).toBe(1000);
  });

  it('pending while inside, charged once the stay is paid, returned when cancelled', () => {
    expect(discountCosts(withDiscount)).toEqual([
      { id: 'a', merchantId: 'm-a', state: 'pending', cost: 0 },
    ]);
    const paidAt = open.inTime + 3 * HOUR;
    const paid = {
      ...withDiscount,
      state: 'paid' as const,
      paidAt,
      amounts: { ...open.amounts, paid: 500 },
    };
    expect(discountCosts(paid)).toEqual([
      { id: 'a', merchantId: 'm-a', state: 'charged', cost: 1000 },
    ]);
    // A repeat computes the same figure: the cost is set, never added.
    expect(discountCosts(paid)).toEqual(discountCosts(paid));
    const cancelled = { ...withDiscount, state: 'cancelled' as const };
    expect(discountCosts(cancelled)).toEqual([
      { id: 'a', merchantId: 'm-a', state: 'returned', cost: 0 },
    ]);
    expect(discountCosts(open)).toEqual([]);
    // Closed with the rest unpaid (an operator let it go): the merchant pays nothing.
    const letGo = { ...withDiscount, state: 'closed' as const, outTime: paidAt };
    expect(discountCosts(letGo)).toEqual([
      { id: 'a', merchantId: 'm-a', state: 'returned', cost: 0 },
    ]);
    // Closed free because the discount covered it all: the merchant pays its value.
    const free = {
      ...open,
      state: 'closed' as const,
      outTime: paidAt,
      discounts: [d('w', { kind: 'whole_stay' }, T0, 100_000)],
    };
    expect(discountCosts(free)).toEqual([
      { id: 'w', merchantId: 'm-w', state: 'charged', cost: 1500 },
    ]);
  });
});

describe('checkGive: the limits of a merchant', () => {
  const merchant: Merchant = merchantInputSchema.parse({
    id: 'm1',
    lotId: 'L1',
    name: '咖啡店',
    billing: 'balance',
    offers: [
      { id: 'two-hours', label: '免 2 小时', discount: { kind: 'free_minutes', minutes: 120 } },
    ],
    limits: { perDay: 2, perPlatePerDay: 1, staticQrPerDay: 1 },
    active: true,
  });
  const none = { today: 0, plateToday: 0, sessionHasOne: false };

  it('gives within the limits and with a balance', () => {
    expect(checkGive(merchant, 'two-hours', none, 100).ok).toBe(true);
  });

  it.each([
    ['an unknown offer', 'nope', none, 100, 'OFFER_NOT_FOUND'],
    [
      'a second one on the session',
      'two-hours',
      { ...none, sessionHasOne: true },
      100,
      'ALREADY_GIVEN',
    ],
    ['the daily limit', 'two-hours', { ...none, today: 2 }, 100, 'DAILY_LIMIT'],
    ['the per-plate limit', 'two-hours', { ...none, plateToday: 1 }, 100, 'PLATE_LIMIT'],
    ['the counter QR limit', 'two-hours', { ...none, staticToday: 1 }, 100, 'QR_DAILY_LIMIT'],
    ['an empty balance', 'two-hours', none, 0, 'BALANCE_EMPTY'],
  ])('refuses %s', (_what, offer, counts, balance, code) => {
    expect(checkGive(merchant, offer, counts, balance)).toMatchObject({ ok: false, code });
  });

  it('a monthly merchant has no balance to check; an inactive one gives nothing', () => {
    expect(checkGive({ ...merchant, billing: 'monthly' }, 'two-hours', none, 0).ok).toBe(true);
    expect(checkGive({ ...merchant, active: false }, 'two-hours', none, 100)).toMatchObject({
      code: 'MERCHANT_INACTIVE',
    });
  });

  it('a percentage or whole-stay offer needs a cap; offer ids are unique', () => {
    const base = {
      ...merchant,
      offers: [{ id: 'all', label: '全免', discount: { kind: 'whole_stay' } }],
    };
    expect(merchantInputSchema.safeParse(base).success).toBe(false);
    const twice = { ...merchant, offers: [merchant.offers[0], merchant.offers[0]] };
    expect(merchantInputSchema.safeParse(twice).success).toBe(false);
  });
});
