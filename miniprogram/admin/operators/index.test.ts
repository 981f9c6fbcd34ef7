import { all, one, renderPage, tap, tapText, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { attrOf, pageText, settle, texts } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/operators/index';

const OPERATORS = {
  lotId: 'L1',
  operators: [
    { openid: 'oOWNER-000001', role: 'owner', name: '张老板', self: true },
    { openid: 'oSTAFF-000002', role: 'operator', name: '王小明', self: false },
  ],
};
const NOW = 1_795_000_000;
const INVITATIONS = {
  lotId: 'L1',
  invitations: [
    {
      code: 'ABCDEFGH12',
      lotId: 'L1',
      role: 'operator',
      createdAt: NOW,
      expiresAt: NOW + 3600,
      state: 'open',
    },
    {
      code: 'ZZZZZZZZ99',
      lotId: 'L1',
      role: 'operator',
      createdAt: NOW - 100,
      expiresAt: NOW + 3600,
      state: 'used',
      usedName: '王小明',
      usedAt: NOW - 50,
    },
  ],
};
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function answerModal(confirm: boolean) {
  return jest
    .spyOn(wx, 'showModal')
    .mockImplementation(((options: {
      success?: (res: { confirm: boolean; cancel: boolean }) => void;
    }) => options.success?.({ confirm, cancel: !confirm })) as never);
}

const base = () => ({
  'op.operators.list': ok(OPERATORS),
  'op.invitations.list': ok(INVITATIONS),
});

describe('operator list of a lot', () => {
  test('lists the people by name with their roles in Chinese, and has no openid field', async () => {
    const api = fakeApi(base());
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.operators.list')).toEqual([{ lotId: 'L1' }]);
    expect(texts(page, '.admin-ops__name')).toEqual(['张老板（我）', '王小明']);
    expect(texts(page, '.admin-ops__role').slice(0, 2)).toEqual(['所有者', '操作员']);
    expect(pageText(page)).not.toMatch(/openid|oOWNER|oSTAFF/);
    expect(all(page, 'input')).toHaveLength(0);
    expect(texts(page, '.admin-ops__invitation-text')).toEqual([
      '操作员邀请 ABCDEFGH12',
      '操作员邀请 ZZZZZZZZ99',
    ]);
    expect(texts(page, '.admin-ops__invitation-state')[1]).toMatch(/^王小明 已接受/);
    // Only an open invitation can be revoked.
    expect(all(page, '.admin-ops__revoke-invitation')).toHaveLength(1);
  });

  test('makes an invitation with the chosen role and validity, and shows its code and QR', async () => {
    const api = fakeApi({
      ...base(),
      'op.invitations.create': (d: { role: string; hours: number }) =>
        ok({
          invitation: {
            code: 'K7M2P9Q4RS',
            lotId: 'L1',
            role: d.role,
            createdAt: NOW,
            expiresAt: NOW + d.hours * 3600,
            state: 'open',
          },
          lotName: '科技园停车场',
          scene: 'i:K7M2P9Q4RS',
          url: 'https://parking.test/p?scene=i%3AK7M2P9Q4RS',
          image: PNG,
        }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tapText(page, '.admin-ops__role-chip', '所有者');
    await tapText(page, '.admin-ops__validity', '7 天');
    await tap(one(page, '.admin-ops__invite'));
    await settle();
    expect(api.sent('op.invitations.create')).toEqual([{ lotId: 'L1', role: 'owner', hours: 168 }]);
    expect(textOf(one(page, '.admin-ops__code'))).toBe('K7M2P9Q4RS');
    expect(textOf(one(page, '.admin-ops__made-title'))).toBe('所有者邀请码');
    expect(attrOf(one(page, '.admin-ops__qr'), 'src')).toBe(PNG);
    expect(textOf(one(page, '.admin-ops__notice'))).toMatch(/已生成所有者邀请/);
  });

  test('revokes an open invitation after a confirmation', async () => {
    const api = fakeApi({
      ...base(),
      'op.invitations.revoke': ok({ outcome: 'applied', code: 'ABCDEFGH12' }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    const confirmed = answerModal(true);
    await tap(one(page, '.admin-ops__revoke-invitation'));
    await settle();
    confirmed.mockRestore();
    expect(api.sent('op.invitations.revoke')).toEqual([{ code: 'ABCDEFGH12' }]);
    expect(textOf(one(page, '.admin-ops__notice'))).toBe('撤销邀请：已完成');
  });

  test('changes a role', async () => {
    const api = fakeApi({
      ...base(),
      'op.operators.grant': ok({
        lotId: 'L1',
        openid: 'oSTAFF-000002',
        role: 'owner',
        outcome: 'applied',
      }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    const confirmed = answerModal(true);
    await tap(all(page, '.admin-ops__change-role')[1] as never);
    await settle();
    confirmed.mockRestore();
    expect(api.sent('op.operators.grant')).toEqual([
      { lotId: 'L1', openid: 'oSTAFF-000002', role: 'owner' },
    ]);
    expect(textOf(one(page, '.admin-ops__notice'))).toBe('王小明 设为所有者：已完成');
  });

  test('removes after a confirmation; the last owner is kept with the server message', async () => {
    const api = fakeApi({
      ...base(),
      'op.operators.revoke': (d: { openid: string }) =>
        d.openid === 'oOWNER-000001'
          ? refused('LAST_OWNER', '停车场至少需要保留一位所有者')
          : ok({ lotId: 'L1', openid: d.openid, role: null, outcome: 'applied' }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    const declined = answerModal(false);
    await tap(all(page, '.admin-ops__revoke')[1] as never);
    await settle();
    expect(api.sent('op.operators.revoke')).toEqual([]);
    declined.mockRestore();

    const confirmed = answerModal(true);
    await tap(all(page, '.admin-ops__revoke')[1] as never);
    await settle();
    expect(textOf(one(page, '.admin-ops__notice'))).toBe('移除 王小明：已完成');
    await tap(all(page, '.admin-ops__revoke')[0] as never);
    await settle();
    expect(api.sent('op.operators.revoke')).toEqual([
      { lotId: 'L1', openid: 'oSTAFF-000002' },
      { lotId: 'L1', openid: 'oOWNER-000001' },
    ]);
    expect(textOf(one(page, '.admin-ops__action-error'))).toBe('停车场至少需要保留一位所有者');
    confirmed.mockRestore();
  });

  test('an operator who is not the owner sees the refusal', async () => {
    fakeApi({
      'op.operators.list': refused('FORBIDDEN', '您的角色没有权限执行此操作'),
      'op.invitations.list': refused('FORBIDDEN', '您的角色没有权限执行此操作'),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(textOf(one(page, '.admin-ops__error'))).toBe('您的角色没有权限执行此操作');
  });
});
