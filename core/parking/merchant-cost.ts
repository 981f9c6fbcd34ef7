import { discountedFee } from './discount';
import { type Session, chargedForParking, parkingStart } from './session';
import type { SessionState } from './session-states';

/**
 * What each merchant pays for its discount on a session (issue 14), recomputed from the session
 * alone so that a retry, a duplicate notification or a replayed write sets the same figure
 * again: the merchant is charged exactly once, whatever the repeats.
 *
 * - While the stay's fee is not fixed (the car is inside, a pay is out): `pending`, cost 0.
 * - Once the stay is paid or over with parking charged (`paid`, `closed`, or settled by the
 *   platform after arrival): `charged`, cost = the discount's value in the fee of the stay at
 *   the time it was fixed (paid at, else out time, else the platform's settlement).
 * - A stay an operator cancelled (even one a whole-stay discount made free), cancelled, never started or ended without parking, or closed with the rest of its
 *   fee unpaid (an operator let it go, the car left without paying): `returned`, cost 0 (what a
 *   balance merchant was charged, if anything, comes back).
 */
export type DiscountCostState = 'pending' | 'charged' | 'returned';

export interface DiscountCost {
  id: string;
  merchantId: string;
  state: DiscountCostState;
  cost: number;
}

const CHARGED_STATES: readonly SessionState[] = ['paid', 'closed', 'settled_by_platform'];
const RETURNED_STATES: readonly SessionState[] = ['cancelled', 'failed', 'no_show'];

/** The time the stay's fee was fixed, for a session in a charged state. */
function feeTime(session: Session): number {
  return session.paidAt ?? session.outTime ?? session.settledByPlatformAt ?? session.updatedAt;
}

export function discountCosts(session: Session): DiscountCost[] {
  const discounts = session.discounts ?? [];
  if (discounts.length === 0) return [];
  const start = parkingStart(session);
  const charged = CHARGED_STATES.includes(session.state) && start !== undefined;
  const returned =
    RETURNED_STATES.includes(session.state) ||
    (!charged && CHARGED_STATES.includes(session.state)) ||
    (session.operatorCancelled === true && CHARGED_STATES.includes(session.state));
  if (!charged || returned) {
    return discounts.map((d) => ({
      id: d.id,
      merchantId: d.merchantId,
      state: returned ? 'returned' : 'pending',
      cost: 0,
    }));
  }
  const fee = discountedFee(session.tariff, start, Math.max(start, feeTime(session)), discounts);
  const values = new Map(fee.ok ? fee.value.applied.map((a) => [a.id, a.value]) : []);
  const unpaid = fee.ok && fee.value.quote.total > 0 && chargedForParking(session) === 0;
  if (unpaid) {
    return discounts.map((d) => ({
      id: d.id,
      merchantId: d.merchantId,
      state: 'returned',
      cost: 0,
    }));
  }
  return discounts.map((d) => ({
    id: d.id,
    merchantId: d.merchantId,
    state: 'charged',
    cost: values.get(d.id) ?? 0,
  }));
}
