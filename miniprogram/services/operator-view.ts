// What operator pages show, computed from route answers (pure: no wx, no calls). Money is
// integer fen formatted by core/money; times are China time.
import { formatFen } from '../core/money';
import {
  SECONDS_PER_DAY,
  formatChinaDateTime,
  fromChinaDateTime,
  toChinaDateTime,
} from '../../core/parking/china-time';
import { STATE_INFO } from '../../core/parking/session-states';
import { ApiCallError } from './api-result';
import type {
  AuditItem,
  Dashboard,
  MoneyTotals,
  OperatorRole,
  ReconSide,
  Reconciliation,
  HistoryEntry,
  Invitation,
  Outcome,
  PlatformAnswer,
  RevenueRow,
  SessionDetail,
  SessionState,
  SessionSummary,
  TariffView,
} from './operator-types';

export { formatFen };

export const REASON_MAX = 200;

/** Why a reason cannot be sent, or undefined when it can (the server's rule: 1 to 200 chars). */
export function reasonProblem(reason: string): string | undefined {
  const text = reason.trim();
  if (text === '') return '请填写原因';
  if (text.length > REASON_MAX) return `原因最多 ${REASON_MAX} 字`;
  return undefined;
}

/** The message to show for a failed call: the server's own when it gave one. */
export function errorText(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return '出错了，请稍后重试';
}

export const FORBIDDEN_TEXT = '你不是停车场管理员';

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiCallError && error.code === 'FORBIDDEN';
}

export function outcomeText(outcome: Outcome): string {
  if (outcome === 'applied') return '已完成';
  if (outcome === 'already') return '此前已完成，无需重复操作';
  return '已提交，等待平台确认';
}

export function timeText(unix: number | undefined): string {
  return unix === undefined ? '—' : formatChinaDateTime(unix);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD', the China date of a unix time. */
export function chinaDate(unix: number): string {
  const t = toChinaDateTime(unix);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}`;
}

/** Unix seconds of 00:00 China time of a 'YYYY-MM-DD' date, or undefined when it is none. */
function dateStart(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return fromChinaDateTime({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: 0,
    minute: 0,
    second: 0,
  });
}

export function isChinaDate(date: string): boolean {
  return dateStart(date) !== undefined;
}

/** The date `days` later (or earlier, when negative); the date itself when it is not one. */
export function shiftDate(date: string, days: number): string {
  const start = dateStart(date);
  return start === undefined ? date : chinaDate(start + days * SECONDS_PER_DAY);
}

export function nowUnix(): number {
  return Math.floor(Date.now() / 1000);
}

export interface DashboardCard {
  lotId: string;
  name: string;
  kindText: string;
  sessionsToday: number;
  live: number;
  flagged: number;
  hasRevenue: boolean;
  charged: string;
  net: string;
}

export function kindText(kind: string | undefined): string {
  return kind === 'roadside' ? '路边泊位' : kind === 'gated' ? '封闭停车场' : '';
}

export function dashboardCards(dashboard: Dashboard): DashboardCard[] {
  return dashboard.lots.map((lot) => ({
    lotId: lot.lotId,
    name: lot.name,
    kindText: kindText(lot.kind),
    sessionsToday: lot.sessionsToday,
    live: lot.live,
    flagged: lot.flagged,
    hasRevenue: lot.revenueToday !== undefined,
    charged: lot.revenueToday ? formatFen(lot.revenueToday.charged) : '',
    net: lot.revenueToday ? formatFen(lot.revenueToday.net) : '',
  }));
}

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

const FLOW_TEXT: Record<string, string> = {
  exit_pay: '出场缴费',
  entry_prepay: '入场预付',
  roadside_booking: '路边预订',
};

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

export interface RevenueBar {
  date: string;
  /** 'MM-DD' under the bar. */
  label: string;
  net: number;
  netText: string;
  chargedText: string;
  /** Bar height as a percentage of the highest day (0–100, whole). */
  percent: number;
}

/** One bar per day (lots summed), scaled to the best day; a day of nothing has no height. */
export function revenueBars(rows: readonly RevenueRow[]): RevenueBar[] {
  const byDate = new Map<string, { net: number; charged: number }>();
  for (const row of rows) {
    const day = byDate.get(row.date) ?? { net: 0, charged: 0 };
    byDate.set(row.date, { net: day.net + row.net, charged: day.charged + row.charged });
  }
  const dates = [...byDate.keys()].sort();
  const top = Math.max(0, ...dates.map((d) => (byDate.get(d) as { net: number }).net));
  return dates.map((date) => {
    const day = byDate.get(date) as { net: number; charged: number };
    return {
      date,
      label: date.slice(5),
      net: day.net,
      netText: formatFen(day.net),
      chargedText: formatFen(day.charged),
      percent: top > 0 && day.net > 0 ? Math.max(1, Math.round((day.net * 100) / top)) : 0,
    };
  });
}

/** A tariff as label–value lines, in the order a driver would ask about it. */
export function tariffRows(view: TariffView): Array<{ label: string; value: string }> {
  const noShow =
    view.noShow.kind === 'none'
      ? '不收取'
      : view.noShow.kind === 'booking_fee'
        ? '收取预订费'
        : formatFen(view.noShow.amount);
  return [
    { label: '名称', value: view.name },
    {
      label: '免费时长',
      value: `${view.freeMinutes} 分钟${view.freeDeducted ? '（超时后扣除）' : ''}`,
    },
    { label: '计费单位', value: `${view.unitMinutes} 分钟` },
    ...view.periods.map((p) => ({
      label: `${p.name} ${p.label}`,
      value: `${formatFen(p.pricePerUnit)} / ${view.unitMinutes} 分钟`,
    })),
    { label: '24 小时封顶', value: view.capPer24h === null ? '不封顶' : formatFen(view.capPer24h) },
    { label: '预订费', value: formatFen(view.bookingFee) },
    { label: '预订保留', value: `${view.bookingHoldMinutes} 分钟` },
    { label: '爽约', value: noShow },
  ];
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

export function totalsView(t: MoneyTotals) {
  return {
    charged: formatFen(t.charged),
    returned: formatFen(t.returned),
    handlingFee: formatFen(t.handlingFee),
    net: formatFen(t.net),
  };
}

const AUDIT_ACTION_TEXT: Record<string, string> = {
  'session.finish': '结束停车',
  'session.cancel': '取消停车',
  'session.resolve': '处理异常',
  'gate.open': '开闸',
  'lot.create': '新建停车场',
  'lot.update': '修改停车场设置',
  'gate.upsert': '保存出入口',
  'gate.delete': '删除出入口',
  'spot.upsert': '保存泊位',
  'spot.delete': '删除泊位',
  'tariff.upsert': '修改收费标准',
  'operator.grant': '修改管理人员角色',
  'operator.revoke': '移除管理人员',
  'invitation.create': '发出邀请',
  'invitation.revoke': '撤销邀请',
  'invitation.accept': '接受邀请',
};

/** Upserts say whether the place was new. */
const UPSERT_TEXT: Record<string, Record<string, string>> = {
  'gate.upsert': { created: '新增出入口', updated: '修改出入口' },
  'spot.upsert': { created: '新增泊位', updated: '修改泊位' },
};

const AUDIT_OUTCOME_TEXT: Record<AuditItem['outcome'], string> = {
  applied: '已执行',
  already: '此前已完成',
  refused: '未执行',
};

/** Why an action was refused, from the code the server recorded. */
const REFUSAL_TEXT: Record<string, string> = {
  FORBIDDEN: '没有权限',
  LAST_OWNER: '停车场至少需要保留一位所有者',
  NOT_AN_OPERATOR: '对方还不是管理人员，需通过邀请加入',
  TRANSITION_NOT_ALLOWED: '当前状态不允许此操作',
  ALREADY_PAID: '已支付的停车不能取消',
  NOT_ARRIVED: '车辆尚未到达',
  NOT_PREPAID: '没有可结算的预付',
  CALL_PENDING: '有支付请求正在处理，请稍后再试',
  PLATFORM_REFUSED: '支付平台拒绝了请求',
  BUSY: '系统繁忙，请稍后再试',
  PLACE_IN_USE: '仍有车辆在使用',
  WRONG_LOT: '不属于该停车场',
  SESSION_NOT_FOUND: '停车记录不存在',
  GATE_NOT_FOUND: '道闸不存在',
};

const OUTCOME_NOTE: Record<string, string> = {
  applied: '',
  already: '此前已完成',
  pending: '等待支付平台确认',
};

/** The recorded detail in words; what has no words (ids, old notes) is left out. */
export function auditDetailText(action: string, detail: unknown): string {
  if (typeof detail !== 'string' || detail === '') return '';
  const stated = /^(applied|already|pending): ([a-z_]+)$/.exec(detail);
  if (stated) {
    const state = STATE_INFO[stated[2] as SessionState]?.label;
    const note = OUTCOME_NOTE[stated[1] as string];
    return [note, state ? `状态：${state}` : ''].filter(Boolean).join('，');
  }
  if (detail in OUTCOME_NOTE) return OUTCOME_NOTE[detail] as string;
  if (/^[A-Z][A-Z_]+$/.test(detail)) return REFUSAL_TEXT[detail] ?? '操作未通过';
  void action;
  return '';
}

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  outcome: string;
  refused: boolean;
  reason: string;
  who: string;
  subject: string;
  target: string;
  detail: string;
  changes: string[];
}

export function auditRow(item: AuditItem): AuditRow {
  const target = [
    item.sessionId ? `停车记录 ${item.sessionId}` : '',
    item.gateId && !item.subject ? `出入口 ${item.gateId}` : '',
  ]
    .filter((t) => t !== '')
    .join(' · ');
  const upsert = UPSERT_TEXT[item.action];
  const action =
    (upsert && typeof item.detail === 'string' ? upsert[item.detail] : undefined) ??
    AUDIT_ACTION_TEXT[item.action] ??
    '其他操作';
  return {
    id: item.id,
    at: timeText(item.at),
    action,
    outcome: AUDIT_OUTCOME_TEXT[item.outcome] ?? '',
    refused: item.outcome === 'refused',
    reason: item.reason.trim(),
    who: item.byName ?? `尾号 ${item.openid.slice(-4)}`,
    subject: item.subject ?? '',
    target,
    detail: auditDetailText(item.action, item.detail),
    changes: (item.changes ?? []).map((c) => `${c.label}：${c.from} → ${c.to}`),
  };
}

export const ROLE_TEXT: Record<OperatorRole, string> = { owner: '所有者', operator: '操作员' };

const INVITATION_STATE_TEXT: Record<Invitation['state'], string> = {
  open: '待接受',
  used: '已接受',
  revoked: '已撤销',
  expired: '已过期',
};

export function invitationRow(inv: Invitation) {
  const state =
    inv.state === 'used' && inv.usedName
      ? `${inv.usedName} 已接受（${timeText(inv.usedAt)}）`
      : inv.state === 'open'
        ? `待接受，有效期至 ${timeText(inv.expiresAt)}`
        : INVITATION_STATE_TEXT[inv.state];
  return {
    code: inv.code,
    title: `${ROLE_TEXT[inv.role]}邀请 ${inv.code}`,
    stateText: state,
    open: inv.state === 'open',
  };
}
