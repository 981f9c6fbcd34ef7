import { all, one, renderPage, tap, tapText, textOf } from '../../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { settle, texts, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../../services/transport'));
});

const PATH = '/pages/admin/operators/index';

const OPERATORS = {
  lotId: 'L1',
  operators: [
    { openid: 'oOWNER-000001', role: 'owner', self: true },
    { openid: 'oSTAFF-000002', role: 'operator', self: false },
  ],
};

function answerModal(confirm: boolean) {
  return jest
    .spyOn(wx, 'showModal')
    .mockImplementation(((options: {
      success?: (res: { confirm: boolean; cancel: boolean }) => void;
    }) => options.success?.({ confirm, cancel: !confirm })) as never);
}

describe('operator list of a lot', () => {
  test('lists the operators with their roles', async () => {
    const api = fakeApi({ 'op.operators.list': ok(OPERATORS) });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.operators.list')).toEqual([{ lotId: 'L1' }]);
    expect(texts(page, '.admin-ops__openid')).toEqual(['oOWNER-000001（我）', 'oSTAFF-000002']);
    expect(texts(page, '.admin-ops__role')).toEqual(['业主', '操作员']);
  });

  test('grants a role by openid', async () => {
    const api = fakeApi({
      'op.operators.list': ok(OPERATORS),
      'op.operators.grant': ok({
        lotId: 'L1',
        openid: 'oNEW-0000003',
        role: 'owner',
        outcome: 'applied',
      }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(one(page, '.admin-ops__grant-button'));
    expect(textOf(one(page, '.admin-ops__action-error'))).toBe(
      '请填写对方的 openid（在对方“我的”页面可复制）',
    );
    await typeInto(one(page, '.admin-ops__input'), ' oNEW-0000003 ');
    await tapText(page, '.admin-ops__role-chip', '业主');
    await tap(one(page, '.admin-ops__grant-button'));
    await settle();
    expect(api.sent('op.operators.grant')).toEqual([
      { lotId: 'L1', openid: 'oNEW-0000003', role: 'owner' },
    ]);
    expect(textOf(one(page, '.admin-ops__notice'))).toBe('授权业主：已完成');
    expect(api.sent('op.operators.list')).toHaveLength(2);
  });

  test('revokes after a confirmation; the last owner is kept with the server message', async () => {
    const api = fakeApi({
      'op.operators.list': ok(OPERATORS),
      'op.operators.revoke': (d: { openid: string }) =>
        d.openid === 'oOWNER-000001'
          ? refused('LAST_OWNER', '停车场至少要保留一位业主')
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
    expect(textOf(one(page, '.admin-ops__notice'))).toBe('撤销：已完成');
    await tap(all(page, '.admin-ops__revoke')[0] as never);
    await settle();
    expect(api.sent('op.operators.revoke')).toEqual([
      { lotId: 'L1', openid: 'oSTAFF-000002' },
      { lotId: 'L1', openid: 'oOWNER-000001' },
    ]);
    expect(textOf(one(page, '.admin-ops__action-error'))).toBe('停车场至少要保留一位业主');
    confirmed.mockRestore();
  });

  test('an operator who is not the owner sees the refusal', async () => {
    fakeApi({ 'op.operators.list': refused('FORBIDDEN', '只有业主可以管理管理员') });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(textOf(one(page, '.admin-ops__error'))).toBe('只有业主可以管理管理员');
  });
});
