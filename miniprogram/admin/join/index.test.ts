import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { settle, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/join/index';
const PEEK = {
  code: 'K7M2P9Q4RS',
  lotName: '科技园停车场',
  role: 'operator',
  expiresAt: 1_795_000_000,
  state: 'open',
};

describe('joining a lot by invitation', () => {
  test('opened from the QR scene: shows the lot and role, accepts with a name (no openid asked)', async () => {
    const api = fakeApi({
      'invitation.get': ok(PEEK),
      'invitation.accept': ok({
        lotId: 'L1',
        lotName: '科技园停车场',
        role: 'operator',
        outcome: 'applied',
      }),
    });
    const page = renderPage(PATH, { scene: encodeURIComponent('i:K7M2P9Q4RS') });
    await settle();
    expect(api.sent('invitation.get')).toEqual([{ code: 'K7M2P9Q4RS' }]);
    expect(textOf(one(page, '.join__lot'))).toBe('科技园停车场');
    expect(textOf(one(page, '.join__role'))).toBe('邀请您成为：操作员');
    await tap(one(page, '.join__accept'));
    expect(textOf(one(page, '.join__error'))).toMatch(/称呼/);
    expect(api.sent('invitation.accept')).toEqual([]);
    await typeInto(one(page, '.join__name'), ' 王小明 ');
    await tap(one(page, '.join__accept'));
    await settle();
    expect(api.sent('invitation.accept')).toEqual([{ code: 'K7M2P9Q4RS', name: '王小明' }]);
    expect(textOf(one(page, '.join__done'))).toBe('您已成为「科技园停车场」的操作员');
  });

  test('a typed code is read loosely; a used invitation cannot be accepted', async () => {
    const api = fakeApi({ 'invitation.get': ok({ ...PEEK, state: 'used' }) });
    const page = renderPage(PATH);
    await settle();
    await typeInto(one(page, '.join__code'), 'abc');
    await tap(one(page, '.join__look-up'));
    expect(textOf(one(page, '.join__error'))).toBe('邀请码为 10 位字母或数字，请核对');
    await typeInto(one(page, '.join__code'), 'k7m2-p9q4-rs');
    await tap(one(page, '.join__look-up'));
    await settle();
    expect(api.sent('invitation.get')).toEqual([{ code: 'K7M2P9Q4RS' }]);
    expect(textOf(one(page, '.join__blocked'))).toBe('该邀请已被使用');
    expect(all(page, '.join__accept')).toHaveLength(0);
  });

  test('the owner opening his own invitation is told he already runs the lot', async () => {
    fakeApi({ 'invitation.get': ok({ ...PEEK, myRole: 'owner' }) });
    const page = renderPage(PATH, { code: 'K7M2P9Q4RS' });
    await settle();
    expect(textOf(one(page, '.join__blocked'))).toBe('您已是该停车场的所有者');
  });

  test('an unknown code shows the server message', async () => {
    fakeApi({ 'invitation.get': refused('INVITATION_NOT_FOUND', '邀请码不存在，请核对后重试') });
    const page = renderPage(PATH, { code: 'K7M2P9Q4RS' });
    await settle();
    expect(textOf(one(page, '.join__error'))).toBe('邀请码不存在，请核对后重试');
  });
});
