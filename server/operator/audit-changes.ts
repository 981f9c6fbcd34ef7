import { formatFen } from '../../core/money/format';
import type { SplitReceiver } from '../../core/parking/asinfo';
import { formatDuration } from '../../core/parking/duration-text';
import type { Gate } from '../../core/parking/gate';
import type { Lot } from '../../core/parking/lot';
import type { Spot } from '../../core/parking/spot';
import type { Tariff } from '../../core/parking/tariff';
import type { AuditChange } from './audit';

/**
 * What an edit changed, in the words and units people read (¥, minutes, 开/关), computed when the
 * audit record is written so that the log shows old → new without the records of the time.
 */

type Field<T> = { label: string; get: (v: T) => unknown; show: (value: never) => string };

const yuan = (fen: number) => formatFen(fen);
const onOff = (on: boolean) => (on ? '开启' : '关闭');
const text = (v: string) => v;
const none = '（无）';

export const LOT_KIND_TEXT: Record<Lot['kind'], string> = {
  gated: '道闸停车场',
  roadside: '路侧停车',
};
export const ARREARS_POLICY_TEXT: Record<Lot['arrearsPolicy'], string> = {
  remind: '提醒后可预订',
  require: '须先缴清欠费',
};

export const ROAD_TEXT: Record<Lot['road'], string> = {
  1: '到期自动扣款',
  9: '到期自动退回',
};

export function splitText(split: readonly SplitReceiver[]): string {
  if (split.length === 0) return none;
  return split
    .map((r) =>
      r.share.kind === 'percent'
        ? `${r.cusid} ${(r.share.basisPoints / 100).toFixed(2).replace(/\.?0+$/, '')}%`
        : `${r.cusid} 每笔 ${yuan(r.share.amount)}`,
    )
    .join('；');
}

const LOT_FIELDS: Array<Field<Lot>> = [
  { label: '名称', get: (l) => l.name, show: text },
  { label: '停车场编号', get: (l) => l.parkingNo, show: text },
  { label: '省份代码', get: (l) => l.pro, show: text },
  { label: '类型', get: (l) => l.kind, show: (k: Lot['kind']) => LOT_KIND_TEXT[k] },
  { label: '收款商户号', get: (l) => l.cusid, show: text },
  { label: '分账', get: (l) => l.split, show: splitText },
  { label: '入场预付', get: (l) => l.entryPrepay, show: onOff },
  { label: '冻结金额', get: (l) => l.prepay.freezeAmount, show: yuan },
  { label: '冻结时长', get: (l) => l.prepay.freezeSeconds, show: formatDuration },
  { label: '到期处理', get: (l) => l.road, show: (r: Lot['road']) => ROAD_TEXT[r] },
  { label: '到期前自行结算', get: (l) => l.settleBeforeEndSeconds, show: formatDuration },
  { label: '无牌车省份简称', get: (l) => l.noPlateProvince, show: text },
  { label: '缴费后离场时限', get: (l) => l.graceSeconds, show: formatDuration },
  { label: '超时标记', get: (l) => l.staleSeconds, show: formatDuration },
  { label: '车位数', get: (l) => l.capacity, show: (n) => (n === undefined ? '不限' : `${n} 个`) },
  {
    label: '无入场记录出场',
    get: (l) => l.noEntryFee,
    show: (fee) => (fee === undefined ? '请联系管理员' : `固定收费 ${formatFen(fee)}`),
  },
  {
    label: '欠费车辆预订',
    get: (l) => l.arrearsPolicy,
    show: (p: Lot['arrearsPolicy']) => ARREARS_POLICY_TEXT[p],
  },
  { label: '收费标准', get: (l) => l.tariffId, show: text },
];

function periodsText(periods: Tariff['periods']): string {
  return periods.map((p) => `${p.name} ${p.start} 起 ${yuan(p.pricePerUnit)}`).join('；');
}

const NO_SHOW_TEXT = (n: Tariff['noShow']) =>
  n.kind === 'none' ? '不收费' : n.kind === 'booking_fee' ? '收预订费' : `收 ${yuan(n.amount)}`;

const TARIFF_FIELDS: Array<Field<Tariff>> = [
  { label: '名称', get: (t) => t.name, show: text },
  { label: '免费时长', get: (t) => t.freeMinutes, show: (m: number) => `${m} 分钟` },
  { label: '免费时长抵扣', get: (t) => t.freeDeducted, show: onOff },
  { label: '计费单位', get: (t) => t.unitMinutes, show: (m: number) => `${m} 分钟` },
  { label: '时段', get: (t) => t.periods, show: periodsText },
  {
    label: '24 小时封顶',
    get: (t) => t.capPer24h,
    show: (c: number | null) => (c === null ? '不封顶' : yuan(c)),
  },
  { label: '预订费', get: (t) => t.bookingFee, show: yuan },
  { label: '预订保留', get: (t) => t.bookingHoldMinutes, show: (m: number) => `${m} 分钟` },
  { label: '预订未到', get: (t) => t.noShow, show: NO_SHOW_TEXT },
];

const GATE_KIND_TEXT: Record<Gate['kind'], string> = {
  entry: '入口',
  exit: '出口',
  paystation: '缴费点',
};

const GATE_FIELDS: Array<Field<Gate>> = [
  { label: '名称', get: (g) => g.name, show: text },
  { label: '类型', get: (g) => g.kind, show: (k: Gate['kind']) => GATE_KIND_TEXT[k] },
];

const SPOT_FIELDS: Array<Field<Spot>> = [
  { label: '泊位号', get: (s) => s.code, show: text },
  { label: '名称', get: (s) => s.name, show: text },
];

function diff<T>(fields: Array<Field<T>>, before: T | undefined, after: T): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const f of fields) {
    const next = f.get(after);
    const prev = before === undefined ? undefined : f.get(before);
    if (before !== undefined && JSON.stringify(prev) === JSON.stringify(next)) continue;
    const show = f.show as (v: unknown) => string;
    const to = show(next);
    // A creation lists what was set, not what is empty.
    if (before === undefined && to === none) continue;
    // An optional setting left unset reads as its show says (e.g. 车位数 不限), else （无）.
    const from = before === undefined ? none : (show(prev) ?? none);
    changes.push({ label: f.label, from, to });
  }
  return changes;
}

/** Each setting that differs (a creation: every setting, from （无）). */
export const lotChanges = (before: Lot | undefined, after: Lot) => diff(LOT_FIELDS, before, after);
export const tariffChanges = (before: Tariff | undefined, after: Tariff) =>
  diff(TARIFF_FIELDS, before, after);
export const gateChanges = (before: Gate | undefined, after: Gate) =>
  diff(GATE_FIELDS, before, after);
export const spotChanges = (before: Spot | undefined, after: Spot) =>
  diff(SPOT_FIELDS, before, after);

export function gateSubject(gate: Pick<Gate, 'kind' | 'name'>): string {
  return `${GATE_KIND_TEXT[gate.kind]}「${gate.name}」`;
}

export function spotSubject(spot: Pick<Spot, 'code'>): string {
  return `泊位「${spot.code}」`;
}
