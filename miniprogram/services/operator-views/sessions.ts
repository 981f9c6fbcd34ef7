// The session list (admin/sessions): state filters and one row per session.
import type { SessionState, SessionSummary } from '../operator-types';
import { STATE_GROUPS } from '../../../core/parking/session-states';
import { FLOW_TEXT, formatFen, timeText } from './common';

/** The state filters of the session list: all, or a group of states (core/parking/session-states). */
export const STATE_FILTERS: ReadonlyArray<{
  key: string;
  label: string;
  states?: readonly SessionState[];
}> = [{ key: 'all', label: '全部' }, ...STATE_GROUPS];

export function statesOf(filterKey: string): SessionState[] | undefined {
  const states = STATE_FILTERS.find((f) => f.key === filterKey)?.states;
  return states && [...states];
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
