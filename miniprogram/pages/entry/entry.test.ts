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
  arrearsPayment,
  confirmPending,
  gatedLot,
  owedArrears,
  paymentStart,
  quote,
  roadLot,
  session,
  spot,
  tariff,
} from '../testing/fixtures';
import { fakeWx, type WxFakes } from '../testing/wx-fakes';
import { recordSubscribeAsks } from '../testing/subscribe-asks';
import type { GateView, SceneResolution } from '../../services/driver-types';

const PATH = '/pages/entry/entry';
let wxf: WxFakes;
beforeEach(() => (wxf = fakeWx()));
afterEach(() => wxf.restore());

const entryGate: GateView = { id: 'G-IN', lotId: 'L1', kind: 'entry', name: '1 号入口' };
const atGate = (lot = gatedLot()): SceneResolution => ({
  target: { kind: 'gate', id: 'G-IN' },
  lot,
  gate: entryGate,
  tariff: tariff(),
});
const atSpot = (): SceneResolution => ({
  target: { kind: 'spot', id: 'S1' },
  lot: roadLot(),
  spot: spot(),
  tariff: tariff(),
});

async function open(query: Record<string, string>) {
  const page = renderPage(PATH, query);
  (page.instance as unknown as { _timing: object })._timing = { delayMs: 0, attempts: 3 };
  await settle();
  return page;
}
const terms = (page: AnyComponent) => all(page, '.entry__term').map(textOf);
const action = (page: AnyComponent) => touched(one(page, '.entry__action'));
const plate = encodeURIComponent('粤B12345');

const frozen = session({
  flow: 'entry_prepay',
  state: 'frozen',
  stateLabel: '已预付',
  endTime: T0 + 86_400,
  amounts: { frozen: 5000, frozenLeft: 5000 } as never,
});

describe('entry page', () => {
  test('entry prepay: what is frozen, until when, what comes back; then the gate opens', async () => {
    const api = fakeApi({
      'scene.resolve': () => atGate(gatedLot({ entryPrepay: true })),
      'entry.prepay': () => ({
        session: session({ state: 'awaiting_prepay', flow: 'entry_prepay', pending: true }),
        payment: paymentStart(5000),
        created: true,
      }),
      'payment.confirm': () => quote({ session: frozen, next: 'settle' }),
    });
    const page = await open({ lotId: 'L1', gateId: 'G-IN', plate });
    expect(api.callsOf('scene.resolve')).toEqual([{ scene: 'g:G-IN' }]);
    expect(textOf(one(page, '.entry__title'))).toBe('入场预付');
    expect(textOf(one(page, '.entry__plate'))).toBe('粤B12345');
    expect(terms(page)).toEqual([
      '· 冻结 ¥50.00（微信支付预授权，冻结不等于扣款）',
      '· 冻结有效期 1 天，离场时结算',
      '· 离场时按实际停车费从冻结金额中扣除，剩余部分原路退回',
    ]);
    expect(textOf(action(page))).toBe('预付 ¥50.00 并入场');

    wxf.cashier.push('ok');
    await tap(action(page));
    await settle();
    expect(api.callsOf('entry.prepay')).toEqual([{ gateId: 'G-IN', plate: '粤B12345' }]);
    expect(wxf.payments).toEqual([paymentStart(5000).requestPayment]);
    expect(textOf(one(page, '.entry__done-title'))).toBe('预付成功，道闸正在开启');
    expect(all(page, '.entry__done-line').map(textOf)).toEqual([
      '已冻结 ¥50.00',
      '冻结至 2026-01-02 08:00，到期前离场结算，余额原路退回',
    ]);
    expect(all(page, '.entry__action')).toHaveLength(0);
  });

  test('a lot without prepay: check in (no plate), nothing paid', async () => {
    const api = fakeApi({
      'scene.resolve': () => atGate(),
      'entry.checkIn': () => ({ session: session(), created: true }),
    });
    const page = await open({ lotId: 'L1', gateId: 'G-IN', noPlate: '1' });
    expect(textOf(one(page, '.entry__plate'))).toBe('无牌车（专属车牌）');
    expect(textOf(action(page))).toBe('确认入场');
    await tap(action(page));
    await settle();
    expect(api.callsOf('entry.checkIn')).toEqual([{ gateId: 'G-IN', noPlate: true }]);
    expect(wxf.payments).toEqual([]);
    expect(textOf(one(page, '.entry__done-title'))).toBe('已登记入场，道闸正在开启');
    await press(page, '.entry__home');
    expect(wxf.relaunched).toEqual(['/pages/index/index']);
  });

  test('booking: hold, booking fee and no-show terms; cancel in WeChat, then paid', async () => {
    const booked = session({
      id: 'B1',
      lotId: 'R1',
      spotId: 'S1',
      flow: 'roadside_booking',
      state: 'booked',
      stateLabel: '已预订',
      holdUntil: T0 + 1800,
      amounts: { frozen: 5000, frozenLeft: 5000 } as never,
    });
    const awaiting = session({
      id: 'B1',
      flow: 'roadside_booking',
      state: 'awaiting_prepay',
      pending: true,
    });
    const api = fakeApi({
      'scene.resolve': () => atSpot(),
      'booking.create': () => ({ session: awaiting, payment: paymentStart(5000), created: true }),
      'payment.confirm': inTurn(confirmPending(), quote({ session: booked, next: 'arrive' })),
    });
    const page = await open({ lotId: 'R1', spotId: 'S1', plate });
    expect(api.callsOf('scene.resolve')).toEqual([{ scene: 's:S1' }]);
    expect(textOf(one(page, '.entry__place'))).toBe('A01 号车位');
    expect(terms(page)).toEqual([
      '· 冻结 ¥50.00（预订押金，冻结不等于扣款）',
      '· 车位为您保留 30 分钟，请在此期间到达并点击「已到达」',
      '· 到达时收取预订费 ¥2.00',
      '· 超时未到达：收取预订费 ¥2.00，其余退回',
      '· 离开时按停车费结算，剩余部分原路退回；到达前取消，冻结金额全额退回',
    ]);

    // Inside the booking tap, before the cashier: the release reminder, receipt, refused notice.
    const subscribe = recordSubscribeAsks(wxf);
    wxf.cashier.push('cancel');
    try {
      await tap(action(page));
      await settle();
    } finally {
      subscribe.restore();
    }
    expect(subscribe.asked).toEqual([
      { kinds: ['bookingReleasing', 'parkingReceipt', 'paymentFailed'], payments: 0 },
    ]);
    expect(textOf(one(page, '.entry__notice'))).toBe('您已取消支付，未扣款。可再次点击支付');
    expect(textOf(action(page))).toBe('预付 ¥50.00 并预订');

    wxf.cashier.push('ok');
    await tap(action(page));
    await settle();
    expect(api.callsOf('booking.create')).toEqual([
      { spotId: 'S1', plate: '粤B12345' },
      { spotId: 'S1', plate: '粤B12345' },
    ]);
    expect(textOf(one(page, '.entry__done-title'))).toBe('预订成功');
    expect(all(page, '.entry__done-line').map(textOf)).toContain('车位保留至 2026-01-01 08:30');
    await press(page, '.entry__see-spot');
    expect(wxf.redirected).toEqual(['/pages/roadside/roadside?lotId=R1&spotId=S1']);
  });

  test('one prepay at a time: taps during the cashier are ignored', async () => {
    const api = fakeApi({
      'scene.resolve': () => atGate(gatedLot({ entryPrepay: true })),
      'entry.prepay': () => ({ session: session(), payment: paymentStart(5000), created: true }),
      'payment.confirm': () => quote({ session: frozen, next: 'settle' }),
    });
    const page = await open({ lotId: 'L1', gateId: 'G-IN', plate });
    wxf.cashier.push('hold');
    await tap(action(page));
    await tap(action(page));
    await settle();
    expect(textOf(action(page))).toBe('处理中…');
    expect(api.callsOf('entry.prepay')).toHaveLength(1);
    wxf.release('ok');
    await settle();
    expect(wxf.payments).toHaveLength(1);
    expect(textOf(one(page, '.entry__done-title'))).toBe('预付成功，道闸正在开启');
  });

  test('scanned again after the prepay: nothing to pay, the gate opens', async () => {
    const api = fakeApi({
      'scene.resolve': () => atGate(gatedLot({ entryPrepay: true })),
      'entry.prepay': () => ({ session: frozen, created: false }),
      'payment.confirm': () => quote({ session: frozen, next: 'settle' }),
    });
    const page = await open({ lotId: 'L1', gateId: 'G-IN', plate });
    await tap(action(page));
    await settle();
    expect(api.routes()).toEqual([
      'scene.resolve',
      'arrears.check',
      'entry.prepay',
      'payment.confirm',
    ]);
    expect(wxf.payments).toEqual([]);
    expect(textOf(one(page, '.entry__done-title'))).toBe('预付成功，道闸正在开启');
  });

  test('a refusal of the server is shown and nothing is paid', async () => {
    fakeApi({
      'scene.resolve': () => atGate(gatedLot({ entryPrepay: true })),
      'entry.prepay': () => refuse('ALREADY_INSIDE', '该车辆已在场内'),
    });
    const page = await open({ lotId: 'L1', gateId: 'G-IN', plate });
    await tap(action(page));
    await settle();
    expect(textOf(one(page, '.entry__notice'))).toBe('该车辆已在场内');
    expect(wxf.payments).toEqual([]);
    expect(textOf(action(page))).toBe('预付 ¥50.00 并入场');
  });

  describe('arrears of the plate, shown first', () => {
    const owed = owedArrears();
    const check = (paid: boolean, bookingBlocked: boolean) => ({
      plate: '粤B12345',
      items: paid ? [] : [owed],
      total: paid ? 0 : 1250,
      policy: bookingBlocked ? ('require' as const) : ('remind' as const),
      bookingBlocked: !paid && bookingBlocked,
    });

    test('a lot that requires them paid: no booking until they are, then it goes on', async () => {
      let paid = false;
      const api = fakeApi({
        'scene.resolve': atSpot,
        'arrears.check': () => check(paid, true),
        'arrears.pay': () => arrearsPayment(owed),
        'arrears.confirm': () => {
          paid = true;
          return { reqsn: 'R0001', status: 'paid', arrears: { ...owed, state: 'paid' } };
        },
      });
      const page = await open({ lotId: 'R1', spotId: 'S1', plate });
      expect(api.callsOf('arrears.check')).toEqual([{ lotId: 'R1', plate: '粤B12345' }]);
      expect(textOf(one(page, '.entry__arrears-total'))).toBe('¥12.50');
      expect(textOf(one(page, '.entry__arrears-lot'))).toBe('中山路路边停车');
      expect(textOf(one(page, '.entry__arrears-note'))).toBe('本停车场要求缴清欠费后才能预订');
      expect(textOf(one(page, '.entry__action'))).toBe('缴清欠费后可预订');
      await tap(action(page));
      await settle();
      expect(api.callsOf('booking.create')).toEqual([]);
      wxf.cashier.push('ok');
      await press(page, '.entry__arrears-pay');
      await settle();
      expect(api.callsOf('arrears.pay')).toEqual([{ arrearsId: 'R-1' }]);
      expect(textOf(one(page, '.entry__notice'))).toBe('欠费已缴清');
      expect(all(page, '.entry__arrears')).toHaveLength(0);
      expect(textOf(one(page, '.entry__action'))).not.toBe('缴清欠费后可预订');
    });

    test('a lot that reminds: shown, and the driver may go on at once', async () => {
      const api = fakeApi({
        'scene.resolve': () => atGate(),
        'arrears.check': () => check(false, false),
        'entry.checkIn': () => ({ session: session(), created: true }),
      });
      const page = await open({ lotId: 'L1', gateId: 'G-IN', plate });
      expect(textOf(one(page, '.entry__arrears-note'))).toBe('请尽快缴纳，也可以先继续');
      await tap(action(page));
      await settle();
      expect(api.callsOf('entry.checkIn')).toEqual([{ gateId: 'G-IN', plate: '粤B12345' }]);
    });
  });
});
