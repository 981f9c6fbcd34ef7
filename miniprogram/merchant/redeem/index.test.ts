import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../../admin/testing/fake-api';
import { settle, typeInto } from '../../admin/testing/ui';

jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/merchant/redeem/index';

describe("a driver uses a shop's discount QR", () => {
  test('picks a remembered plate and uses the code once', async () => {
    const api = fakeApi({
      'plates.list': ok({ plates: ['粤B12345', '粤B67890'] }),
      'discount.redeem': ok({
        outcome: 'applied',
        discountId: 'm|S1',
        sessionId: 'S1',
        plate: '粤B67890',
        offerLabel: '免 2 小时',
      }),
    });
    const page = renderPage(PATH, { code: encodeURIComponent('d:K7M2P9Q4RS') });
    await settle();
    expect(all(page, '.redeem__plate').map(textOf)).toEqual(['粤B12345', '粤B67890']);
    await tap(all(page, '.redeem__plate')[1]!);
    await tap(one(page, '.redeem__use'));
    await settle();
    expect(api.sent('discount.redeem')).toEqual([{ code: 'd:K7M2P9Q4RS', plate: '粤B67890' }]);
    expect(textOf(one(page, '.redeem__result'))).toBe(
      '「免 2 小时」已用于 粤B67890，离场时自动抵扣',
    );
    expect(all(page, '.redeem__use')).toHaveLength(0);
  });

  test('a typed plate; a used code shows the server message', async () => {
    fakeApi({
      'plates.list': ok({ plates: [] }),
      'discount.redeem': refused('CODE_USED', '该优惠码已被使用'),
    });
    const page = renderPage(PATH, { code: 'd:K7M2P9Q4RS' });
    await settle();
    await tap(one(page, '.redeem__use'));
    expect(textOf(one(page, '.redeem__error'))).toBe('请选择或输入车牌号');
    await typeInto(one(page, '.redeem__input'), '粤b11111');
    await tap(one(page, '.redeem__use'));
    await settle();
    expect(textOf(one(page, '.redeem__error'))).toBe('该优惠码已被使用');
  });
});
