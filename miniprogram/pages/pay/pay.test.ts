jest.mock('../../services/transport', () =>
  jest.requireActual('../testing/shared-transport').sharedTransportModule(),
);
jest.mock('../../services/subscribe', () =>
  jest.requireActual('../testing/shared-subscribe').sharedSubscribeModule(),
);
import {
  all,
  one,
  press,
  renderPage,
  tap,
  textOf,
  touched,
  type AnyComponent,
} from '../../test-support';
import { fakeApi, inTurn, refuse, settle } from '../testing/fake-api';
import {
  T0,
  confirmPaid,
  confirmPending,
  gatedLot,
  paymentStart,
  quote,
  session,
} from '../testing/fixtures';
import { fakeWx, type WxFakes } from '../testing/wx-fakes';
import { recordSubscribeAsks } from '../testing/subscribe-asks';

const PATH = '/pages/pay/pay';
let wxf: WxFakes;
beforeEach(() => (wxf = fakeWx()));
afterEach(() => wxf.restore());

async function open(query: Record<string, string>) {
  const page = renderPage(PATH, query);
  (page.instance as unknown as { _timing: object })._timing = { delayMs: 0, attempts: 3 };
  await settle();
  return page;
}
const notice = (page: AnyComponent) => textOf(one(page, '.pay__notice'));
const action = (page: AnyComponent) => touched(one(page, '.pay__action'));

describe('exit payment page', () => {
  test('loading until the quote comes; a refusal replaces it with the message', async () => {
    fakeApi({ 'session.quote': () => refuse('SESSION_NOT_FOUND', '未找到停车记录') });
    const page = renderPage(PATH, { sessionId: 'GONE' });
    expect(textOf(one(page, '.pay__loading'))).toBe('加载中…');
    await settle();
    expect(all(page, '.pay__loading')).toHaveLength(0);
    expect(notice(page)).toBe('未找到停车记录');
  });

  test('shows duration, the fee with its tariff lines, and what is due', async () => {
    const api = fakeApi({ 'session.quote': () => quote() });
    const page = await open({ gateId: 'G-OUT', plate: encodeURIComponent('粤B12345') });
    expect(api.callsOf('session.quote')).toEqual([{ gateId: 'G-OUT', plate: '粤B12345' }]);
    expect(textOf(one(page, '.pay__plate'))).toBe('粤B12345');
    expect(textOf(one(page, '.pay__in-time'))).toBe('2026-01-01 08:00');
    expect(textOf(one(page, '.pay__duration'))).toBe('2 小时');
    expect(textOf(one(page, '.pay__due'))).toBe('¥10.00');
    // No ¥0.00 line, no total repeated (driver-format feeLineViews).
    expect(all(one(page, '.pay__lines'), '.fee-lines__line').map(textOf)).toEqual([
      '08:00-20:00 2 小时 × ¥5.00¥10.00',
    ]);
    expect(textOf(action(page))).toBe('支付 ¥10.00');
  });

  test('pay: WeChat cashier with the server sheet, live status until paid, gate opening', async () => {
    const api = fakeApi({
      'session.quote': () => quote(),
      'exit.pay': () => ({ kind: 'payment', session: session(), payment: paymentStart() }),
      'payment.confirm': inTurn(confirmPending(), confirmPaid()),
    });
    const page = await open({ sessionId: 'SESS1' });
    wxf.cashier.push('ok');
    await tap(action(page));
    await settle();
    expect(api.callsOf('exit.pay')).toEqual([{ sessionId: 'SESS1' }]);
    expect(wxf.payments).toEqual([paymentStart().requestPayment]);
    expect(api.callsOf('payment.confirm')).toEqual([
      { sessionId: 'SESS1' },
      { sessionId: 'SESS1' },
    ]);
    expect(textOf(one(page, '.pay__opened'))).toContain('道闸正在开启');
    expect(textOf(one(page, '.pay__leave-by'))).toBe(`请于 2026-01-01 10:15 前离场`);
    expect(textOf(one(page, '.pay__charged'))).toBe('¥10.00');
    expect(all(page, '.pay__action')).toHaveLength(0);
    await press(page, '.pay__receipt');
    expect(wxf.navigated).toEqual(['/pages/receipt/receipt?sessionId=SESS1']);
  });

  test('the pay tap asks for the receipt and a refused payment notice, before the cashier', async () => {
    const subscribe = recordSubscribeAsks(wxf);
    try {
      fakeApi({
        'session.quote': () => quote(),
        'exit.pay': () => ({ kind: 'payment', session: session(), payment: paymentStart() }),
        'payment.confirm': () => confirmPaid(),
      });
      const page = await open({ sessionId: 'SESS1' });
      expect(subscribe.asked).toEqual([]);
      wxf.cashier.push('ok');
      await tap(action(page));
      await settle();
      expect(subscribe.asked).toEqual([
        { kinds: ['parkingReceipt', 'paymentFailed'], payments: 0 },
      ]);
      expect(wxf.payments).toHaveLength(1);
      expect(textOf(one(page, '.pay__opened'))).toContain('道闸正在开启');
    } finally {
      subscribe.restore();
    }
  });

  test('no second payment while one runs: the button is off and taps are ignored', async () => {
    const api = fakeApi({
      'session.quote': () => quote(),
      'exit.pay': () => ({ kind: 'payment', session: session(), payment: paymentStart() }),
      'payment.confirm': () => confirmPaid(),
    });
    const page = await open({ sessionId: 'SESS1' });
    wxf.cashier.push('hold');
    await tap(action(page));
    await settle();
    expect(textOf(action(page))).toBe('处理中…');
    expect(notice(page)).toBe('请在微信支付中完成付款…');
    await tap(action(page));
    await tap(action(page));
    await settle();
    expect(api.callsOf('exit.pay')).toHaveLength(1);
    expect(wxf.payments).toHaveLength(1);
    wxf.release('ok');
    await settle();
    expect(textOf(one(page, '.pay__opened'))).toContain('道闸正在开启');
  });

  test('cancel in WeChat: nothing taken, the same sheet offered again, then paid', async () => {
    const api = fakeApi({
      'session.quote': () => quote(),
      'exit.pay': () => ({ kind: 'payment', session: session(), payment: paymentStart() }),
      'payment.confirm': inTurn(confirmPending(), confirmPending(), confirmPaid()),
    });
    const page = await open({ sessionId: 'SESS1' });
    wxf.cashier.push('cancel');
    await tap(action(page));
    await settle();
    expect(notice(page)).toBe('您已取消支付，未扣款。可再次点击支付');
    expect(api.callsOf('payment.confirm')).toHaveLength(1);
    expect(all(page, '.pay__opened')).toHaveLength(0);
    expect(textOf(action(page))).toBe('支付 ¥10.00');

    wxf.cashier.push('ok');
    await tap(action(page));
    await settle();
    expect(api.callsOf('exit.pay')).toHaveLength(1);
    expect(wxf.payments).toEqual([paymentStart().requestPayment, paymentStart().requestPayment]);
    expect(textOf(one(page, '.pay__opened'))).toContain('道闸正在开启');
  });

  test('a cancel that closed the order: the fee is still due, paying again asks a new sheet', async () => {
    const api = fakeApi({
      'session.quote': () => quote(),
      'exit.pay': () => ({ kind: 'payment', session: session(), payment: paymentStart() }),
      'payment.confirm': inTurn(quote(), confirmPaid()),
    });
    const page = await open({ sessionId: 'SESS1' });
    wxf.cashier.push('cancel');
    await tap(action(page));
    await settle();
    expect(notice(page)).toBe('您已取消支付，未扣款。可再次点击支付');
    expect(all(page, '.pay__opened')).toHaveLength(0);
    expect(textOf(action(page))).toBe('支付 ¥10.00');
    wxf.cashier.push('ok');
    await tap(action(page));
    await settle();
    expect(api.callsOf('exit.pay')).toHaveLength(2);
    expect(textOf(one(page, '.pay__opened'))).toContain('道闸正在开启');
  });

  test('refused by WeChat: a clear message, no gate', async () => {
    fakeApi({
      'session.quote': () => quote(),
      'exit.pay': () => ({ kind: 'payment', session: session(), payment: paymentStart() }),
      'payment.confirm': () => confirmPending(),
    });
    const page = await open({ sessionId: 'SESS1' });
    wxf.cashier.push('余额不足');
    await tap(action(page));
    await settle();
    expect(notice(page)).toBe('支付未成功，未扣款。请更换支付方式后重试');
    expect(all(page, '.pay__opened')).toHaveLength(0);
  });

  test('a cancel that was paid after all counts as paid', async () => {
    fakeApi({
      'session.quote': () => quote(),
      'exit.pay': () => ({ kind: 'payment', session: session(), payment: paymentStart() }),
      'payment.confirm': () => confirmPaid(),
    });
    const page = await open({ sessionId: 'SESS1' });
    wxf.cashier.push('cancel');
    await tap(action(page));
    await settle();
    expect(textOf(one(page, '.pay__opened'))).toContain('道闸正在开启');
  });

  test('timeout: still unconfirmed after every poll, the driver is told not to pay again', async () => {
    const api = fakeApi({
      'session.quote': () => quote(),
      'exit.pay': () => ({ kind: 'payment', session: session(), payment: paymentStart() }),
      'payment.confirm': () => ({ ...confirmPending(), payment: undefined }),
    });
    const page = await open({ sessionId: 'SESS1' });
    wxf.cashier.push('ok');
    await tap(action(page));
    await settle(60);
    expect(api.callsOf('payment.confirm')).toHaveLength(3);
    expect(notice(page)).toBe('支付结果确认中，请勿重复支付。稍后可在「我的停车」查看');
    expect(textOf(action(page))).toBe('刷新支付结果');
    expect(all(page, '.pay__opened')).toHaveLength(0);
  });

  test('entry prepay: settled from the freeze, nothing to pay in WeChat', async () => {
    const frozen = session({
      flow: 'entry_prepay',
      state: 'frozen',
      stateLabel: '已预付',
      amounts: { frozen: 5000, frozenLeft: 5000 } as never,
    });
    const api = fakeApi({
      'session.quote': inTurn(
        quote({ session: frozen, next: 'settle' }),
        quote({
          session: session({ state: 'paid', stateLabel: '已支付', mayLeaveUntil: T0 + 8100 }),
          charged: 1000,
          due: 0,
          next: 'leave',
          mayLeave: { allowed: true, reason: 'paid', text: '已支付，请离场' },
        }),
      ),
      'exit.pay': () => ({ kind: 'paid', session: frozen }),
    });
    const page = await open({ sessionId: 'SESS1' });
    expect(textOf(one(page, '.pay__frozen'))).toBe('¥50.00');
    expect(textOf(action(page))).toBe('结算并离场');
    await tap(action(page));
    await settle();
    expect(api.routes()).toEqual(['session.quote', 'exit.pay', 'session.quote']);
    expect(wxf.payments).toEqual([]);
    expect(textOf(one(page, '.pay__opened'))).toContain('道闸正在开启');
    // One message, worded for what happened: settled from the freeze, not paid.
    expect(notice(page)).toBe('已从预付冻结金额中结算，道闸正在开启');
  });

  test('back after a timeout: refresh asks the platform, and an unpaid sheet is offered again', async () => {
    const api = fakeApi({
      'session.quote': () => ({ ...confirmPending(), payment: undefined }),
      'payment.confirm': inTurn(confirmPending(), confirmPaid()),
    });
    const page = await open({ sessionId: 'SESS1' });
    expect(textOf(action(page))).toBe('刷新支付结果');
    await tap(action(page));
    await settle();
    expect(notice(page)).toBe('尚未完成支付，可点击支付');
    expect(wxf.payments).toEqual([]);
    expect(textOf(action(page))).toBe('支付 ¥10.00');
    wxf.cashier.push('ok');
    await tap(action(page));
    await settle();
    expect(wxf.payments).toEqual([paymentStart().requestPayment]);
    expect(api.routes()).toEqual(['session.quote', 'payment.confirm', 'payment.confirm']);
    expect(textOf(one(page, '.pay__opened'))).toContain('道闸正在开启');
  });

  test('a session not found is said plainly', async () => {
    fakeApi({ 'session.quote': () => refuse('NOT_INSIDE', '未找到在场记录，请核对车牌') });
    const page = await open({ gateId: 'G-OUT', noPlate: '1' });
    expect(notice(page)).toBe('未找到在场记录，请核对车牌');
    expect(all(page, '.pay__action')).toHaveLength(0);
  });

  test('two cars at the exit: the driver chooses by plate, and the payment names the exit gate', async () => {
    const older = quote({ session: session({ id: 'OLD1', plate: '粤B11111' }), due: 1200 });
    const newer = quote({ session: session({ id: 'NEW1', plate: '粤B22222', inTime: T0 + 3600 }) });
    const api = fakeApi({
      'exit.choices': () => ({
        lot: gatedLot(),
        gate: { id: 'G-OUT', lotId: 'L1', kind: 'exit', name: '1 号出口' },
        choices: [newer, older],
      }),
      'exit.pay': () => ({
        kind: 'payment',
        session: session({ id: 'NEW1' }),
        payment: paymentStart(),
      }),
      'payment.confirm': () => confirmPaid(),
    });
    const page = await open({ gateId: 'G-OUT', choose: '1' });
    expect(api.callsOf('exit.choices')).toEqual([{ gateId: 'G-OUT' }]);
    expect(notice(page)).toBe('您在本停车场有多辆车，请选择要离场的车辆');
    const rows = all(page, '.pay__choice');
    expect(rows.map((r) => textOf(one(r, '.t-cell__title')))).toEqual([
      expect.stringMatching(/^粤B22222/),
      expect.stringMatching(/^粤B11111/),
    ]);
    expect(textOf(rows[1]!)).toContain('应付 ¥12.00');
    expect(all(page, '.pay__action')).toHaveLength(0);
    await press(page, '.pay__choice', textOf(rows[0]!));
    expect(all(page, '.pay__choice')).toHaveLength(0);
    expect(textOf(one(page, '.pay__plate'))).toBe('粤B22222');
    wxf.cashier.push('ok');
    await tap(action(page));
    await settle();
    expect(api.callsOf('exit.pay')).toEqual([{ sessionId: 'NEW1', gateId: 'G-OUT' }]);
  });

  test('a paid car past its leave window: the tag says 待补缴 beside what is due, never 已支付', async () => {
    const overdue = session({ state: 'paid', stateLabel: '已支付', mayLeaveUntil: T0 + 8100 });
    fakeApi({
      'session.quote': () =>
        quote({
          session: overdue,
          charged: 1000,
          due: 500,
          next: 'pay',
          mayLeave: { allowed: false, reason: 'grace_expired', text: '已超过缴费后的离场时限' },
        }),
    });
    const page = await open({ sessionId: 'SESS1' });
    expect(textOf(one(page, '.pay__state'))).toBe('待补缴');
    expect(textOf(one(page, '.pay__due'))).toBe('¥5.00');
    expect(textOf(action(page))).toBe('支付 ¥5.00');
  });
});
