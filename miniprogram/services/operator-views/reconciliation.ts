// Reconciliation (admin/reconciliation): our books against the platform's, per day.
import { STATE_INFO } from '../../../core/parking/session-states';
import type { ReconSide, Reconciliation } from '../operator-types';
import { formatFen, timeText } from './common';

const FIELD_TEXT: Record<keyof ReconSide, string> = {
  charged: '收费',
  returned: '退回',
  aip: '手续费',
};

export function reconciliationView(r: Reconciliation) {
  const side = (s: ReconSide) => ({
    charged: formatFen(s.charged),
    returned: formatFen(s.returned),
    aip: formatFen(s.aip),
  });
  return {
    date: r.date,
    sessions: r.sessions,
    matched: r.matched,
    verdict: r.matched
      ? '账目一致'
      : `发现 ${r.mismatches.length} 条差异${r.unavailable > 0 ? `（其中 ${r.unavailable} 条平台查询失败）` : ''}`,
    ours: side(r.ours),
    platform: side(r.platform),
    checkedAt: timeText(r.checkedAt),
    mismatches: r.mismatches.map((m) => ({
      sessionId: m.sessionId,
      plate: m.plate,
      stateLabel: STATE_INFO[m.state]?.label ?? m.state,
      problem:
        m.platform === null
          ? '平台查询失败，未能核对'
          : m.fields
              .map(
                (f) =>
                  `累计${FIELD_TEXT[f]}：我方 ${formatFen(m.ours[f])}，平台 ${formatFen((m.platform as ReconSide)[f])}`,
              )
              .join('；'),
    })),
  };
}
