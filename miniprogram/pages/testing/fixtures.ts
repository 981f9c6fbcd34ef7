import type {
  ConfirmResult,
  LotView,
  PaymentStart,
  Quote,
  Receipt,
  SessionView,
  SpotView,
  TariffView,
} from '../../services/driver-types';
import type { MyArrears } from '../../services/merchant-types';

type ArrearsItem = MyArrears['items'][number];

// Answers of the `api` routes shaped as server/parking/views.ts builds them.

export const T0 = 1_767_225_600; // 2026-01-01 08:00 China time

export const gatedLot = (over: Partial<LotView> = {}): LotView => ({
  id: 'L1',
  name: '通联广场停车场',
  kind: 'gated',
  entryPrepay: false,
  prepay: { freezeAmount: 5000, freezeSeconds: 86_400 },
  road: 9,
  noPlateProvince: '粤',
  graceSeconds: 900,
  ...over,
});

export const roadLot = (over: Partial<LotView> = {}): LotView =>
  gatedLot({ id: 'R1', name: '人民路路边停车', kind: 'roadside', road: 1, ...over });

export const tariff = (over: Partial<TariffView> = {}): TariffView => ({
  name: '标准收费',
  freeMinutes: 15,
  freeDeducted: false,
  unitMinutes: 60,
  periods: [{ name: 'day', label: '08:00-20:00', pricePerUnit: 500 }],
  capPer24h: 5000,
  bookingFee: 200,
  bookingHoldMinutes: 30,
  noShow: { kind: 'booking_fee' },
  ...over,
});

export const spot = (over: Partial<SpotView> = {}): SpotView => ({
  id: 'S1',
  lotId: 'R1',
  code: 'A01',
  name: 'A01 号车位',
  status: 'free',
  mine: false,
  ...over,
});

export const session = (over: Partial<SessionView> = {}): SessionView => ({
  id: 'SESS1',
  lotId: 'L1',
  gateId: 'G-IN',
  plate: '粤B12345',
  flow: 'exit_pay',
  state: 'open',
  stateLabel: '在场',
  final: false,
  pending: false,
  inTime: T0,
  ...over,
  amounts: {
    paid: 0,
    frozen: 0,
    finished: 0,
    returned: 0,
    frozenLeft: 0,
    bookingFee: 0,
    handlingFee: 0,
    coupons: 0,
    ...over.amounts,
  },
});

export const quote = (over: Partial<Quote> = {}): Quote => ({
  session: session(),
  fee: 1000,
  lines: [
    { kind: 'free', text: '免费 15 分钟', amount: 0 },
    { kind: 'period', text: '08:00-20:00 2 小时 × ¥5.00', amount: 1000 },
    { kind: 'total', text: '合计', amount: 1000 },
  ],
  durationSeconds: 7200,
  charged: 0,
  due: 1000,
  next: 'pay',
  mayLeave: { allowed: false, reason: 'payment_required', text: '请先缴纳停车费' },
  at: T0 + 7200,
  ...over,
});

export const paymentStart = (amount = 1000): PaymentStart => ({
  reqsn: 'R20260101000001',
  amount,
  requestPayment: {
    timeStamp: '1767232800',
    nonceStr: 'n0nce',
    package: 'prepay_id=wx123',
    signType: 'RSA',
    paySign: 'c2lnbg==',
  },
});

/** payment.confirm while the pay is out (the sheet still payable). */
export const confirmPending = (over: Partial<SessionView> = {}): ConfirmResult => ({
  ...quote({
    session: session({ state: 'awaiting_payment', stateLabel: '待支付', pending: true, ...over }),
    next: 'confirm',
    mayLeave: { allowed: false, reason: 'payment_pending', text: '正在确认支付结果' },
  }),
  payment: paymentStart(),
});

/** payment.confirm once the exit pay is recorded. */
export const confirmPaid = (): ConfirmResult =>
  quote({
    session: session({
      state: 'paid',
      stateLabel: '已支付',
      paidAt: T0 + 7200,
      mayLeaveUntil: T0 + 8100,
      amounts: { paid: 1000 } as SessionView['amounts'],
    }),
    charged: 1000,
    due: 0,
    next: 'leave',
    mayLeave: { allowed: true, reason: 'paid', text: '已支付，请离场' },
  });

export const receipt = (over: Partial<Receipt> = {}): Receipt => ({
  session: session({
    state: 'closed',
    stateLabel: '已离场',
    final: true,
    outTime: T0 + 7200,
    amounts: { paid: 1000, handlingFee: 6 } as SessionView['amounts'],
  }),
  durationSeconds: 7200,
  durationText: '2 小时',
  parkingFee: 1000,
  lines: quote().lines,
  charged: 1000,
  bookingFee: 0,
  returned: 0,
  frozen: 0,
  handlingFee: 6,
  coupons: 0,
  payments: [{ kind: 'pay', purpose: 'exit', amount: 1000, status: 'succeeded', at: T0 + 7200 }],
  ...over,
});

/** Open arrears as arrears.mine lists them: a roadside hour in Nov 2026, ¥12.50 owed. */
export const owedArrears = (over: Partial<ArrearsItem> = {}): ArrearsItem => ({
  id: 'R-1',
  sessionId: 'R-1',
  lotId: 'R1',
  lotName: '中山路路边停车',
  plate: '粤B12345',
  from: 1_796_000_000,
  to: 1_796_003_600,
  fee: 1750,
  charged: 500,
  due: 1250,
  state: 'open',
  createdAt: 1_796_003_600,
  ...over,
});

/** arrears.pay's answer with a payment for the cashier. */
export const arrearsPayment = (arrears: ArrearsItem, reqsn = 'R0001') => ({
  arrears,
  payment: {
    reqsn,
    amount: arrears.due,
    requestPayment: {
      timeStamp: '1',
      nonceStr: 'n',
      package: 'prepay_id=1',
      signType: 'MD5',
      paySign: 'x',
    },
  },
});
