import { type FeeQuote, computeFee } from './fee';
import { type DomainResult, refuse, succeed } from './result';
import { type Session, chargedForParking, parkingStart } from './session';

export interface AmountDue {
  /** The fee of the whole stay until `now` (with its breakdown). */
  quote: FeeQuote;
  /** Charged for parking so far: pays and finishes, without the booking fee. */
  charged: number;
  /** What is still owed now (never negative; an overpayment shows as `charged > quote.total`). */
  due: number;
}

/**
 * What the vehicle owes at `now`, from the session's own tariff: the fee of the whole stay minus
 * what was already charged. Computing on the whole stay keeps the free minutes and the cap right
 * when a driver pays more than once (e.g. after overstaying the grace time).
 */
export function amountDue(session: Session, now: number): DomainResult<AmountDue> {
  const start = parkingStart(session);
  if (start === undefined) return refuse('NOT_ARRIVED', '尚未到达泊位');
  const fee = computeFee(session.tariff, start, Math.max(now, start));
  if (!fee.ok) return fee;
  const charged = chargedForParking(session);
  return succeed({ quote: fee.value, charged, due: Math.max(0, fee.value.total - charged) });
}
