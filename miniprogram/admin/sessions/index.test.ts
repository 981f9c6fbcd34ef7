import { all, one, renderPage, tap, tapText, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { session } from '../testing/fixtures';
import { settle, texts, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/sessions/index';

const FIRST = [
  session({ id: 'S1', plate: '粤B12345', state: 'open', stateLabel: '在场' }),
  session({
    id: 'S2',
    plate: '粤BD00001',
    state: 'paid',
    stateLabel: '已支付',
    amounts: { ...session().amounts, paid: 1200, finished: 300 },
    flagged: true,
    openAnomalies: [{ code: 'late_payment', label: '已放弃的支付后来成功', detail: '', at: 1 }],
  }),
];
const SECOND = [session({ id: 'S3', plate: '京A88888', stateLabel: '已离场', state: 'closed' })];

describe('operator sessions list', () => {
  test('lists the newest sessions and pages on', async () => {
    const api = fakeApi({
      'op.sessions.list': (data: { offset: number }) =>
        ok(
          data.offset === 0
            ? { items: FIRST, total: 3, nextOffset: 2 }
            : { items: SECOND, total: 3 },
        ),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.sessions.list')).toEqual([{ lotId: 'L1', offset: 0, limit: 20 }]);
    expect(texts(page, '.admin-sessions__row-plate')).toEqual(['粤B12345', '粤BD00001']);
    expect(texts(page, '.admin-sessions__state')).toEqual(['在场', '已支付']);
    expect(texts(page, '.admin-sessions__charged')).toEqual(['¥0.00', '¥15.00']);
    expect(texts(page, '.admin-sessions__anomaly')).toEqual(['异常：已放弃的支付后来成功']);
    expect(textOf(one(page, '.admin-sessions__total'))).toBe('共 3 条');

    await tap(one(page, '.admin-sessions__more'));
    await settle();
    expect(api.sent('op.sessions.list')[1]).toEqual({ lotId: 'L1', offset: 2, limit: 20 });
    expect(texts(page, '.admin-sessions__row-plate')).toEqual([
      '粤B12345',
      '粤BD00001',
      '京A88888',
    ]);
    expect(all(page, '.admin-sessions__more')).toHaveLength(0);
  });

  test('filters by state group, plate and flag', async () => {
    const api = fakeApi({ 'op.sessions.list': ok({ items: [], total: 0 }) });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tapText(page, '.admin-sessions__filter', '待支付');
    await settle();
    await typeInto(one(page, '.admin-sessions__plate'), ' 粤b12345 ');
    await tap(one(page, '.admin-sessions__search-button'));
    await settle();
    await tap(one(page, '.admin-sessions__flagged'));
    await settle();
    const sent = api.sent('op.sessions.list');
    expect(sent[1]).toEqual({
      lotId: 'L1',
      state: ['open', 'awaiting_payment'],
      offset: 0,
      limit: 20,
    });
    expect(sent[2]).toEqual({
      lotId: 'L1',
      state: ['open', 'awaiting_payment'],
      plate: '粤B12345',
      offset: 0,
      limit: 20,
    });
    expect(sent[3]).toMatchObject({ flagged: true, plate: '粤B12345' });
    expect(textOf(one(page, '.admin-sessions__empty'))).toBe('没有符合条件的记录');
  });

  test('opens a session', async () => {
    fakeApi({ 'op.sessions.list': ok({ items: FIRST, total: 2 }) });
    const navigate = jest.spyOn(wx, 'navigateTo');
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(all(page, '.admin-sessions__row')[1] as never);
    expect(navigate).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/admin/session/index?id=S2' }),
    );
    navigate.mockRestore();
  });

  test('opened for anomalies, it asks for flagged sessions; a refusal is shown', async () => {
    const api = fakeApi({ 'op.sessions.list': refused('FORBIDDEN', '你没有这个停车场的权限') });
    const page = renderPage(PATH, { lotId: 'L1', flagged: '1' });
    await settle();
    expect(api.sent('op.sessions.list')[0]).toMatchObject({ flagged: true });
    expect(textOf(one(page, '.admin-sessions__error'))).toBe('你没有这个停车场的权限');
  });
});
