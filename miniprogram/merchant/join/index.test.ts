import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../../admin/testing/fake-api';
import { settle, typeInto } from '../../admin/testing/ui';

jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/merchant/join/index';
const PEEK = {
  code: 'K7M2P9Q4RS',
  merchantName: '咖啡店',
  role: 'clerk',
  expiresAt: 1_795_000_000,
  state: 'open',
};

describe("joining a merchant's staff", () => {
  test('shows the merchant and role; accepts with a name only', async () => {
    const api = fakeApi({
      'merchant.invitation.get': ok(PEEK),
      'merchant.invitation.accept': ok({
        merchantName: '咖啡店',
        role: 'clerk',
        outcome: 'applied',
      }),
    });
    const page = renderPage(PATH, { code: 'K7M2P9Q4RS' });
    await settle();
    expect(textOf(one(page, '.join__merchant'))).toBe('咖啡店');
    expect(textOf(one(page, '.join__role'))).toBe('邀请您成为：商户店员');
    await tap(one(page, '.join__accept'));
    expect(textOf(one(page, '.join__error'))).toMatch(/称呼/);
    await typeInto(one(page, '.join__name'), ' 小王 ');
    await tap(one(page, '.join__accept'));
    await settle();
    expect(api.sent('merchant.invitation.accept')).toEqual([{ code: 'K7M2P9Q4RS', name: '小王' }]);
    expect(textOf(one(page, '.join__done'))).toBe('您已成为「咖啡店」的商户店员');
  });

  test('a used invitation cannot be accepted; an unknown code shows the message', async () => {
    fakeApi({ 'merchant.invitation.get': ok({ ...PEEK, state: 'used' }) });
    const page = renderPage(PATH, { code: 'K7M2P9Q4RS' });
    await settle();
    expect(textOf(one(page, '.join__blocked'))).toBe('该邀请已被使用');
    expect(all(page, '.join__accept')).toHaveLength(0);
    fakeApi({
      'merchant.invitation.get': refused('INVITATION_NOT_FOUND', '邀请码不存在，请核对后重试'),
    });
    const missing = renderPage(PATH, { code: 'K7M2P9Q4RS' });
    await settle();
    expect(textOf(one(missing, '.join__error'))).toBe('邀请码不存在，请核对后重试');
  });
});
