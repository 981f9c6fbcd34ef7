// The session list (admin/sessions): state filters and one row per session.
import type { SessionState, SessionSummary } from '../operator-types';
import { FLOW_TEXT, formatFen, timeText } from './common';

/** The state filters of the session list: groups of states an operator thinks in. */
export const STATE_FILTERS: ReadonlyArray<{
  key: string;
  label: string;
  states?: SessionState[];
}> = [
  { key: 'all', label: '全部' },
  {
    key: 'live',
    label: '进行中',
    states: [
      'open',
      'awaiting_payment',
      'awaiting_prepay',
      'frozen',
      'booked',
      'arriving',
      'parked',
      'settling',
      'cancelling',
      'no_show_settling',
      'paid',
    ],
  },
  { key: 'unpaid', label: '待支付', states: ['open', 'awaiting_payment'] },
  { key: 'paid', label: '已支付', states: ['paid'] },
  { key: 'closed', label: '已离场', states: ['closed'] },
  { key: 'cancelled', label: '已取消', states: ['cancelled', 'no_show', 'failed'] },
];

export function statesOf(filterKey: string): SessionState[] | undefined {
  return STATE_FILTERS.find((f) => f.key === filterKey)?.states;
}

export interface SessionRow {
  id: string;
  plate: string;
  stateLabel: string;
  flowText: string;
  inTime: string;
  charged: string;
  flagged: boolean;
  anomalies: string;
}

export function sessionRow(s: SessionSummary): SessionRow {
  return {
    id: s.id,
    plate: s.plate,
    stateLabel: s.stateLabel,
    flowText: FLOW_TEXT[s.flow] ?? s.flow,
    inTime: timeText(s.inTime),
    charged: formatFen(s.amounts.paid + s.amounts.finished),
    flagged: s.flagged,
    anomalies: s.openAnomalies.map((a) => a.label).join('、'),
  };
}
