import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fenOfYuan } from '../../services/merchant-api';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { settle, typeInto } from '../testing/ui';

jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/merchants/index';
const CAFE = {
  id: 'm-cafe',
  lotId: 'L1',
  name: '咖啡店',
  billing: 'balance',
  active: true,
  offers: [],
  balance: { toppedUp: 5000, spent: 1000, balance: 4000 },
};

describe("a lot's merchants", () => {
  test('shows balances; a top-up retried after a failure keeps its request id', async () => {
    const api = fakeApi({
      'op.merchants.list': ok({ merchants: [CAFE] }),
      'op.merchants.topup': refused('NETWORK', '网络不稳定，请检查网络后重试'),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.merchants.list')).toEqual([{ lotId: 'L1' }]);
    expect(textOf(one(page, '.merchants__balance'))).toBe('余额 ¥40.00');
    expect(textOf(one(page, '.merchants__billing'))).toBe('预充值');

    await tap(one(page, '.merchants__row'));
    await tap(one(page, '.merchants__top-up'));
    expect(textOf(one(page, '.merchants__error'))).toBe('请输入充值金额（元，最多两位小数）');
    await typeInto(one(page, '.merchants__amount'), '100.5');
    await tap(one(page, '.merchants__top-up'));
    expect(textOf(one(page, '.merchants__error'))).toBe('请填写充值说明，如 收款单号');
    await typeInto(one(page, '.merchants__reason'), '收款单 A001');
    await tap(one(page, '.merchants__top-up'));
    await settle();
    expect(textOf(one(page, '.merchants__error'))).toBe('网络不稳定，请检查网络后重试');

    api.answer(
      'op.merchants.topup',
      ok({ outcome: 'applied', balance: { ...CAFE.balance, balance: 14050 } }),
    );
    await tap(one(page, '.merchants__top-up'));
    await settle();
    const sent = api.sent('op.merchants.topup');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ merchantId: 'm-cafe', amount: 10050, reason: '收款单 A001' });
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    expect(textOf(one(page, '.merchants__message'))).toBe('充值成功，余额 ¥140.50');
    expect(all(page, '.merchants__top-up')).toHaveLength(0);
  });

  test('yuan as typed to fen', () => {
    expect(fenOfYuan('12')).toBe(1200);
    expect(fenOfYuan('12.5')).toBe(1250);
    expect(fenOfYuan(' 0.01 ')).toBe(1);
    for (const bad of ['0', '1.234', '-5', 'abc', '', '1e3'])
      expect(fenOfYuan(bad)).toBeUndefined();
  });
});
