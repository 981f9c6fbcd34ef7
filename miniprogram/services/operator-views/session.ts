// One session (admin/session): its facts, history, platform calls and answers, anomalies.
import { STATE_INFO } from '../../../core/parking/session-states';
import type { HistoryEntry, PlatformAnswer, SessionDetail } from '../operator-types';
import { FLOW_TEXT, formatFen, timeText } from './common';

/** What each session-machine event means, for the history (core/parking/session-events.ts). */
const EVENT_TEXT: Record<string, string> = {
  created: '创建',
  pay_requested: '发起支付',
  request_accepted: '平台已受理',
  call_outcome_unknown: '结果未知，待查询',
  payment_succeeded: '支付成功',
  payment_failed: '支付失败',
  payment_abandoned: '放弃支付',
  arrival_recorded: '到达',
  arrival_requested: '到达扣预订费',
  settlement_requested: '发起结算',
  cancel_requested: '发起撤销',
  no_show_requested: '爽约结算',
  freeze_call_succeeded: '冻结操作成功',
  freeze_call_failed: '冻结操作失败',
  platform_settled: '平台到期结算',
  exit_reported: '离场',
  operator_closed: '管理员结束',
  stale_flagged: '长时间未结束',
  anomaly_recorded: '记录异常',
  anomalies_resolved: '异常已处理',
};

export function historyRows(history: readonly HistoryEntry[]) {
  return history.map((h, index) => ({
    key: String(index),
    at: timeText(h.at),
    event: EVENT_TEXT[h.event] ?? h.event,
    change: `${h.from ? STATE_INFO[h.from].label : '—'} → ${STATE_INFO[h.to].label}`,
    by: h.by ?? '',
    note: h.note ?? '',
  }));
}

export function platformRows(answers: readonly PlatformAnswer[]) {
  return answers.map((a) => ({
    reqsn: a.reqsn,
    kindText: a.kind === 'pay' ? '支付' : '预付',
    ok: a.ok,
    text: a.ok ? `${a.trxstatus} ${a.description}` : a.error,
    totals: a.ok
      ? `支付 ${formatFen(a.totals.fee)} · 完成 ${formatFen(a.totals.feeFinish)} · 退回 ${formatFen(a.totals.feeBack)} · 手续费 ${formatFen(a.totals.feeAIP)}`
      : '',
  }));
}

/** The facts of a session an operator reads first, as label–value lines. */
export function sessionFacts(detail: SessionDetail): Array<{ label: string; value: string }> {
  const s = detail.session;
  const a = s.amounts;
  const lines = [
    { label: '车牌', value: s.plate },
    { label: '状态', value: s.stateLabel + (s.pending ? '（等待平台确认）' : '') },
    { label: '类型', value: FLOW_TEXT[s.flow] ?? s.flow },
    { label: '收费标准', value: detail.tariffName },
    { label: '入场', value: timeText(s.inTime) },
  ];
  if (s.outTime !== undefined) lines.push({ label: '离场', value: timeText(s.outTime) });
  lines.push({ label: '停车时长', value: detail.receipt.durationText });
  if (detail.quote) lines.push({ label: '当前应付', value: formatFen(detail.quote.due) });
  lines.push({ label: '已收', value: formatFen(a.paid + a.finished) });
  if (a.frozen > 0) {
    lines.push({ label: '冻结', value: formatFen(a.frozen) });
    lines.push({ label: '冻结剩余', value: formatFen(a.frozenLeft) });
  }
  if (a.returned > 0) lines.push({ label: '已退回', value: formatFen(a.returned) });
  if (a.handlingFee > 0) lines.push({ label: '手续费', value: formatFen(a.handlingFee) });
  if (s.openid) lines.push({ label: '车主', value: s.openid });
  lines.push({ label: '编号', value: s.id });
  return lines;
}

const CALL_KIND_TEXT: Record<string, string> = {
  pay: '支付',
  prepay: '预付冻结',
  finish: '完成扣款',
  cancel: '撤销冻结',
};

const CALL_STATUS_TEXT: Record<string, string> = {
  requested: '已发起',
  accepted: '已受理',
  unknown: '结果未知',
  succeeded: '成功',
  failed: '失败',
  abandoned: '已放弃',
};

export function callRows(calls: SessionDetail['calls']) {
  return calls.map((c) => ({
    id: c.id,
    text: `${CALL_KIND_TEXT[c.kind] ?? c.kind} ${formatFen(c.amount)} · ${CALL_STATUS_TEXT[c.status] ?? c.status}`,
    reqsn: c.reqsn,
    at: timeText(c.requestedAt),
    error: c.error ? c.error.message : '',
  }));
}

export function anomalyRows(anomalies: SessionDetail['anomalies']) {
  return anomalies.map((a, index) => ({
    key: String(index),
    label: a.label,
    detail: a.detail,
    at: timeText(a.at),
    resolved: a.resolvedAt !== undefined,
    resolution: a.resolution ?? '',
  }));
}
