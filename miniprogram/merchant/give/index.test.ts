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
