import { formatFen } from '../money/format';
import { discountedFee } from './discount';
import type { FeeQuote } from './fee';
import { type Overstay, stayAfterPayment } from './overstay';
import { type DomainResult, refuse, succeed } from './result';
import { type Session, chargedForParking, parkingStart } from './session';

export interface AmountDue {
  /**
   * The fee of the stay until `now` by the rules, with its breakdown: the whole stay, or, once a
   * payment opened a leave window, what was charged plus any overstay (overstay.ts).
   */
  quote: FeeQuote;
  /** Charged for parking so far: pays and finishes, without the booking fee. */
  charged: number;
  /** What is still owed now (never negative; an overpayment shows as `charged > quote.total`). */
  due: number;
  /** Set when a leave window is over: only the time after it is charged. */
  overstay?: Overstay;
}

/**
 * What the vehicle owes at `now`, from the session's own tariff. Before any payment: the fee of
 * the whole stay minus what was charged (free minutes and the cap of the whole stay). After a
 * payment opened a leave window (`mayLeaveUntil`): nothing within it; after it, the fee of the
 * time from its end only (overstay.ts), never the whole stay again.
 */
export function amountDue(session: Session, now: number): DomainResult<AmountDue> {
  const start = parkingStart(session);
  if (start === undefined) return refuse('NOT_ARRIVED', '尚未到达泊位');
  if (session.privilege) return succeed(privilegedDue(session, start, now));
  if (session.noEntryFee !== undefined) return succeed(noEntryDue(session, start, now));
  // Merchant discounts apply after free minutes and caps (discount.ts): the fee is what is left.
  const fee = discountedFee(session.tariff, start, Math.max(now, start), session.discounts);
  if (!fee.ok) return fee;
  const charged = chargedForParking(session);
  const windowEnd = session.mayLeaveUntil;
  if (charged > 0 && windowEnd !== undefined) {
    const after = stayAfterPayment(session.tariff, fee.value.quote, charged, windowEnd, now);
    if (!after.ok) return after;
    const { quote, due, overstay } = after.value;
    return succeed({ quote, charged, due, ...(overstay && { overstay }) });
  }
  const quote = fee.value.quote;
  return succeed({ quote, charged, due: Math.max(0, quote.total - charged) });
}

/** A pass or whitelist car: its stay is recorded and nothing is due (core/passes/lane-rule.ts). */
function privilegedDue(session: Session, start: number, now: number): AmountDue {
  const outTime = Math.max(now, start);
  const text = `${session.privilege?.label ?? ''} 免费`.trim();
  const quote: FeeQuote = {
    inTime: start,
    outTime,
    durationSeconds: outTime - start,
    total: 0,
    withinFree: true,
    freeSecondsApplied: outTime - start,
    capApplied: false,
    units: 0,
    windows: [],
    lines: [
      { kind: 'free', text, amount: 0 },
      { kind: 'total', text: '合计 ¥0.00', amount: 0 },
    ],
  };
  return { quote, charged: chargedForParking(session), due: 0 };
}

/**
 * Opened at an exit with no entry record: the lot's fixed fee, whatever the time (Lot.noEntryFee);
 * once it is charged nothing more is due.
 */
function noEntryDue(session: Session, start: number, now: number): AmountDue {
  const fee = session.noEntryFee ?? 0;
  const outTime = Math.max(now, start);
  const quote: FeeQuote = {
    inTime: start,
    outTime,
    durationSeconds: outTime - start,
    total: fee,
    withinFree: false,
    freeSecondsApplied: 0,
    capApplied: false,
    units: 0,
    windows: [],
    lines: [
      { kind: 'no_entry', text: `无入场记录，固定收费 ${formatFen(fee)}`, amount: fee },
      { kind: 'total', text: `合计 ${formatFen(fee)}`, amount: fee },
    ],
  };
  const charged = chargedForParking(session);
  return { quote, charged, due: Math.max(0, fee - charged) };
}
