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
  const problem = (m: {
    ours: ReconSide;
    platform: ReconSide | null;
    fields: Array<keyof ReconSide>;
  }) =>
    m.platform === null
      ? '平台查询失败，未能核对'
      : m.fields
          .map(
            (f) =>
              `累计${FIELD_TEXT[f]}：我方 ${formatFen(m.ours[f])}，平台 ${formatFen((m.platform as ReconSide)[f])}`,
          )
          .join('；');
  const mismatches = [
    ...r.mismatches.map((m) => ({
      kind: 'session' as const,
      sessionId: m.sessionId,
      plate: m.plate,
      stateLabel: STATE_INFO[m.state]?.label ?? m.state,
      problem: problem(m),
    })),
    // A pass sale is no session: listed, not opened.
    ...r.passes.mismatches.map((m) => ({
      kind: 'pass' as const,
      sessionId: m.orderId,
      plate: m.plates.join(' '),
      stateLabel: '月卡销售',
      problem: problem(m),
    })),
  ];
  const { passes } = r;
  const fee = (s: ReconSide) => `${formatFen(s.charged)}（手续费 ${formatFen(s.aip)}）`;
  return {
    date: r.date,
    sessions: r.sessions,
    matched: r.matched,
    verdict: r.matched
      ? '账目一致'
      : `发现 ${mismatches.length} 条差异${r.unavailable > 0 ? `（其中 ${r.unavailable} 条平台查询失败）` : ''}`,
    ours: side(r.ours),
    platform: side(r.platform),
    // Pass sales are checked apart, as revenue shows them apart.
    passes:
      passes.count > 0
        ? `月卡销售 ${passes.count} 笔：我方 ${fee(passes.ours)}，平台 ${fee(passes.platform)}`
        : '',
    checkedAt: timeText(r.checkedAt),
    mismatches,
  };
}
