import { all, one, renderComponent, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../../admin/testing/fake-api';
import { OWNER_ME } from '../../admin/testing/fixtures';
import { settle } from '../../admin/testing/ui';

// Components load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/components/admin-entry/index';

describe('admin-entry', () => {
  test('shown to an operator, with the number of lots; opens the operator home', async () => {
    const api = fakeApi({ 'op.me': ok(OWNER_ME) });
    const navigate = jest.spyOn(wx, 'navigateTo');
    const entry = renderComponent(PATH);
    await settle();
    expect(api.calls.map((c) => c.route)).toEqual(['op.me']);
    expect(textOf(one(entry, '.admin-entry__hint'))).toBe('2 个停车场');
    await tap(one(entry, '.admin-entry'));
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: '/admin/index/index' }));
    navigate.mockRestore();
  });

  test('hidden from a driver (FORBIDDEN) and when the check fails', async () => {
    fakeApi({ 'op.me': refused('FORBIDDEN', '没有权限执行此操作') });
    const driver = renderComponent(PATH);
    await settle();
    expect(all(driver, '.admin-entry')).toHaveLength(0);

    fakeApi({ 'op.me': refused('NETWORK', '网络不稳定，请检查网络后重试') });
    const offline = renderComponent(PATH);
    await settle();
    expect(all(offline, '.admin-entry')).toHaveLength(0);
  });
});
