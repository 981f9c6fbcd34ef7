// Answers of the operator routes as the server gives them (server/operator/README.md).
import type { Dashboard, OperatorMe, SessionSummary } from '../../../services/operator-types';

export const OWNER_ME: OperatorMe = {
  openid: 'oOWNER',
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
