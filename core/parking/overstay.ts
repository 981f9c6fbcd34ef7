import { formatFen } from '../money/format';
import { formatChinaShort } from './china-time';
import { formatDuration } from './duration-text';
import { type FeeLine, type FeeQuote, computeFee } from './fee';
import { type DomainResult, succeed } from './result';
import type { Tariff } from './tariff';

/**
 * The fee of a stay after a payment that opened a leave window (`windowEnd` = paid-at + the lot's
 * `graceSeconds`). Decided (core/parking/README.md, "Leave window"):
 * - inside the window nothing accrues: the stay costs what was charged;
 * - after it, only the time from the window's end is charged, as a stay starting then with no
 *   free minutes (a started unit counts whole, each unit at its period's price, the cap per
 *   24 h counted from the window's end);
 * - and never more than the rest of what one stay of the same length would cost
 *   (whole-stay fee − charged), so the 24 h cap of the whole stay holds.
 */
export interface Overstay {
  windowEnd: number;
  /** The fee of the time after the window, before the whole-stay limit. */
  fee: number;
  /** Owed now: `fee`, lowered to the whole-stay limit. */
  due: number;
}

export interface StayAfterPayment {
  /** The fee of the stay by the rules: total = charged + due (or the whole stay, if less). */
  quote: FeeQuote;
  due: number;
  overstay?: Overstay;
}

export function stayAfterPayment(
  tariff: Tariff,
  whole: FeeQuote,
  charged: number,
  windowEnd: number,
  now: number,
): DomainResult<StayAfterPayment> {
  if (now <= windowEnd) {
    const total = Math.min(whole.total, charged);
    const lines = whole.lines.filter((l) => l.kind !== 'total');
    if (total < whole.total) {
      lines.push({
        kind: 'leave_window',
        text: `已缴费，${formatChinaShort(windowEnd)} 前离场不再计费`,
        amount: total - whole.total,
      });
    }
    lines.push({ kind: 'total', text: `合计 ${formatFen(total)}`, amount: total });
    return succeed({ quote: { ...whole, total, lines }, due: 0 });
  }
  const after = computeFee({ ...tariff, freeMinutes: 0, freeDeducted: false }, windowEnd, now);
  if (!after.ok) return after;
  const fee = after.value.total;
  const due = Math.min(fee, Math.max(0, whole.total - charged));
  // One line for the overstay (its units in the text), so the amounts of the lines add up.
  const units = after.value.lines
    .filter((l) => l.kind !== 'total' && l.kind !== 'free')
    .map((l) => l.text)
    .join('；');
  const lines: FeeLine[] = [
    { kind: 'paid', text: '已缴停车费', amount: charged },
    {
      kind: 'overstay',
      text: `超时离场 ${formatDuration(now - windowEnd)}（离场时限 ${formatChinaShort(windowEnd)} 已过，此后重新计费）：${units}`,
      amount: fee,
    },
  ];
  if (due < fee) {
    lines.push({
      kind: 'cap',
      text: `全程不超过一次停车的费用 ${formatFen(whole.total)}`,
      amount: due - fee,
    });
  }
  const total = charged + due;
  lines.push({ kind: 'total', text: `合计 ${formatFen(total)}`, amount: total });
  return succeed({
    quote: { ...whole, total, lines },
    due,
    overstay: { windowEnd, fee, due },
  });
}
