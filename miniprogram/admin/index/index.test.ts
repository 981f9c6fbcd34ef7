import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { DASHBOARD, OWNER_ME } from '../testing/fixtures';
import { pageText, settle, texts } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/index/index';

describe('operator home', () => {
  test('shows today per lot: sessions, live, anomalies, and revenue where the server gives it', async () => {
    const api = fakeApi({ 'op.me': ok(OWNER_ME), 'op.dashboard': ok(DASHBOARD) });
    const page = renderPage(PATH);
    await settle();
    expect(api.calls.map((c) => c.route)).toEqual(['op.me', 'op.dashboard']);
    expect(textOf(one(page, '.admin-home__date'))).toBe('2026-11-25');
    expect(texts(page, '.admin-home__lot-name')).toEqual(['科技园停车场', '深南大道路边']);
    expect(texts(page, '.admin-home__sessions')).toEqual(['12', '3']);
    expect(texts(page, '.admin-home__live')).toEqual(['5', '1']);
    expect(texts(page, '.admin-home__flagged')).toEqual(['2', '0']);
    // Revenue only for the lot the caller owns (the server leaves it out elsewhere).
    expect(texts(page, '.admin-home__revenue')).toEqual(['¥123.50']);
    expect(all(page, '.admin-home__revenue-link')).toHaveLength(1);
  });

  test('a lot opens its detail page', async () => {
    fakeApi({ 'op.me': ok(OWNER_ME), 'op.dashboard': ok(DASHBOARD) });
    const navigate = jest.spyOn(wx, 'navigateTo');
    const page = renderPage(PATH);
    await settle();
    await tap(all(page, '.admin-home__lot')[1] as never);
    expect(navigate).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/admin/lot/index?lotId=R1' }),
    );
    navigate.mockRestore();
  });

  test("a lot's anomaly count opens its flagged sessions", async () => {
    fakeApi({ 'op.me': ok(OWNER_ME), 'op.dashboard': ok(DASHBOARD) });
    const navigate = jest.spyOn(wx, 'navigateTo');
    const page = renderPage(PATH);
    await settle();
    await tap(all(page, '.admin-home__anomalies')[0] as never);
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/admin/sessions/index?lotId=L1&flagged=1' }),
    );
    navigate.mockRestore();
  });

  test('a caller who is not an operator sees the refusal and nothing else', async () => {
    const api = fakeApi({ 'op.me': refused('FORBIDDEN', '没有权限') });
    const page = renderPage(PATH);
    await settle();
    expect(textOf(one(page, '.admin-home__refusal'))).toBe('你不是停车场管理员');
    expect(all(page, '.admin-home__lot')).toHaveLength(0);
    expect(api.calls.map((c) => c.route)).toEqual(['op.me']);
  });

  test('another failure shows the server message and can be retried', async () => {
    const api = fakeApi({
      'op.me': ok(OWNER_ME),
      'op.dashboard': refused('BUSY', '系统繁忙，请稍后再试'),
    });
    const page = renderPage(PATH);
    await settle();
    expect(textOf(one(page, '.admin-home__message'))).toBe('系统繁忙，请稍后再试');
    api.answer('op.dashboard', ok(DASHBOARD));
    await tap(one(page, '.admin-home__retry'));
    await settle();
    expect(pageText(page)).toContain('科技园停车场');
  });

  test('an operator without owned lots has no revenue entry', async () => {
    fakeApi({
      'op.me': ok({ ...OWNER_ME, lots: [{ ...OWNER_ME.lots[1] }] }),
      'op.dashboard': ok({ ...DASHBOARD, lots: [DASHBOARD.lots[1]!] }),
    });
    const page = renderPage(PATH);
    await settle();
    expect(all(page, '.admin-home__revenue-link')).toHaveLength(0);
    expect(all(page, '.admin-home__revenue')).toHaveLength(0);
  });
});
