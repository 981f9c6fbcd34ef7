import { MAX_FEN } from '../money/fen';
import { formatFen } from '../money/format';
import { SECONDS_PER_DAY, chinaSecondOfDay, formatChinaShort } from './china-time';
import { formatDuration } from './duration-text';
import type { AppliedDiscount } from './discount';
import { type DomainResult, refuse, succeed } from './result';
import { type ClockPeriod, type Tariff, clockPeriods, periodAt } from './tariff';

/**
 * The parking fee of a stay, in integer fen, by the China-time clock.
 *
 * Rules (decided here, documented for drivers and operators):
 * - A stay no longer than `freeMinutes` is free. Beyond it the stay is charged from entry, or,
 *   with `freeDeducted`, from the end of the free minutes.
 * - The charged time is cut into billing units from its start; a started unit counts whole.
 * - A unit costs the price of the period in which it starts.
 * - The cap applies to each rolling 24 hours counted from entry (not per calendar day), so a stay
 *   across midnight is not capped twice; a unit belongs to the 24 hours in which it starts.
 */

/** Stays longer than this are refused: such a session is stale and is an operator's matter. */
export const MAX_STAY_SECONDS = 400 * SECONDS_PER_DAY;

export type FeeLineKind =
  | 'free'
  | 'window'
  | 'period'
  | 'cap'
  | 'total'
  // After a payment (overstay.ts): what was paid, the leave window, the time after it.
  | 'paid'
  | 'leave_window'
  | 'overstay'
  // A merchant's discount (discount.ts), after free minutes and caps: amount negative.
  | 'discount'
  // No entry record (Lot.noEntryFee): the fixed fee stands for the whole stay.
  | 'no_entry';

export interface FeeLine {
  kind: FeeLineKind;
  /** Chinese, for the driver. */
  text: string;
  /** Fen: a period's amount, a window's charge, a cap's reduction (negative), the total. */
  amount: number;
}

export interface FeePeriodUnits {
  name: string;
  /** 'HH:MM–HH:MM' or '全天'. */
  label: string;
  pricePerUnit: number;
  units: number;
  amount: number;
}

/** One 24 hours counted from entry. */
export interface FeeWindow {
  index: number;
  from: number;
  to: number;
  periods: FeePeriodUnits[];
  /** Before the cap. */
  subtotal: number;
  charged: number;
  capped: boolean;
}

export interface FeeQuote {
  inTime: number;
  outTime: number;
  durationSeconds: number;
  total: number;
  /** The whole stay was within the free minutes. */
  withinFree: boolean;
  /** Seconds of the stay left uncharged by the free minutes. */
  freeSecondsApplied: number;
  capApplied: boolean;
  units: number;
  windows: FeeWindow[];
  lines: FeeLine[];
  /** Merchant discounts applied (discount.ts): `total` is after them, `undiscounted` before. */
  discounts?: AppliedDiscount[];
  undiscounted?: number;
}

function unitText(unitMinutes: number): string {
  if (unitMinutes % 60 === 0) return `${unitMinutes / 60} 小时`;
  return `${unitMinutes} 分钟`;
}

function periodLine(p: FeePeriodUnits, unitMinutes: number): FeeLine {
  const count = unitMinutes === 60 ? `${p.units} 小时` : `${p.units} × ${unitText(unitMinutes)}`;
  return {
    kind: 'period',
    text: `${p.name} ${p.label} ${count} × ${formatFen(p.pricePerUnit)} = ${formatFen(p.amount)}`,
    amount: p.amount,
  };
}

function capLine(w: FeeWindow, cap: number): FeeLine {
  return {
    kind: 'cap',
    text: `24 小时封顶 ${formatFen(cap)}（按价 ${formatFen(w.subtotal)}）`,
    amount: w.charged - w.subtotal,
  };
}

function windowLines(windows: FeeWindow[], tariff: Tariff): FeeLine[] {
  const cap = tariff.capPer24h;
  if (windows.length === 1) {
    const w = windows[0] as FeeWindow;
    const lines = w.periods.map((p) => periodLine(p, tariff.unitMinutes));
    if (w.capped && cap !== null) lines.push(capLine(w, cap));
    return lines;
  }
  const lines: FeeLine[] = [];
  let i = 0;
  while (i < windows.length) {
    const w = windows[i] as FeeWindow;
    // Whole 24 hours charged at the cap, one after another, read best as one line.
    let j = i;
    const fullAtCap = (x: FeeWindow | undefined) =>
      x !== undefined && x.capped && x.to - x.from === SECONDS_PER_DAY;
    while (
      fullAtCap(windows[j]) &&
      fullAtCap(windows[j + 1]) &&
      (windows[j + 1] as FeeWindow).index === (windows[j] as FeeWindow).index + 1
    ) {
      j += 1;
    }
    if (j > i && cap !== null) {
      const count = j - i + 1;
      lines.push({
        kind: 'window',
        text: `第 ${w.index + 1}–${(windows[j] as FeeWindow).index + 1} 个 24 小时（${formatChinaShort(w.from)} 起）：每 24 小时封顶 ${formatFen(cap)} × ${count} = ${formatFen(cap * count)}`,
        amount: cap * count,
      });
      i = j + 1;
      continue;
    }
    lines.push({
      kind: 'window',
      text: `第 ${w.index + 1} 个 24 小时（${formatChinaShort(w.from)} 起）：${formatFen(w.charged)}`,
      amount: w.charged,
    });
    lines.push(...w.periods.map((p) => periodLine(p, tariff.unitMinutes)));
    if (w.capped && cap !== null) lines.push(capLine(w, cap));
    i += 1;
  }
  return lines;
}

export function computeFee(
  tariff: Tariff,
  inTime: number,
  outTime: number,
): DomainResult<FeeQuote> {
  if (!Number.isSafeInteger(inTime) || !Number.isSafeInteger(outTime)) {
    return refuse('TIME_INVALID', '时间必须是整数秒');
  }
  if (outTime < inTime) return refuse('TIME_ORDER', '离场时间早于入场时间');
  const durationSeconds = outTime - inTime;
  if (durationSeconds > MAX_STAY_SECONDS) {
    return refuse('STAY_TOO_LONG', '停车时间过长，请联系停车场管理人员');
  }
  const freeSeconds = tariff.freeMinutes * 60;
  const base = { inTime, outTime, durationSeconds };

  if (durationSeconds <= freeSeconds) {
    const text =
      tariff.freeMinutes > 0
        ? `停车 ${formatDuration(durationSeconds)}，${tariff.freeMinutes} 分钟内免费`
        : '停车时长为 0，不收费';
    return succeed({
      ...base,
      total: 0,
      withinFree: true,
      freeSecondsApplied: durationSeconds,
      capApplied: false,
      units: 0,
      windows: [],
      lines: [
        { kind: 'free', text, amount: 0 },
        { kind: 'total', text: `合计 ${formatFen(0)}`, amount: 0 },
      ],
    });
  }

  const chargeFrom = tariff.freeDeducted ? inTime + freeSeconds : inTime;
  const unitSeconds = tariff.unitMinutes * 60;
  const units = Math.floor((outTime - chargeFrom + unitSeconds - 1) / unitSeconds);
  const periods: ClockPeriod[] = clockPeriods(tariff);

  // counts[window][period]: how many units start in that 24 hours and that period.
  const counts: number[][] = [];
  for (let u = 0; u < units; u += 1) {
    const start = chargeFrom + u * unitSeconds;
    const w = Math.floor((start - inTime) / SECONDS_PER_DAY);
    const p = periodAt(periods, Math.floor(chinaSecondOfDay(start) / 60)).index;
    const row = (counts[w] ??= periods.map(() => 0));
    row[p] = (row[p] as number) + 1;
  }

  const windows: FeeWindow[] = [];
  let total = 0;
  counts.forEach((row, index) => {
    const used = periods
      .map((p) => ({
        name: p.name,
        label: p.label,
        pricePerUnit: p.pricePerUnit,
        units: row[p.index] as number,
        amount: (row[p.index] as number) * p.pricePerUnit,
      }))
      .filter((p) => p.units > 0);
    const subtotal = used.reduce((sum, p) => sum + p.amount, 0);
    const cap = tariff.capPer24h;
    const capped = cap !== null && subtotal > cap;
    const charged = capped ? cap : subtotal;
    const from = inTime + index * SECONDS_PER_DAY;
    windows.push({
      index,
      from,
      to: Math.min(from + SECONDS_PER_DAY, outTime),
      periods: used,
      subtotal,
      charged,
      capped,
    });
    total += charged;
  });
  if (total > MAX_FEN) return refuse('FEE_TOO_LARGE', '费用超出可支付的上限，请联系停车场管理人员');

  const lines: FeeLine[] = [];
  if (tariff.freeMinutes > 0) {
    lines.push({
      kind: 'free',
      text: tariff.freeDeducted
        ? `免费 ${tariff.freeMinutes} 分钟（已扣除）`
        : `超过免费 ${tariff.freeMinutes} 分钟，自入场起计费`,
      amount: 0,
    });
  }
  lines.push(...windowLines(windows, tariff));
  lines.push({ kind: 'total', text: `合计 ${formatFen(total)}`, amount: total });

  return succeed({
    ...base,
    total,
    withinFree: false,
    freeSecondsApplied: tariff.freeDeducted ? freeSeconds : 0,
    capApplied: windows.some((w) => w.capped),
    units,
    windows,
    lines,
  });
}
