jest.mock('../../services/transport', () =>
  jest.requireActual('../testing/shared-transport').sharedTransportModule(),
);
// The page's isolated registry and this test share one settings module (the template ids).
jest.mock('../../services/subscribe', () =>
  jest.requireActual('../testing/shared-subscribe').sharedSubscribeModule(),
);
import { all, one, press, renderPage, textOf } from '../../test-support';
import { fakeApi, inTurn, settle } from '../testing/fake-api';
import { type WxFakes, fakeWx } from '../testing/wx-fakes';
import { SUBSCRIBE_TEMPLATES } from '../../services/subscribe';
import type { PassOrderView, PassView } from '../../services/pass-types';

const PATH = '/pages/passes/passes';
let wxf: WxFakes;
beforeEach(() => (wxf = fakeWx()));
afterEach(() => wxf.restore());

const PAY = {
  timeStamp: '1',
  nonceStr: 'n',
  package: 'prepay_id=x',
  signType: 'RSA',
  paySign: 's',
};
const pass = (extra: Partial<PassView> = {}): PassView => ({
  id: 'P1',
  lotId: 'L1',
  planId: 'plan-1',
  planName: '标准月卡',
  periodText: '1 个月',
  plates: ['粤B12345', '粤B54321'],
  spaces: 1,
  graceDays: 3,
  source: 'driver',
  startAt: 1,
  endAt: 2,
  endText: '2026-01-05 10:00',
  standing: 'valid',
  standingText: '有效',
  daysLeft: 12,
  orders: 1,
  ...extra,
});
const order = (extra: Partial<PassOrderView> = {}): PassOrderView => ({
  reqsn: 'R1',
  lotId: 'L1',
  passId: 'P1',
  kind: 'buy',
  kindText: '购买月卡',
  plates: ['粤B12345'],
  planName: '标准月卡',
  periodText: '1 个月',
  amount: 30000,
  status: 'accepted',
  statusText: '待支付',
  createdAt: 1,
  applied: false,
  ...extra,
});
const texts = (page: ReturnType<typeof renderPage>, selector: string) =>
  all(page, selector).map(textOf);

describe('my passes page', () => {
  test('shows days left, plates and receipts; grace and revoked read as such', async () => {
    fakeApi({
      'passes.mine': () => ({
        passes: [
          pass(),
          pass({
            id: 'P2',
            standing: 'grace',
            standingText: '已过期（宽限期内）',
            graceDaysLeft: 2,
          }),
          pass({ id: 'P3', standing: 'revoked', standingText: '已作废', revokeReason: '转让' }),
        ],
        orders: [order({ status: 'paid', statusText: '支付成功', applied: true })],
      }),
    });
    const page = renderPage(PATH);
    await settle();
    expect(texts(page, '.passes__left')).toEqual(['剩余 12 天', '宽限期剩余 2 天', '已作废']);
    expect(texts(page, '.passes__plates')[0]).toBe('粤B12345、粤B54321');
    expect(all(page, '.passes__renew')).toHaveLength(2);
    expect(textOf(one(page, '.passes__revoked'))).toBe('作废原因：转让');
    expect(textOf(one(page, '.passes__receipt'))).toContain('¥300.00');
    expect(textOf(one(page, '.passes__receipt'))).toContain('支付成功');
  });

  test('buys a pass of the lot: cashier, then confirmed by the server before it shows', async () => {
    const api = fakeApi({
      'passes.mine': inTurn(
        { passes: [], orders: [] },
        { passes: [pass()], orders: [order({ status: 'paid', applied: true })] },
      ),
      'passes.plans': () => ({
        lot: { id: 'L1', name: '科技园停车场' },
        plans: [
          {
            id: 'plan-1',
            lotId: 'L1',
            name: '标准月卡',
            period: { kind: 'month' },
            periodText: '1 个月',
            price: 30000,
            spaces: 1,
            maxPlates: 2,
            graceDays: 3,
            online: true,
            active: true,
          },
        ],
      }),
      'passes.buy': () => ({
        order: order(),
        payment: { reqsn: 'R1', amount: 30000, requestPayment: PAY },
      }),
      'passes.confirm': () => ({
        order: order({ status: 'paid', applied: true }),
        pass: pass(),
      }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(textOf(one(page, '.passes__plan-option'))).toContain('¥300.00');
    const input = one(page, '.passes__plates-input');
    input.dispatchEvent('input', { detail: { value: '粤b12345，粤B54321' } });
    await settle();
    await press(page, '.passes__buy');
    await settle();
    expect(api.callsOf('passes.buy')).toEqual([
      { planId: 'plan-1', plates: ['粤B12345', '粤B54321'] },
    ]);
    expect(wxf.payments).toHaveLength(1);
    expect(api.callsOf('passes.confirm')).toEqual([{ reqsn: 'R1' }]);
    expect(textOf(one(page, '.passes__notice'))).toBe('支付成功，月卡有效期至 2026-01-05 10:00');
    expect(texts(page, '.passes__left')).toEqual(['剩余 12 天']);
  });

  test('asks for the receipt message before the cashier, and goes on whatever the answer', async () => {
    const asked: unknown[] = [];
    const target = wx as unknown as Record<string, unknown>;
    const saved = target.requestSubscribeMessage;
    target.requestSubscribeMessage = (o: { tmplIds: string[]; complete?: () => void }) => {
      asked.push({ tmplIds: o.tmplIds, payments: wxf.payments.length });
      o.complete?.();
    };
    SUBSCRIBE_TEMPLATES.passReceipt = 'tmpl-pass-receipt';
    try {
      fakeApi({
        'passes.mine': () => ({ passes: [pass()], orders: [] }),
        'passes.renew': () => ({
          order: order({ kind: 'renew' }),
          payment: { reqsn: 'R3', amount: 30000, requestPayment: PAY },
        }),
        'passes.confirm': () => ({ order: order({ status: 'paid', applied: true }), pass: pass() }),
      });
      const page = renderPage(PATH);
      await settle();
      await press(page, '.passes__renew');
      await settle();
      expect(asked).toEqual([{ tmplIds: ['tmpl-pass-receipt'], payments: 0 }]);
      expect(wxf.payments).toHaveLength(1);
    } finally {
      SUBSCRIBE_TEMPLATES.passReceipt = '';
      target.requestSubscribeMessage = saved;
    }
  });

  test('a cancelled cashier is asked about once and says so', async () => {
    wxf.cashier.push('cancel');
    const api = fakeApi({
      'passes.mine': () => ({ passes: [pass()], orders: [] }),
      'passes.renew': () => ({
        order: order({ kind: 'renew' }),
        payment: { reqsn: 'R2', amount: 30000, requestPayment: PAY },
      }),
      'passes.confirm': () => ({ order: order({ reqsn: 'R2' }) }),
    });
    const page = renderPage(PATH);
    await settle();
    await press(page, '.passes__renew');
    await settle();
    expect(api.callsOf('passes.renew')).toEqual([{ passId: 'P1' }]);
    expect(api.callsOf('passes.confirm')).toEqual([{ reqsn: 'R2' }]);
    expect(textOf(one(page, '.passes__notice'))).toBe('已取消支付');
  });
});
