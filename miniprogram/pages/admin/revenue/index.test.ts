import { all, one, renderPage, tap, textOf } from '../../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { attrOf, settle, texts, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../../services/transport'));
});

const PATH = '/pages/admin/revenue/index';

const row = (date: string, lotId: string, charged: number, fee: number) => ({
  date,
  lotId,
  charged,
  returned: 0,
  handlingFee: fee,
  net: charged - fee,
});

const REVENUE = {
  from: '2026-11-01',
  to: '2026-11-03',
  rows: [
    row('2026-11-01', 'L1', 10_000, 60),
    row('2026-11-01', 'L2', 10_000, 60),
    row('2026-11-02', 'L1', 0, 0),
    row('2026-11-03', 'L1', 5_000, 30),
  ],
  totals: { charged: 25_000, returned: 0, handlingFee: 150, net: 24_850 },
};

describe('operator revenue', () => {
  test('asks for the last 7 days by default, of every owned lot when none is given', async () => {
    const api = fakeApi({ 'op.revenue': ok(REVENUE) });
    renderPage(PATH);
    await settle();
    const [sent] = api.sent('op.revenue');
    expect(Object.keys(sent ?? {}).sort()).toEqual(['from', 'to']);
    const from = Date.parse(`${String(sent?.from)}T00:00:00Z`);
    const to = Date.parse(`${String(sent?.to)}T00:00:00Z`);
    expect((to - from) / 86_400_000).toBe(6);
  });

  test('one bar per day, lots summed, scaled to the best day; totals below', async () => {
    const api = fakeApi({ 'op.revenue': ok(REVENUE) });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await typeInto(one(page, '.admin-revenue__from'), '2026-11-01');
    await typeInto(one(page, '.admin-revenue__to'), '2026-11-03');
    await tap(one(page, '.admin-revenue__query'));
    await settle();
    expect(api.sent('op.revenue')[1]).toEqual({
      from: '2026-11-01',
      to: '2026-11-03',
      lotId: 'L1',
    });
    expect(texts(page, '.admin-revenue__label')).toEqual(['11-01', '11-02', '11-03']);
    expect(texts(page, '.admin-revenue__amount')).toEqual(['¥198.80', '¥0.00', '¥49.70']);
    const heights = all(page, '.admin-revenue__bar').map((bar) => attrOf(bar, 'style'));
    expect(heights).toEqual(['height: 100%', 'height: 0%', 'height: 25%']);
    expect(textOf(one(page, '.admin-revenue__charged'))).toBe('¥250.00');
    expect(textOf(one(page, '.admin-revenue__fee'))).toBe('¥1.50');
    expect(textOf(one(page, '.admin-revenue__net'))).toBe('¥248.50');
  });

  test('a range the server refuses shows its message; a malformed date is refused here', async () => {
    const api = fakeApi({ 'op.revenue': refused('RANGE_TOO_LONG', '日期范围最多 92 天') });
    const page = renderPage(PATH);
    await settle();
    expect(textOf(one(page, '.admin-revenue__error'))).toBe('日期范围最多 92 天');
    await typeInto(one(page, '.admin-revenue__from'), '11/01');
    await tap(one(page, '.admin-revenue__query'));
    await settle();
    expect(textOf(one(page, '.admin-revenue__error'))).toBe('日期格式为 YYYY-MM-DD，如 2026-11-25');
    expect(api.sent('op.revenue')).toHaveLength(1);
  });
});
