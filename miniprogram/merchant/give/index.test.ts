import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../../admin/testing/fake-api';
import { settle, typeInto } from '../../admin/testing/ui';
import type { GivenDiscount } from '../../services/merchant-types';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/merchant/give/index';
const CAFE = {
  merchantId: 'm-cafe',
  name: '咖啡店',
  lotId: 'L1',
  lotName: '深圳湾商场停车场',
  role: 'manager',
  roleText: '商户管理员',
  active: true,
  billing: 'balance',
  offers: [
    { id: 'two-hours', label: '免 2 小时', discount: { kind: 'free_minutes', minutes: 120 } },
    { id: 'five', label: '减 5 元', discount: { kind: 'amount_off', amount: 500 } },
  ],
  balance: { toppedUp: 5000, spent: 1000, balance: 4000 },
};
const DAY = (items: GivenDiscount[]) => ({
  merchantId: 'm-cafe',
  date: '2026-12-05',
  count: items.length,
  cost: 1000,
  balance: CAFE.balance,
  items,
});
const GIVEN: GivenDiscount = {
  id: 'm-cafe|S1',
  plate: '粤B12345',
  date: '2026-12-05',
  at: 1_795_000_000,
  offerId: 'five',
  offerLabel: '减 5 元',
  via: 'staff',
  state: 'pending',
};

describe('a merchant gives a discount', () => {
  test('picks an offer, types the plate, gives it and sees it in the day', async () => {
    const api = fakeApi({
      'merchant.mine': ok({ merchants: [CAFE] }),
      'merchant.discounts': ok(DAY([])),
      'merchant.give': ok({
        outcome: 'applied',
        discountId: 'm-cafe|S1',
        sessionId: 'S1',
        plate: '粤B12345',
        offerLabel: '减 5 元',
      }),
    });
    const page = renderPage(PATH);
    await settle();
    expect(textOf(one(page, '.merchant__name'))).toBe('咖啡店');
    expect(textOf(one(page, '.merchant__balance'))).toBe('余额 ¥40.00');
    expect(textOf(one(page, '.merchant__empty'))).toBe('今日尚未发放');
    await tap(one(page, '.merchant__give'));
    expect(textOf(one(page, '.merchant__error'))).toBe('请输入车牌号');
    expect(api.sent('merchant.give')).toEqual([]);

    await tap(all(page, '.merchant__offer')[1]!);
    await typeInto(one(page, '.merchant__plate'), ' 粤b12345 ');
    api.answer('merchant.discounts', ok(DAY([GIVEN])));
    await tap(one(page, '.merchant__give'));
    await settle();
    expect(api.sent('merchant.give')).toEqual([
      { merchantId: 'm-cafe', offerId: 'five', plate: '粤B12345' },
    ]);
    expect(textOf(one(page, '.merchant__result'))).toBe('已为 粤B12345 发放「减 5 元」');
    expect(textOf(one(page, '.merchant__item-plate'))).toBe('粤B12345');
    expect(textOf(one(page, '.merchant__item-state'))).toBe('在场');
  });

  test('picks a car in the lot; a manager sees each cost, the day’s cost and the balance', async () => {
    const api = fakeApi({
      'merchant.mine': ok({ merchants: [CAFE] }),
      'merchant.discounts': ok(
        DAY([
          { ...GIVEN, id: 'm-cafe|S1', state: 'charged', cost: 1000 },
          { ...GIVEN, id: 'm-cafe|S3', plate: '粤B33333', state: 'pending', cost: 0 },
        ]),
      ),
      'merchant.sessions': ok({
        merchantId: 'm-cafe',
        items: [
          // 1_795_000_000 is 11:06 UTC: staff read China time (UTC+8).
          { sessionId: 'S2', plate: '粤B22222', inTime: 1_795_000_000, given: false },
          { sessionId: 'S1', plate: '粤B12345', inTime: 1_794_990_000, given: true },
        ],
      }),
      'merchant.give': ok({
        outcome: 'applied',
        discountId: 'm-cafe|S2',
        sessionId: 'S2',
        plate: '粤B22222',
        offerLabel: '免 2 小时',
      }),
    });
    const page = renderPage(PATH);
    await settle();
    const texts = (cls: string) => all(page, cls).map(textOf);
    expect(texts('.merchant__session-plate')).toEqual(['粤B22222', '粤B12345']);
    expect(texts('.merchant__session-in')).toEqual(['11-18 19:06 入场', '11-18 16:20 入场']);
    expect(texts('.merchant__session-given')).toEqual(['', '已发放']);
    // A discount of a car still inside costs what its exit decides.
    expect(texts('.merchant__item-cost')).toEqual(['¥10.00', '待结算']);
    expect(textOf(one(page, '.merchant__day-cost'))).toBe('已结算费用 ¥10.00');
    expect(textOf(one(page, '.merchant__balance'))).toBe('余额 ¥40.00');

    await tap(all(page, '.merchant__session')[0]!);
    await tap(one(page, '.merchant__give'));
    await settle();
    expect(api.sent('merchant.give')).toEqual([
      { merchantId: 'm-cafe', offerId: 'two-hours', plate: '粤B22222' },
    ]);
  });

  test('a clerk sees no money', async () => {
    const { balance: _balance, ...clerkCafe } = { ...CAFE, role: 'clerk', roleText: '店员' };
    const { cost: _cost, balance: _dayBalance, ...day } = DAY([GIVEN]);
    fakeApi({
      'merchant.mine': ok({ merchants: [clerkCafe] }),
      'merchant.discounts': ok(day),
      'merchant.sessions': ok({ merchantId: 'm-cafe', items: [] }),
    });
    const page = renderPage(PATH);
    await settle();
    expect(all(page, '.merchant__balance')).toHaveLength(0);
    expect(all(page, '.merchant__day-cost')).toHaveLength(0);
    expect(all(page, '.merchant__item-cost')).toHaveLength(0);
    expect(textOf(one(page, '.merchant__no-cars'))).toBe('暂无在场车辆');
  });

  test('a car not yet inside waits; a refusal shows the server message', async () => {
    const api = fakeApi({
      'merchant.mine': ok({ merchants: [CAFE] }),
      'merchant.discounts': ok(DAY([])),
      'merchant.give': ok({
        outcome: 'waiting',
        discountId: 'x',
        plate: '粤B00001',
        offerLabel: '免 2 小时',
      }),
    });
    const page = renderPage(PATH);
    await settle();
    await typeInto(one(page, '.merchant__plate'), '粤B00001');
    await tap(one(page, '.merchant__give'));
    await settle();
    expect(textOf(one(page, '.merchant__result'))).toBe(
      '粤B00001 未在场，今日入场后自动使用「免 2 小时」',
    );
    api.answer('merchant.give', refused('BALANCE_EMPTY', '商户余额不足，请先充值'));
    await typeInto(one(page, '.merchant__plate'), '粤B00002');
    await tap(one(page, '.merchant__give'));
    await settle();
    expect(textOf(one(page, '.merchant__error'))).toBe('商户余额不足，请先充值');
  });

  test('someone who staffs no merchant is told so', async () => {
    fakeApi({ 'merchant.mine': ok({ merchants: [] }) });
    const page = renderPage(PATH);
    await settle();
    expect(textOf(one(page, '.merchant__none'))).toBe('您还不是商户工作人员，请向停车场索取邀请');
    expect(all(page, '.merchant__give')).toHaveLength(0);
  });
});
