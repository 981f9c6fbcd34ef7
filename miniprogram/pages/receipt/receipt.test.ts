jest.mock('../../services/transport', () =>
  jest.requireActual('../testing/shared-transport').sharedTransportModule(),
);
import { all, one, press, renderPage, textOf } from '../../test-support';
import { fakeApi, refuse, settle } from '../testing/fake-api';
import { T0, gatedLot, quote, receipt, session } from '../testing/fixtures';
import { forgetLotNames } from '../../services/lot-names';
import { fakeWx, type WxFakes } from '../testing/wx-fakes';

const PATH = '/pages/receipt/receipt';
let wxf: WxFakes;
beforeEach(() => {
  wxf = fakeWx();
  forgetLotNames();
});
afterEach(() => wxf.restore());

describe('receipt page', () => {
  test('a roadside stay left owing: the arrears, and then that they were paid', async () => {
    let state: 'open' | 'paid' = 'open';
    fakeApi({
      'session.detail': () => ({
        receipt: receipt({
          parkingFee: 4000,
          charged: 3000,
          bookingFee: 200,
          frozen: 3000,
          arrears: { due: 1200, state },
        }),
      }),
    });
    const open = renderPage(PATH, { sessionId: 'SESS1' });
    await settle();
    const rows = (page: typeof open) => all(page, '.receipt__row').map(textOf);
    expect(rows(open)).toContain('欠费（待缴）¥12.00');
    state = 'paid';
    const paid = renderPage(PATH, { sessionId: 'SESS1' });
    await settle();
    expect(rows(paid)).toContain('欠费（已补缴）¥12.00');
    expect(rows(paid).join()).not.toContain('待缴');
  });

  test('a merchant discount: 停车费 before it, 商户优惠 below, 实付 what the driver paid', async () => {
    fakeApi({
      'session.detail': () => ({
        receipt: receipt({
          parkingFee: 1200,
          charged: 1200,
          handlingFee: 7,
          lines: [
            { kind: 'period', text: '计时 全天 4 小时 × ¥6.00 = ¥24.00', amount: 2400 },
            { kind: 'discount', text: '商户优惠「海岸咖啡」免 2 小时', amount: -1200 },
            { kind: 'total', text: '合计 ¥12.00', amount: 1200 },
          ],
          payments: [
            { kind: 'pay', purpose: 'exit', amount: 1200, status: 'succeeded', at: T0 + 7200 },
          ],
        }),
      }),
    });
    const page = renderPage(PATH, { sessionId: 'SESS1' });
    await settle();
    expect(all(page, '.receipt__row').map(textOf)).toEqual([
      '入场时间2026-01-01 08:00',
      '离场时间2026-01-01 10:00',
      '停车时长2 小时',
      '停车费¥24.00',
      '商户优惠-¥12.00',
      '实付¥12.00',
      '手续费（停车场承担）¥0.07',
    ]);
    expect(all(one(page, '.receipt__lines'), '.fee-lines__line').map(textOf)).toEqual([
      '计时 全天 4 小时 × ¥6.00 = ¥24.00¥24.00',
      '商户优惠「海岸咖啡」免 2 小时-¥12.00',
    ]);
  });

  test('an entry prepay: duration, charged, returned, handling fee and coupons', async () => {
    const api = fakeApi({
      'session.detail': () => ({
        receipt: receipt({
          frozen: 5000,
          returned: 4000,
          charged: 1000,
          coupons: 100,
          handlingFee: 6,
          payments: [
            { kind: 'prepay', purpose: 'entry', amount: 5000, status: 'succeeded', at: T0 },
            { kind: 'finish', purpose: 'exit', amount: 1000, status: 'succeeded', at: T0 + 7200 },
          ],
        }),
      }),
    });
    const page = renderPage(PATH, { sessionId: 'SESS1' });
    expect(textOf(one(page, '.receipt__loading'))).toBe('加载中…');
    await settle();
    expect(all(page, '.receipt__loading')).toHaveLength(0);
    expect(api.callsOf('session.detail')).toEqual([{ sessionId: 'SESS1' }]);
    expect(textOf(one(page, '.receipt__plate'))).toBe('粤B12345');
    expect(all(page, '.receipt__row').map(textOf)).toEqual([
      '入场时间2026-01-01 08:00',
      '离场时间2026-01-01 10:00',
      '停车时长2 小时',
      '停车费¥10.00',
      '实付¥9.00',
      '预付冻结¥50.00',
      '已退回¥40.00',
      '优惠¥1.00',
      '手续费（停车场承担）¥0.06',
    ]);
    // The free quarter (¥0.00) and the total (the 停车费 row) are not repeated in the breakdown.
    expect(all(one(page, '.receipt__lines'), '.fee-lines__line').map(textOf)).toEqual([
      '08:00-20:00 2 小时 × ¥5.00¥10.00',
    ]);
    expect(all(page, '.receipt__payment').map(textOf)).toEqual([
      '预付冻结 · 成功¥50.00',
      '从冻结中结算 · 成功¥10.00',
    ]);
    expect(all(page, '.receipt__continue')).toHaveLength(0);
  });

  test('a booking shows its booking fee; a live session links to where to act', async () => {
    const live = session({
      id: 'B1',
      lotId: 'R1',
      spotId: 'S1',
      flow: 'roadside_booking',
      state: 'parked',
      stateLabel: '停车中',
    });
    fakeApi({
      'session.detail': () => ({
        receipt: receipt({ session: live, bookingFee: 200, charged: 200, handlingFee: 0 }),
        quote: quote({ session: live }),
      }),
    });
    const page = renderPage(PATH, { sessionId: 'B1' });
    await settle();
    const rows = all(page, '.receipt__row').map(textOf);
    expect(rows).toContain('预订费¥2.00');
    expect(rows.some((r) => r.startsWith('手续费'))).toBe(false);
    // A t-button: the driver taps the native button inside it.
    await press(page, '.receipt__continue');
    expect(wxf.navigated).toEqual(['/pages/roadside/roadside?lotId=R1&spotId=S1']);
  });

  test('names the lot; with a coupon, 实付 and 优惠 add up to what was charged', async () => {
    const api = fakeApi({
      'session.detail': () => ({
        receipt: receipt({
          parkingFee: 3000,
          charged: 3000,
          coupons: 500,
          handlingFee: 0,
          payments: [
            { kind: 'pay', purpose: 'exit', amount: 3000, status: 'succeeded', at: T0 + 7200 },
          ],
        }),
      }),
      'scene.resolve': () => ({ target: { kind: 'lot', id: 'L1' }, lot: gatedLot() }),
    });
    const page = renderPage(PATH, { sessionId: 'SESS1' });
    await settle();
    expect(api.callsOf('scene.resolve')).toEqual([{ scene: 'l:L1' }]);
    const rows = all(page, '.receipt__row').map(textOf);
    expect(rows[0]).toBe('停车场通联广场停车场');
    expect(rows).toEqual(expect.arrayContaining(['停车费¥30.00', '实付¥25.00', '优惠¥5.00']));
  });

  test('a coupon larger than what was charged: 优惠 is what it paid, 实付 nothing', async () => {
    fakeApi({
      'session.detail': () => ({
        receipt: receipt({
          parkingFee: 300,
          charged: 300,
          coupons: 500,
          frozen: 3000,
          returned: 2700,
          handlingFee: 0,
        }),
      }),
    });
    const page = renderPage(PATH, { sessionId: 'SESS1' });
    await settle();
    const rows = all(page, '.receipt__row').map(textOf);
    expect(rows).toEqual(expect.arrayContaining(['停车费¥3.00', '实付¥0.00', '优惠¥3.00']));
  });

  test('a booking not arrived at shows its 预订费 and what came back, no parking time', async () => {
    const noShow = session({
      id: 'B2',
      lotId: 'R1',
      spotId: 'S1',
      flow: 'roadside_booking',
      state: 'no_show',
      stateLabel: '超时未到达',
      final: true,
      holdUntil: T0 + 900,
    });
    fakeApi({
      'session.detail': () => ({
        receipt: receipt({
          session: noShow,
          durationSeconds: 0,
          durationText: '0 分钟',
          parkingFee: 0,
          lines: [],
          charged: 200,
          bookingFee: 0,
          frozen: 3000,
          returned: 2800,
          handlingFee: 0,
          payments: [
            { kind: 'prepay', purpose: 'booking', amount: 3000, status: 'succeeded', at: T0 },
            { kind: 'finish', purpose: 'no_show', amount: 200, status: 'succeeded', at: T0 + 901 },
          ],
        }),
      }),
    });
    const page = renderPage(PATH, { sessionId: 'B2' });
    await settle();
    expect(all(page, '.receipt__row').map(textOf)).toEqual([
      '预订时间2026-01-01 08:00',
      '保留至2026-01-01 08:15',
      '预订费（超时未到达）¥2.00',
      '实付¥2.00',
      '预付冻结¥30.00',
      '已退回¥28.00',
    ]);
  });

  test('somebody else’s session is not found', async () => {
    fakeApi({ 'session.detail': () => refuse('SESSION_NOT_FOUND', '未找到停车记录') });
    const page = renderPage(PATH, { sessionId: 'X' });
    await settle();
    expect(textOf(one(page, '.receipt__error'))).toBe('未找到停车记录');
  });
});
