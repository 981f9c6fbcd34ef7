jest.mock('../../services/transport', () =>
  jest.requireActual('../testing/shared-transport').sharedTransportModule(),
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
import { fakeApi, inTurn, settle } from '../testing/fake-api';
import {
  T0,
  paymentStart,
  quote,
  receipt,
  roadLot,
  session,
  spot,
  tariff,
} from '../testing/fixtures';
import { fakeWx, type WxFakes } from '../testing/wx-fakes';
import type { SessionView } from '../../services/driver-types';

const PATH = '/pages/roadside/roadside';
let wxf: WxFakes;
beforeEach(() => (wxf = fakeWx()));
afterEach(() => wxf.restore());

async function open(query: Record<string, string>) {
  const page = renderPage(PATH, query);
  (page.instance as unknown as { _timing: object })._timing = { delayMs: 0, attempts: 3 };
  await settle();
  return page;
}

const spots = (mineState?: SessionView) => ({
  lot: roadLot(),
  tariff: tariff(),
  spots: [
    spot({
      id: 'S1',
      name: 'A01 号车位',
      status: mineState ? 'booked' : 'free',
      mine: !!mineState,
      ...(mineState && { sessionId: 'B1' }),
    }),
    spot({ id: 'S2', name: 'A02 号车位', status: 'free' }),
    spot({ id: 'S3', name: 'A03 号车位', status: 'occupied' }),
  ],
});

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
const parked = session({
  ...booked,
  state: 'parked',
  stateLabel: '停车中',
  arrivedAt: T0 + 600,
  holdUntil: undefined,
  amounts: { frozen: 5000, frozenLeft: 4800, bookingFee: 200 } as never,
});
const detailOf = (s: SessionView, next: 'arrive' | 'settle' | 'pay' = 'arrive') => ({
  receipt: receipt({ session: s }),
  quote: quote({
    session: s,
    next,
    fee: next === 'arrive' ? 0 : 500,
    durationSeconds: next === 'arrive' ? 0 : 3600,
  }),
});

const act = (page: AnyComponent, kind: string) => touched(one(page, `.roadside__act--${kind}`));

describe('roadside page', () => {
  test('spots with their state and the price; booking a free spot asks the plate', async () => {
    const api = fakeApi({ 'lot.spots': () => spots() });
    const page = await open({ lotId: 'R1', spotId: 'S2' });
    expect(api.callsOf('lot.spots')).toEqual([{ lotId: 'R1' }]);
    expect(textOf(one(page, '.roadside__lot'))).toBe('人民路路边停车');
    expect(all(page, '.roadside__spot-status').map(textOf)).toEqual(['空闲', '空闲', '占用']);
    expect(all(page, '.roadside__book')).toHaveLength(2);
    expect(all(page, '.roadside__price').map(textOf)).toEqual([
      '08:00-20:00 每 1 小时 ¥5.00',
      '15 分钟内免费',
      '24 小时最多收 ¥50.00',
      '预订费 ¥2.00，保留 30 分钟',
    ]);
    const focused = one(page, '.roadside__spot--focus');
    expect(textOf(focused)).toContain('A02 号车位');
    await tap(touched(all(page, '.roadside__book')[1] as AnyComponent));
    expect(wxf.navigated).toEqual(['/pages/plate/plate?purpose=book&lotId=R1&spotId=S2']);
  });

  test('my booked spot: hold time, then 已到达 starts parking', async () => {
    const api = fakeApi({
      'lot.spots': () => spots(booked),
      'session.detail': inTurn(detailOf(booked), detailOf(parked, 'settle')),
      'booking.arrive': () => ({ session: parked }),
    });
    const page = await open({ lotId: 'R1' });
    expect(all(page, '.roadside__spot-status').map(textOf)).toEqual(['我的', '空闲', '占用']);
    expect(textOf(one(page, '.roadside__mine-state'))).toBe('已预订');
    expect(textOf(one(page, '.roadside__mine-hold'))).toBe('2026-01-01 08:30');
    expect(textOf(one(page, '.roadside__mine-frozen'))).toBe('¥50.00');
    await tap(act(page, 'arrive'));
    await settle();
    expect(api.callsOf('booking.arrive')).toEqual([{ sessionId: 'B1' }]);
    expect(textOf(one(page, '.roadside__notice'))).toBe('已确认到达，开始计费');
    expect(textOf(one(page, '.roadside__mine-state'))).toBe('停车中');
    expect(textOf(one(page, '.roadside__mine-start'))).toBe('2026-01-01 08:10');
    expect(textOf(one(page, '.roadside__mine-duration'))).toBe('1 小时');
    expect(textOf(one(page, '.roadside__mine-fee'))).toBe('¥5.00');
    expect(all(page, '.roadside__act--leave')).toHaveLength(1);
  });

  test('cancel asks first; only 确定 cancels the booking', async () => {
    const api = fakeApi({
      'lot.spots': () => spots(booked),
      'session.detail': () => detailOf(booked),
      'booking.cancel': () => ({ session: { ...booked, state: 'cancelled', final: true } }),
    });
    const page = await open({ lotId: 'R1' });
    wxf.modals.push(false);
    await tap(act(page, 'cancel'));
    await settle();
    expect(api.callsOf('booking.cancel')).toEqual([]);
    wxf.modals.push(true);
    await tap(act(page, 'cancel'));
    await settle();
    expect(api.callsOf('booking.cancel')).toEqual([{ sessionId: 'B1' }]);
    expect(textOf(one(page, '.roadside__notice'))).toBe('预订已取消，冻结金额将原路退回');
  });

  test('离开 with a balance beyond the freeze: WeChat pays it, then settled', async () => {
    const api = fakeApi({
      'lot.spots': () => spots(parked),
      'session.detail': () => detailOf(parked, 'settle'),
      'booking.leave': () => ({ kind: 'payment', session: parked, payment: paymentStart(300) }),
      'payment.confirm': () =>
        quote({
          session: session({
            ...parked,
            state: 'closed',
            final: true,
            amounts: { paid: 300, finished: 4800, returned: 0, bookingFee: 200 } as never,
          }),
          next: 'none',
        }),
    });
    const page = await open({ lotId: 'R1' });
    wxf.cashier.push('ok');
    await tap(act(page, 'leave'));
    await settle();
    expect(api.callsOf('booking.leave')).toEqual([{ sessionId: 'B1' }]);
    expect(wxf.payments).toEqual([paymentStart(300).requestPayment]);
    expect(textOf(one(page, '.roadside__notice'))).toBe(
      '已结算：共收取 ¥51.00（含预订费 ¥2.00），退回 ¥0.00',
    );
  });

  test('离开 covered by the freeze: nothing to pay in WeChat', async () => {
    fakeApi({
      'lot.spots': () => spots(parked),
      'session.detail': () => detailOf(parked, 'settle'),
      'booking.leave': () => ({
        kind: 'paid',
        session: {
          ...parked,
          state: 'closed',
          final: true,
          amounts: { paid: 0, finished: 700, returned: 4300, bookingFee: 200 } as never,
        },
      }),
    });
    const page = await open({ lotId: 'R1' });
    await tap(act(page, 'leave'));
    await settle();
    expect(wxf.payments).toEqual([]);
    expect(textOf(one(page, '.roadside__notice'))).toBe(
      '已结算：共收取 ¥7.00（含预订费 ¥2.00），退回 ¥43.00',
    );
    await press(page, '.roadside__left-receipt');
    expect(wxf.navigated).toEqual(['/pages/receipt/receipt?sessionId=B1']);
  });

  test('离开 says first what it will settle, and only 确认离开 leaves', async () => {
    const api = fakeApi({
      'lot.spots': () => spots(parked),
      'session.detail': () => detailOf(parked, 'settle'),
      'session.quote': () =>
        quote({
          session: parked,
          next: 'settle',
          due: 500,
          settlement: { fromFreeze: 500, returned: 4300, balance: 0 },
        }),
      'booking.leave': () => ({ kind: 'paid', session: parked }),
    });
    const page = await open({ lotId: 'R1' });
    wxf.modals.push(false);
    await tap(act(page, 'leave'));
    await settle();
    expect(api.callsOf('session.quote')).toEqual([{ sessionId: 'B1' }]);
    expect(wxf.asked).toEqual([
      {
        title: '结束停车',
        content: '停车费 ¥5.00：从冻结金额中结算 ¥5.00，退回 ¥43.00。确认离开后车位释放。',
      },
    ]);
    expect(api.callsOf('booking.leave')).toEqual([]);
    wxf.modals.push(true);
    await tap(act(page, 'leave'));
    await settle();
    expect(api.callsOf('booking.leave')).toEqual([{ sessionId: 'B1' }]);
  });
});
