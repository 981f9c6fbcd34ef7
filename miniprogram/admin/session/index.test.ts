import { all, one, press, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { GATES, session, sessionDetail } from '../testing/fixtures';
import { giveReason, pageText, settle, texts } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/session/index';

function liveSession(overrides = {}) {
  return fakeApi({
    'op.sessions.get': ok(
      sessionDetail({ state: 'awaiting_payment', stateLabel: '待支付', ...overrides }),
    ),
    'op.gates.list': ok({ gates: GATES }),
  });
}

describe('operator session detail', () => {
  test('shows the session, the live platform query and the history', async () => {
    const api = liveSession({ pending: true });
    const page = renderPage(PATH, { id: 'S1' });
    await settle();
    expect(api.sent('op.sessions.get')).toEqual([{ sessionId: 'S1' }]);
    expect(textOf(one(page, '.admin-session__plate'))).toBe('粤B12345');
    const values = texts(page, '.admin-session__value');
    const facts = Object.fromEntries(
      texts(page, '.admin-session__label').map((label, i) => [label, values[i]]),
    );
    expect(facts).toMatchObject({
      状态: '待支付（等待平台确认）',
      停车时长: '2 小时 5 分钟',
      当前应付: '¥10.00',
      已收: '¥0.00',
      收费标准: '标准收费',
    });
    expect(pageText(page)).toContain('平台查询（2026-11-18 21:11）');
    expect(texts(page, '.admin-session__answer-text')).toEqual(['支付 2000 交易处理中']);
    expect(textOf(one(page, '.admin-session__answer-totals'))).toBe(
      '支付 ¥10.00 · 完成 ¥0.00 · 退回 ¥0.00 · 手续费 ¥0.06',
    );
    expect(texts(page, '.admin-session__call-text')).toEqual(['支付 ¥10.00 · 结果未知']);
    expect(texts(page, '.admin-session__history-change')).toEqual(['— → 在场', '在场 → 待支付']);
    expect(pageText(page)).toContain('2026-11-18 21:03 发起支付');
    // Actions the state allows; exits only for opening a gate.
    expect(all(page, '.admin-session__finish')).toHaveLength(1);
    expect(all(page, '.admin-session__cancel')).toHaveLength(1);
    // t-button: the label is inside the component.
    expect(all(page, '.admin-session__open-gate').map((b) => textOf(one(b, '.t-button')))).toEqual([
      '开闸：南出口',
    ]);
    expect(all(page, '.admin-session__resolve')).toHaveLength(0);
  });

  test('finish asks for a reason, sends it, shows the outcome and the new state', async () => {
    const api = liveSession();
    const page = renderPage(PATH, { id: 'S1' });
    await settle();
    api.answer(
      'op.sessions.finish',
      ok({ outcome: 'applied', session: session({ state: 'closed' }) }),
    );
    api.answer(
      'op.sessions.get',
      ok(sessionDetail({ state: 'closed', stateLabel: '已离场', final: true, actions: [] })),
    );
    await tap(one(one(page, '.admin-session__finish'), '.t-button'));
    expect(pageText(page)).toContain('结束停车');
    await giveReason(page, '车主已现金缴费');
    expect(api.sent('op.sessions.finish')).toEqual([{ sessionId: 'S1', reason: '车主已现金缴费' }]);
    expect(textOf(one(page, '.admin-session__notice'))).toBe('结束停车：已完成');
    expect(textOf(one(page, '.admin-session__state'))).toBe('已离场');
    expect(all(page, '.admin-session__finish')).toHaveLength(0);
    expect(all(page, '.admin-session__open-gate')).toHaveLength(0);
  });

  test('no reason, no call; a refused cancel shows the server message', async () => {
    const api = liveSession();
    // The driver paid while the page was open: the server refuses.
    api.answer('op.sessions.cancel', refused('ALREADY_PAID', '已支付的停车不能取消'));
    const page = renderPage(PATH, { id: 'S1' });
    await settle();
    await tap(one(one(page, '.admin-session__cancel'), '.t-button'));
    await press(one(page, '.reason-dialog'), '.admin-reason-dialog__confirm');
    expect(textOf(one(one(page, '.reason-dialog'), '.admin-reason-dialog__problem'))).toBe(
      '请填写原因',
    );
    expect(api.sent('op.sessions.cancel')).toEqual([]);
    await giveReason(page, '重复记录');
    expect(api.sent('op.sessions.cancel')).toEqual([{ sessionId: 'S1', reason: '重复记录' }]);
    expect(textOf(one(page, '.admin-session__action-error'))).toBe('已支付的停车不能取消');
  });

  test('opening the exit sends the gate, the reason and the session', async () => {
    const api = liveSession();
    api.answer('op.gate.open', ok({ outcome: 'already', gateId: 'G-OUT', commandId: 'C1' }));
    const page = renderPage(PATH, { id: 'S1' });
    await settle();
    await tap(one(one(page, '.admin-session__open-gate'), '.t-button'));
    expect(pageText(page)).toContain('开闸放行：南出口');
    await giveReason(page, '扫码失败，人工放行');
    expect(api.sent('op.gate.open')).toEqual([
      { gateId: 'G-OUT', reason: '扫码失败，人工放行', sessionId: 'S1' },
    ]);
    expect(textOf(one(page, '.admin-session__notice'))).toBe('开闸：此前已完成，无需重复操作');
  });

  test('a flagged session shows its anomalies and can be marked dealt with', async () => {
    const anomaly = {
      code: 'left_unpaid',
      label: '未缴费离场',
      detail: '欠 ¥10.00',
      at: 1_795_008_000,
    };
    const api = fakeApi({
      'op.sessions.get': ok({
        ...sessionDetail({
          state: 'closed',
          stateLabel: '已离场',
          final: true,
          actions: [],
          flagged: true,
          openAnomalies: [anomaly],
        }),
        anomalies: [anomaly],
      }),
      'op.sessions.resolve': ok({ outcome: 'applied', session: session() }),
    });
    const page = renderPage(PATH, { id: 'S1' });
    await settle();
    expect(texts(page, '.admin-session__anomaly-label')).toEqual(['未缴费离场']);
    expect(api.sent('op.gates.list')).toEqual([]);
    await tap(one(one(page, '.admin-session__resolve'), '.t-button'));
    await giveReason(page, '已电话联系车主补缴');
    expect(api.sent('op.sessions.resolve')).toEqual([
      { sessionId: 'S1', reason: '已电话联系车主补缴' },
    ]);
    expect(textOf(one(page, '.admin-session__notice'))).toBe('异常处理：已完成');
  });

  test('finish shows what it will charge and return before a reason is typed; its button is red', async () => {
    const api = liveSession({ state: 'parked', stateLabel: '停车中' });
    const preview = {
      due: 500,
      charge: 500,
      fromFreeze: 500,
      returned: 2300,
      waived: 0,
      possible: true,
      canCancel: true,
      at: 1_795_008_000,
    };
    api.answer('op.sessions.preview', ok({ action: 'finish', ...preview }));
    const page = renderPage(PATH, { id: 'S1' });
    await settle();
    expect(all(one(page, '.admin-session__finish'), '.t-button--danger')).toHaveLength(1);
    await tap(one(one(page, '.admin-session__finish'), '.t-button'));
    await settle();
    expect(api.sent('op.sessions.preview')).toContainEqual({ sessionId: 'S1', action: 'finish' });
    const dialog = one(page, '.reason-dialog');
    expect(textOf(one(dialog, '.admin-reason-dialog__summary'))).toBe(
      '将从冻结金额收取停车费 ¥5.00，退回 ¥23.00。',
    );
    expect(all(one(dialog, '.admin-reason-dialog__confirm'), '.t-button--danger')).toHaveLength(1);
    expect(api.sent('op.sessions.finish')).toEqual([]);
  });

  test('cancel that is not possible says why on the page, and asks for no reason', async () => {
    const api = liveSession({ state: 'paid', stateLabel: '已支付' });
    api.answer(
      'op.sessions.preview',
      ok({
        action: 'cancel',
        possible: false,
        code: 'ALREADY_PAID',
        whyNot: '该记录已支付，无法取消；如需放行请使用结束',
        due: 0,
        charge: 0,
        fromFreeze: 0,
        returned: 0,
        waived: 0,
        canCancel: false,
        cancelWhyNot: '该记录已支付，无法取消；如需放行请使用结束',
        at: 1_795_008_000,
      }),
    );
    const page = renderPage(PATH, { id: 'S1' });
    await settle();
    expect(all(page, '.admin-session__cancel')).toHaveLength(0);
    expect(textOf(one(page, '.admin-session__cancel-note'))).toBe(
      '无法取消停车：该记录已支付，无法取消；如需放行请使用结束',
    );
    expect(all(page, '.admin-reason-dialog__input')).toHaveLength(0);
  });

  test('a session that cannot be read shows why', async () => {
    fakeApi({ 'op.sessions.get': refused('SESSION_NOT_FOUND', '找不到这条停车记录') });
    const page = renderPage(PATH, { id: 'nope' });
    await settle();
    expect(textOf(one(page, '.admin-session__error'))).toBe('找不到这条停车记录');
  });
});
