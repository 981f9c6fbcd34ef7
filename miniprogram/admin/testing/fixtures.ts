// Answers of the operator routes as the server gives them (server/operator/README.md).
import type { Dashboard, OperatorMe, SessionSummary } from '../../services/operator-types';

export const OWNER_ME: OperatorMe = {
  openid: 'oOWNER',
  canCreateLot: false,
  lots: [
    { lotId: 'L1', lotName: '科技园停车场', kind: 'gated', role: 'owner', rights: ['lot.view'] },
    {
      lotId: 'R1',
      lotName: '深南大道路边',
      kind: 'roadside',
      role: 'operator',
      rights: ['lot.view'],
    },
  ],
};

export const DASHBOARD: Dashboard = {
  date: '2026-11-25',
  at: 1_795_000_000,
  lots: [
    {
      lotId: 'L1',
      name: '科技园停车场',
      kind: 'gated',
      sessionsToday: 12,
      live: 5,
      flagged: 2,
      revenueToday: { charged: 12_350, returned: 500, handlingFee: 74, net: 12_276 },
    },
    { lotId: 'R1', name: '深南大道路边', kind: 'roadside', sessionsToday: 3, live: 1, flagged: 0 },
  ],
};

export function session(overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: 'S1',
    lotId: 'L1',
    gateId: 'G-IN',
    plate: '粤B12345',
    flow: 'exit_pay',
    state: 'open',
    stateLabel: '在场',
    final: false,
    pending: false,
    inTime: 1_795_000_000,
    amounts: {
      paid: 0,
      frozen: 0,
      finished: 0,
      returned: 0,
      frozenLeft: 0,
      bookingFee: 0,
      handlingFee: 0,
      coupons: 0,
    },
    flagged: false,
    openAnomalies: [],
    actions: ['finish', 'cancel'],
    updatedAt: 1_795_000_000,
    ...overrides,
  };
}

export const TARIFF = {
  id: 'T1',
  name: '标准收费',
  freeMinutes: 15,
  freeDeducted: false,
  unitMinutes: 60,
  periods: [
    { name: '白天', start: '08:00', pricePerUnit: 500 },
    { name: '夜间', start: '20:00', pricePerUnit: 200 },
  ],
  capPer24h: 3000,
  bookingFee: 0,
  bookingHoldMinutes: 15,
  noShow: { kind: 'booking_fee' as const },
};

export const TARIFF_VIEW = {
  name: '标准收费',
  freeMinutes: 15,
  freeDeducted: false,
  unitMinutes: 60,
  periods: [
    { name: '白天', label: '08:00–20:00', pricePerUnit: 500 },
    { name: '夜间', label: '20:00–08:00', pricePerUnit: 200 },
  ],
  capPer24h: 3000,
  bookingFee: 0,
  bookingHoldMinutes: 15,
  noShow: { kind: 'booking_fee' as const },
};

export const GATED_LOT = { id: 'L1', name: '科技园停车场', kind: 'gated', tariffId: 'T1' };
export const ROAD_LOT = { id: 'R1', name: '深南大道路边', kind: 'roadside', tariffId: 'T1' };

export const GATES = [
  { id: 'G-IN', lotId: 'L1', kind: 'entry', name: '南入口', scene: 'g:G-IN' },
  { id: 'G-OUT', lotId: 'L1', kind: 'exit', name: '南出口', scene: 'g:G-OUT' },
];

export const SPOTS = [
  { id: 'S-1', lotId: 'R1', code: 'A-001', name: '1 号', scene: 's:S-1' },
  { id: 'S-2', lotId: 'R1', code: 'A-002', name: '2 号', scene: 's:S-2' },
];

export function sessionDetail(overrides: Partial<SessionSummary> = {}) {
  const summary = session(overrides);
  return {
    session: summary,
    receipt: { durationText: '2 小时 5 分钟', charged: 0, returned: 0 },
    ...(!summary.final && {
      quote: { fee: 1000, due: 1000, durationSeconds: 7500, charged: 0 },
    }),
    calls: [
      {
        id: 'P2611251200000000000000000000',
        kind: 'pay',
        reqsn: 'P2611251200000000000000000000',
        purpose: 'exit',
        amount: 1000,
        status: 'unknown',
        requestedAt: 1_795_007_000,
      },
    ],
    history: [
      { at: 1_795_000_000, event: 'created', from: null, to: 'open' },
      { at: 1_795_007_000, event: 'pay_requested', from: 'open', to: 'awaiting_payment' },
    ],
    anomalies: [],
    tariffName: '标准收费',
    platform: [
      {
        reqsn: 'P2611251200000000000000000000',
        kind: 'pay',
        ok: true,
        trxstatus: '2000',
        outcome: 'pending',
        description: '交易处理中',
        totals: { fee: 1000, feeFinish: 0, feeBack: 0, feeAIP: 6 },
      },
    ],
    queriedAt: 1_795_007_500,
  };
}
