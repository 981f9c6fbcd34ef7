import { all, one, renderComponent, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../../admin/testing/fake-api';
import { settle } from '../../admin/testing/ui';

// Components load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/components/merchant-entry/index';

const CAFE = {
  merchantId: 'm-cafe',
  name: '海岸咖啡',
  lotId: 'L1',
  lotName: '深圳湾商场停车场',
  role: 'clerk',
  roleText: '店员',
  active: true,
  billing: 'balance',
  offers: [],
};

describe('merchant-entry', () => {
  test('shown to merchant staff with the merchant; opens the merchant area', async () => {
    const api = fakeApi({ 'merchant.mine': ok({ merchants: [CAFE] }) });
    const navigate = jest.spyOn(wx, 'navigateTo');
    const entry = renderComponent(PATH);
    await settle();
    expect(api.calls.map((c) => c.route)).toEqual(['merchant.mine']);
    expect(textOf(one(entry, '.merchant-entry__hint'))).toBe('海岸咖啡');
    await tap(one(entry, '.merchant-entry'));
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: '/merchant/give/index' }));
    navigate.mockRestore();
  });

  test('hidden from a driver (no merchant) and when the check fails', async () => {
    fakeApi({ 'merchant.mine': ok({ merchants: [] }) });
    const driver = renderComponent(PATH);
    await settle();
    expect(all(driver, '.merchant-entry')).toHaveLength(0);

    fakeApi({ 'merchant.mine': refused('NETWORK', '网络不稳定，请检查网络后重试') });
    const offline = renderComponent(PATH);
    await settle();
    expect(all(offline, '.merchant-entry')).toHaveLength(0);
  });
});
