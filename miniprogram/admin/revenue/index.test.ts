import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { attrOf, settle, texts, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/revenue/index';

type Callbacks = { success?: (res: object) => void; fail?: (err: { errMsg: string }) => void };

const NO_PASSES = { count: 0, charged: 0, handlingFee: 0 };
const row = (date: string, lotId: string, charged: number, fee: number, passes = NO_PASSES) => ({
  date,
  lotId,
  charged,
  returned: 0,
  handlingFee: fee,
  net: charged - fee,
  passes,
  arrears: 0,
  discounts: 0,
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
  totals: {
    charged: 25_000,
    returned: 0,
    handlingFee: 150,
    net: 24_850,
    arrears: 1_200,
    discounts: 1_000,
  },
  passes: NO_PASSES,
};

describe('operator revenue', () => {
  // Walkthrough defect: the default range was the phone's last 7 days, which left out the lot's
  // today when the phone's date was behind the server's.
  test('asks the server for its default range (up to its today) and shows it', async () => {
    const api = fakeApi({ 'op.revenue': ok(REVENUE) });
    const page = renderPage(PATH);
    await settle();
    expect(api.sent('op.revenue')).toEqual([{}]);
    const shown = (selector: string) =>
      attrOf(one(one(page, selector), '.t-input__control'), 'value');
    expect(shown('.admin-revenue__from')).toBe('2026-11-01');
    expect(shown('.admin-revenue__to')).toBe('2026-11-03');
    expect(texts(page, '.admin-revenue__label')).toEqual(['11-01', '11-02', '11-03']);
  });

  test('a range typed while the default loads wins over the late default answer', async () => {
    let release: (v: unknown) => void = () => undefined;
    const late = new Promise((resolve) => (release = resolve));
    const api = fakeApi({
      'op.revenue': (d: Record<string, unknown>) =>
        d.from === undefined
          ? (late as Promise<never>)
          : ok({ ...REVENUE, from: '2026-11-03', to: '2026-11-03', rows: REVENUE.rows.slice(3) }),
    });
    const page = renderPage(PATH);
    await settle();
    await typeInto(one(page, '.admin-revenue__from'), '2026-11-03');
    await typeInto(one(page, '.admin-revenue__to'), '2026-11-03');
    await tap(one(page, '.admin-revenue__query'));
    await settle();
    release(ok(REVENUE));
    await settle();
    expect(api.sent('op.revenue')).toEqual([{}, { from: '2026-11-03', to: '2026-11-03' }]);
    expect(texts(page, '.admin-revenue__label')).toEqual(['11-03']);
    const shown = (selector: string) =>
      attrOf(one(one(page, selector), '.t-input__control'), 'value');
    expect([shown('.admin-revenue__from'), shown('.admin-revenue__to')]).toEqual([
      '2026-11-03',
      '2026-11-03',
    ]);
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
    // Issue 14: arrears recovered are part of what was charged; merchants' discounts are apart.
    expect(textOf(one(page, '.admin-revenue__arrears'))).toBe('¥12.00');
    expect(textOf(one(page, '.admin-revenue__discounts'))).toBe('¥10.00');
  });

  test('pass sales are their own kind: apart from parking, in the day’s bar and the sum', async () => {
    const sale = { count: 1, charged: 30_000, handlingFee: 180 };
    fakeApi({
      'op.revenue': ok({
        ...REVENUE,
        rows: [row('2026-11-01', 'L1', 0, 0), row('2026-11-02', 'L1', 5_000, 30, sale)],
        totals: {
          charged: 5_000,
          returned: 0,
          handlingFee: 30,
          net: 4_970,
          arrears: 0,
          discounts: 0,
        },
        passes: sale,
      }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(texts(page, '.admin-revenue__amount')).toEqual(['¥0.00', '¥347.90']);
    expect(textOf(one(page, '.admin-revenue__charged'))).toBe('¥50.00');
    expect(textOf(one(page, '.admin-revenue__pass-count'))).toBe('1 笔');
    expect(textOf(one(page, '.admin-revenue__pass-charged'))).toBe('¥300.00');
    expect(textOf(one(page, '.admin-revenue__pass-fee'))).toBe('¥1.80');
    expect(textOf(one(page, '.admin-revenue__pass-net'))).toBe('¥298.20');
    expect(textOf(one(page, '.admin-revenue__all-net'))).toBe('¥347.90');
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

  test('导出 CSV writes the range’s payments (BOM included) to a file and shares it', async () => {
    const csv = '\uFEFF日期,时间\r\n合计（0 笔）,\r\n';
    const api = fakeApi({
      'op.revenue': ok(REVENUE),
      'op.revenue.export': ok({
        from: '2026-11-01',
        to: '2026-11-03',
        fileName: 'payments-2026-11-01_2026-11-03.csv',
        lines: 0,
        csv,
      }),
    });
    const writeFile = jest.fn((o: Callbacks & Record<string, unknown>) => o.success?.({}));
    const files = jest
      .spyOn(wx, 'getFileSystemManager')
      .mockReturnValue({ writeFile } as unknown as WechatMiniprogram.FileSystemManager);
    const share = jest.fn((o: Callbacks) => o.success?.({}));
    (wx as unknown as { shareFileMessage: unknown }).shareFileMessage = share;
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(textOf(one(page, '.admin-revenue__export'))).toContain('2026-11-01 至 2026-11-03');
    await tap(one(page, '.admin-revenue__export'));
    await settle();
    expect(api.sent('op.revenue.export')).toEqual([
      { from: '2026-11-01', to: '2026-11-03', lotId: 'L1' },
    ]);
    const path = `${wx.env.USER_DATA_PATH}/payments-2026-11-01_2026-11-03.csv`;
    expect(writeFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: path, data: csv, encoding: 'utf8' }),
    );
    expect(share).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: path, fileName: 'payments-2026-11-01_2026-11-03.csv' }),
    );
    files.mockRestore();
    delete (wx as unknown as { shareFileMessage?: unknown }).shareFileMessage;
  });

  test('an export the server refuses says why', async () => {
    fakeApi({
      'op.revenue': ok(REVENUE),
      'op.revenue.export': refused('REPORT_TOO_LARGE', '数据量过大，请缩小日期范围'),
    });
    const toast = jest.spyOn(wx, 'showToast');
    const page = renderPage(PATH);
    await settle();
    await tap(one(page, '.admin-revenue__export'));
    await settle();
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '数据量过大，请缩小日期范围' }),
    );
    toast.mockRestore();
  });
});
