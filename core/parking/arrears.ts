import { amountDue } from './amount-due';
import { type Session, parkingStart } from './session';

/**
 * Roadside arrears (欠费追缴, issue 14 Deliver 5): a roadside session that ends with part of its
 * fee unpaid — the car left without paying (a later session of the spot or plate closed it,
 * `exit_not_recorded`), the freeze did not cover the fee, or the platform settled at endTime
 * with road 9 while a fee was due, and then the car left — becomes an arrears record on the
 * plate, with the evidence: spot, times, fee, what was charged and what is owed.
 *
 * Decided: the record is made when the session becomes `closed` with something still due at its
 * out time; a session an operator cancels is no arrears (nothing is owed by the operator's word).
 */
export interface ArrearsEvidence {
  sessionId: string;
  lotId: string;
  spotId?: string;
  plate: string;
  /** Parking start (arrival at the spot) and the time the session was closed. */
  from: number;
  to: number;
  /** The fee of the stay, what was charged for it, and what is still owed (fen). */
  fee: number;
  charged: number;
  due: number;
}

export function arrearsOf(before: Session, after: Session): ArrearsEvidence | undefined {
  if (after.flow !== 'roadside_booking') return undefined;
  if (after.state !== 'closed' || before.state === 'closed') return undefined;
  const last = after.history[after.history.length - 1];
  if (last?.event === 'operator_closed') return undefined;
  const from = parkingStart(after);
  if (from === undefined) return undefined;
  const to = after.outTime ?? after.updatedAt;
  const computed = amountDue(after, Math.max(from, to));
  if (!computed.ok || computed.value.due <= 0) return undefined;
  return {
    sessionId: after.id,
    lotId: after.lotId,
    ...(after.spotId !== undefined && { spotId: after.spotId }),
    plate: after.plate,
    from,
    to,
    fee: computed.value.quote.total,
    charged: computed.value.charged,
    due: computed.value.due,
  };
}
