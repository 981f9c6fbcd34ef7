import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { pageText, settle, texts } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/audit/index';

const item = (id: string, action: string, outcome: string, extra = {}) => ({
  id,
  at: 1_795_000_000,
  openid: 'oOWNER',
  lotId: 'L1',
  action,
  reason: `原因 ${id}`,
  outcome,
  ...extra,
});

describe('operator audit list', () => {
  test('shows who did what, why and how it ended, and pages on', async () => {
    const api = fakeApi({
      'op.audit.list': (d: { offset: number }) =>
        ok(
          d.offset === 0
            ? {
                lotId: 'L1',
                items: [
                  item('A1', 'session.finish', 'applied', { sessionId: 'S1' }),
                  item('A2', 'session.cancel', 'refused', {
                    sessionId: 'S2',
                    detail: 'ALREADY_PAID',
                  }),
                ],
                nextOffset: 2,
              }
            : { lotId: 'L1', items: [item('A3', 'gate.open', 'already', { gateId: 'G-OUT' })] },
        ),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(texts(page, '.admin-audit__action')).toEqual(['结束停车', '取消停车']);
    expect(texts(page, '.admin-audit__outcome')).toEqual(['已执行', '未执行']);
    expect(texts(page, '.admin-audit__reason')).toEqual(['原因：原因 A1', '原因：原因 A2']);
    expect(texts(page, '.admin-audit__detail')).toEqual(['已支付的停车不能取消']);
    await tap(one(page, '.admin-audit__more'));
    await settle();
    expect(api.sent('op.audit.list')).toEqual([
      { lotId: 'L1', offset: 0, limit: 20 },
      { lotId: 'L1', offset: 2, limit: 20 },
    ]);
    expect(texts(page, '.admin-audit__target')).toEqual([
      '停车记录 S1',
      '停车记录 S2',
      '出入口 G-OUT',
    ]);
    expect(all(page, '.admin-audit__more')).toHaveLength(0);
  });

  test('in Chinese: names instead of openids, old → new, the state reached, no empty 原因 line', async () => {
    fakeApi({
      'op.audit.list': ok({
        lotId: 'L1',
        items: [
          item('B1', 'lot.update', 'applied', {
            reason: '',
            byName: '王小明',
            subject: '深圳湾商场停车场',
            changes: [
              { label: '入场预付', from: '开启', to: '关闭' },
              { label: '冻结金额', from: '¥50.00', to: '¥30.00' },
            ],
          }),
          item('B2', 'session.finish', 'applied', {
            openid: 'oDEMO-owner-0000000000000000',
            sessionId: 'S9',
            detail: 'applied: closed',
          }),
          item('B3', 'gate.upsert', 'applied', { reason: '  ', detail: 'created' }),
        ],
      }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(texts(page, '.admin-audit__action')).toEqual([
      '修改停车场设置',
      '结束停车',
      '新增出入口',
    ]);
    expect(texts(page, '.admin-audit__change')).toEqual([
      '入场预付：开启 → 关闭',
      '冻结金额：¥50.00 → ¥30.00',
    ]);
    expect(texts(page, '.admin-audit__reason')).toEqual(['原因：原因 B2']);
    expect(texts(page, '.admin-audit__detail')).toEqual(['状态：已离场']);
    const who = texts(page, '.admin-audit__who').join(' ');
    expect(who).toMatch(/王小明/);
    expect(who).toMatch(/尾号 0000/);
    expect(who).not.toMatch(/oDEMO|oOWNER/);
    expect(pageText(page)).not.toMatch(/applied|closed|created/);
  });

  test('a refusal is shown', async () => {
    fakeApi({ 'op.audit.list': refused('FORBIDDEN', '你没有这个停车场的权限') });
    const page = renderPage(PATH, { lotId: 'L2' });
    await settle();
    expect(textOf(one(page, '.admin-audit__error'))).toBe('你没有这个停车场的权限');
  });
});
