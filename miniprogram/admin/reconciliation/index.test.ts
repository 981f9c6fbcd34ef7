import { all, one, renderPage, tap, tapText, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { attrOf, settle, texts, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/reconciliation/index';

const MATCHED = {
  lotId: 'L1',
  date: '2026-11-24',
  sessions: 4,
  ours: { charged: 5000, returned: 1000, aip: 30 },
  platform: { charged: 5000, returned: 1000, aip: 30 },
  unavailable: 0,
  matched: true,
  mismatches: [],
  passes: {
    count: 0,
    ours: { charged: 0, returned: 0, aip: 0 },
    platform: { charged: 0, returned: 0, aip: 0 },
    mismatches: [],
  },
  checkedAt: 1_795_000_000,
};

const MISMATCHED = {
  ...MATCHED,
  platform: { charged: 4000, returned: 1000, aip: 24 },
  matched: false,
  mismatches: [
    {
      sessionId: 'S7',
      plate: '粤B12345',
      state: 'closed',
      ours: { charged: 2000, returned: 0, aip: 12 },
      platform: { charged: 1000, returned: 0, aip: 6 },
      fields: ['charged', 'aip'],
      answers: [],
    },
    {
      sessionId: 'S8',
      plate: '粤B54321',
      state: 'paid',
      ours: { charged: 100, returned: 0, aip: 1 },
      platform: null,
      fields: [],
      answers: [],
    },
  ],
  unavailable: 1,
};

describe('operator reconciliation', () => {
  test('checks the given day and shows both sides agreeing', async () => {
    const api = fakeApi({ 'op.reconciliation': ok(MATCHED) });
    const page = renderPage(PATH, { lotId: 'L1', date: '2026-11-24' });
    await settle();
    expect(api.sent('op.reconciliation')).toEqual([{ lotId: 'L1', date: '2026-11-24' }]);
    expect(textOf(one(page, '.admin-recon__verdict'))).toBe('账目一致');
    expect(textOf(one(page, '.admin-recon__ours'))).toBe('我方¥50.00¥10.00¥0.30');
    expect(textOf(one(page, '.admin-recon__platform'))).toBe('平台¥50.00¥10.00¥0.30');
    expect(all(page, '.admin-recon__mismatch')).toHaveLength(0);
    expect(all(page, '.admin-recon__passes')).toHaveLength(0);
  });

  test('shows the day’s pass sales apart, and a disagreeing one without opening it', async () => {
    fakeApi({
      'op.reconciliation': ok({
        ...MATCHED,
        matched: false,
        passes: {
          count: 2,
          ours: { charged: 60000, returned: 0, aip: 360 },
          platform: { charged: 30000, returned: 0, aip: 180 },
          mismatches: [
            {
              orderId: 'pay-1',
              passId: 'P1',
              plates: ['粤B61001', '粤B61002'],
              ours: { charged: 30000, returned: 0, aip: 180 },
              platform: null,
              fields: [],
              answers: [],
            },
          ],
        },
        unavailable: 1,
      }),
    });
    const navigate = jest.spyOn(wx, 'navigateTo');
    const page = renderPage(PATH, { lotId: 'L1', date: '2026-11-24' });
    await settle();
    expect(textOf(one(page, '.admin-recon__verdict'))).toBe(
      '发现 1 条差异（其中 1 条平台查询失败）',
    );
    expect(textOf(one(page, '.admin-recon__passes'))).toBe(
      '月卡销售 2 笔：我方 ¥600.00（手续费 ¥3.60），平台 ¥300.00（手续费 ¥1.80）',
    );
    expect(texts(page, '.admin-recon__state')).toEqual(['月卡销售']);
    expect(texts(page, '.admin-recon__plate')).toEqual(['粤B61001 粤B61002']);
    await tap(all(page, '.admin-recon__mismatch')[0] as never);
    expect(navigate).not.toHaveBeenCalled();
    navigate.mockRestore();
  });

  test('lists each disagreeing session with what differs, and opens it', async () => {
    fakeApi({ 'op.reconciliation': ok(MISMATCHED) });
    const navigate = jest.spyOn(wx, 'navigateTo');
    const page = renderPage(PATH, { lotId: 'L1', date: '2026-11-24' });
    await settle();
    expect(textOf(one(page, '.admin-recon__verdict'))).toBe(
      '发现 2 条差异（其中 1 条平台查询失败）',
    );
    expect(texts(page, '.admin-recon__state')).toEqual(['已离场', '已支付']);
    expect(texts(page, '.admin-recon__problem')).toEqual([
      '累计收费：我方 ¥20.00，平台 ¥10.00；累计手续费：我方 ¥0.12，平台 ¥0.06',
      '平台查询失败，未能核对',
    ]);
    await tap(all(page, '.admin-recon__mismatch')[0] as never);
    expect(navigate).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/admin/session/index?id=S7' }),
    );
    navigate.mockRestore();
  });

  test('without a date, checks the server’s today and shows its date', async () => {
    const api = fakeApi({ 'op.reconciliation': ok(MATCHED) });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.reconciliation')).toEqual([{ lotId: 'L1' }]);
    expect(attrOf(one(one(page, '.admin-recon__date'), '.t-input__control'), 'value')).toBe(
      '2026-11-24',
    );
    expect(textOf(one(page, '.admin-recon__meta'))).toContain('2026-11-24');
    await tapText(page, '.admin-recon__shift', '前一天');
    await settle();
    expect(api.sent('op.reconciliation')[1]).toEqual({ lotId: 'L1', date: '2026-11-23' });
  });

  test('moves a day back and forth, and refuses a date that is none', async () => {
    const api = fakeApi({
      'op.reconciliation': (d: { date: string }) => ok({ ...MATCHED, date: d.date }),
    });
    const page = renderPage(PATH, { lotId: 'L1', date: '2026-03-01' });
    await settle();
    await tapText(page, '.admin-recon__shift', '前一天');
    await settle();
    await tapText(page, '.admin-recon__shift', '后一天');
    await settle();
    expect(api.sent('op.reconciliation').map((d) => d.date)).toEqual([
      '2026-03-01',
      '2026-02-28',
      '2026-03-01',
    ]);
    await typeInto(one(page, '.admin-recon__date'), '2026-02-30');
    await tap(one(page, '.admin-recon__check'));
    await settle();
    expect(textOf(one(page, '.admin-recon__error'))).toBe('日期格式为 YYYY-MM-DD，如 2026-11-25');
    expect(api.sent('op.reconciliation')).toHaveLength(3);
  });

  test('a day too large to check shows the server message', async () => {
    fakeApi({
      'op.reconciliation': refused(
        'REPORT_TOO_LARGE',
        '当天需要核对的记录超过 200 条，请在对账系统中核对',
      ),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(textOf(one(page, '.admin-recon__error'))).toBe(
      '当天需要核对的记录超过 200 条，请在对账系统中核对',
    );
  });
});
