import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fenOfYuan } from '../../services/merchant-api';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { attrOf, settle, typeInto } from '../testing/ui';

jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/merchants/index';
const CAFE = {
  id: 'm-cafe',
  lotId: 'L1',
  name: '咖啡店',
  billing: 'balance',
  active: true,
  offers: [],
  balance: { toppedUp: 5000, spent: 1000, balance: 4000 },
};
const NO_DAYS = { lotId: 'L1', from: '2026-11-27', to: '2026-12-03', items: [] };

describe("a lot's merchants", () => {
  test('新增商户 opens the editor; the saved merchant is listed; a refusal keeps the form', async () => {
    let list = [] as Array<typeof CAFE>;
    const api = fakeApi({
      'op.merchants.list': () => ok({ merchants: list }),
      'op.merchants.daily': ok(NO_DAYS),
      'op.merchants.upsert': refused('MERCHANT_INVALID', '商户信息有误，请检查后重试'),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(all(page, '.merchants__editor')).toHaveLength(0);
    await tap(one(page, '.merchants__new'));
    await settle();
    const editor = one(page, '.merchants__editor');
    await typeInto(one(editor, '.admin-merchant-editor__name'), '书店');
    await tap(one(editor, '.admin-merchant-editor__save'));
    await settle();
    expect(textOf(one(editor, '.admin-merchant-editor__error'))).toBe('商户信息有误，请检查后重试');
    api.answer('op.merchants.upsert', (d) => {
      const merchant = d.merchant as typeof CAFE;
      list = [{ ...merchant, balance: { toppedUp: 0, spent: 0, balance: 0 } }];
      return ok({ merchant, created: true });
    });
    await tap(one(editor, '.admin-merchant-editor__save'));
    await settle();
    const sent = api.sent('op.merchants.upsert');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ merchant: expect.objectContaining({ lotId: 'L1', name: '书店' }) });
    expect(textOf(one(page, '.merchants__message'))).toBe('已新增商户「书店」');
    expect(all(page, '.merchants__editor')).toHaveLength(0);
    expect(textOf(one(page, '.merchants__name'))).toBe('书店');
    // Selected, it opens again on that merchant.
    await tap(one(page, '.merchants__row'));
    await tap(one(page, '.merchants__edit'));
    await settle();
    const again = one(page, '.merchants__editor');
    expect(textOf(one(again, '.admin-merchant-editor__title'))).toBe('编辑商户');
    expect(
      attrOf(one(one(again, '.admin-merchant-editor__name'), '.t-input__control'), 'value'),
    ).toBe('书店');
  });

  test('exports the selected merchant’s statement of the days shown, as the server wrote it', async () => {
    const csv = '\uFEFF日期,车牌\r\n合计（1 笔）,\r\n';
    const api = fakeApi({
      'op.merchants.list': ok({ merchants: [CAFE] }),
      'op.merchants.daily': ok(NO_DAYS),
      'op.merchants.statement': ok({
        merchantId: 'm-cafe',
        from: '2026-11-27',
        to: '2026-12-03',
        fileName: 'merchant-m-cafe-2026-11-27_2026-12-03.csv',
        lines: 1,
        cost: 1200,
        csv,
      }),
    });
    type Callbacks = { success?: (r: object) => void };
    const writeFile = jest.fn((o: Callbacks & Record<string, unknown>) => o.success?.({}));
    jest
      .spyOn(wx, 'getFileSystemManager')
      .mockReturnValue({ writeFile } as unknown as WechatMiniprogram.FileSystemManager);
    const share = jest.fn((o: Callbacks) => o.success?.({}));
    (wx as unknown as { shareFileMessage: unknown }).shareFileMessage = share;
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(one(page, '.merchants__row'));
    expect(textOf(one(page, '.merchants__statement'))).toBe(
      '导出对账单（2026-11-27 至 2026-12-03）',
    );
    await tap(one(page, '.merchants__statement'));
    await settle();
    expect(api.sent('op.merchants.statement')).toEqual([
      { merchantId: 'm-cafe', from: '2026-11-27', to: '2026-12-03' },
    ]);
    expect(writeFile).toHaveBeenCalledWith(
      expect.objectContaining({ data: csv, encoding: 'utf8' }),
    );
    expect(share).toHaveBeenCalledWith(
      expect.objectContaining({ fileName: 'merchant-m-cafe-2026-11-27_2026-12-03.csv' }),
    );
    expect(textOf(one(page, '.merchants__message'))).toBe('已导出对账单：1 笔，合计 ¥12.00');
  });

  test('shows balances; a top-up retried after a failure keeps its request id', async () => {
    const api = fakeApi({
      'op.merchants.list': ok({ merchants: [CAFE] }),
      'op.merchants.daily': ok(NO_DAYS),
      'op.merchants.topup': refused('NETWORK', '网络不稳定，请检查网络后重试'),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.merchants.list')).toEqual([{ lotId: 'L1' }]);
    expect(textOf(one(page, '.merchants__balance'))).toBe('余额 ¥40.00');
    expect(textOf(one(page, '.merchants__billing'))).toBe('预充值');

    await tap(one(page, '.merchants__row'));
    await tap(one(page, '.merchants__top-up'));
    expect(textOf(one(page, '.merchants__error'))).toBe('请输入充值金额（元，最多两位小数）');
    await typeInto(one(page, '.merchants__amount'), '100.5');
    await tap(one(page, '.merchants__top-up'));
    expect(textOf(one(page, '.merchants__error'))).toBe('请填写充值说明，如 收款单号');
    await typeInto(one(page, '.merchants__reason'), '收款单 A001');
    await tap(one(page, '.merchants__top-up'));
    await settle();
    expect(textOf(one(page, '.merchants__error'))).toBe('网络不稳定，请检查网络后重试');

    api.answer(
      'op.merchants.topup',
      ok({ outcome: 'applied', balance: { ...CAFE.balance, balance: 14050 } }),
    );
    await tap(one(page, '.merchants__top-up'));
    await settle();
    const sent = api.sent('op.merchants.topup');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ merchantId: 'm-cafe', amount: 10050, reason: '收款单 A001' });
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    expect(textOf(one(page, '.merchants__message'))).toBe('充值成功，余额 ¥140.50');
    expect(all(page, '.merchants__top-up')).toHaveLength(0);
  });

  test('invites a merchant manager with a one-time code and its QR', async () => {
    const api = fakeApi({
      'op.merchants.list': ok({ merchants: [CAFE] }),
      'op.merchants.daily': ok(NO_DAYS),
      'op.merchants.invite': ok({
        code: 'AB12CD34EF',
        scene: 'm:AB12CD34EF',
        url: 'https://example.test/?scene=m%3AAB12CD34EF',
        // 2026-12-06 12:00 China time.
        expiresAt: 1_796_529_600,
        image: 'data:image/png;base64,AAAA',
      }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(all(page, '.merchants__invite')).toHaveLength(0);
    await tap(one(page, '.merchants__row'));
    await tap(all(page, '.merchants__role')[1]!);
    await tap(one(page, '.merchants__invite'));
    await settle();
    expect(api.sent('op.merchants.invite')).toEqual([
      { merchantId: 'm-cafe', role: 'manager', hours: 72 },
    ]);
    expect(textOf(one(page, '.merchants__made-title'))).toBe('商户管理员邀请码');
    expect(textOf(one(page, '.merchants__code'))).toBe('AB12CD34EF');
    expect(attrOf(one(page, '.merchants__qr'), 'src')).toBe('data:image/png;base64,AAAA');
    expect(textOf(one(page, '.merchants__message'))).toBe(
      '已生成商户管理员邀请，请让对方在小程序中扫码',
    );
  });

  test('per merchant per day: the server’s range, newest day first, with the cost', async () => {
    const api = fakeApi({
      'op.merchants.list': ok({ merchants: [CAFE] }),
      'op.merchants.daily': ok({
        ...NO_DAYS,
        items: [
          {
            merchantId: 'm-cafe',
            merchantName: '咖啡店',
            date: '2026-12-02',
            given: 3,
            charged: 2,
            cost: 2000,
          },
          {
            merchantId: 'm-cafe',
            merchantName: '咖啡店',
            date: '2026-12-03',
            given: 1,
            charged: 1,
            cost: 1000,
          },
        ],
      }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.merchants.daily')).toEqual([{ lotId: 'L1' }]);
    expect(textOf(one(page, '.merchants__daily-title'))).toBe(
      '每日优惠（2026-11-27 至 2026-12-03）',
    );
    const texts = (cls: string) => all(page, cls).map(textOf);
    expect(texts('.merchants__day-date')).toEqual(['2026-12-03', '2026-12-02']);
    expect(texts('.merchants__day-cost')).toEqual(['¥10.00', '¥20.00']);
    expect(texts('.merchants__day-count')).toEqual([
      '发放 1 笔，已结算 1 笔',
      '发放 3 笔，已结算 2 笔',
    ]);
  });

  test('yuan as typed to fen', () => {
    expect(fenOfYuan('12')).toBe(1200);
    expect(fenOfYuan('12.5')).toBe(1250);
    expect(fenOfYuan(' 0.01 ')).toBe(1);
    for (const bad of ['0', '1.234', '-5', 'abc', '', '1e3'])
      expect(fenOfYuan(bad)).toBeUndefined();
  });
});
