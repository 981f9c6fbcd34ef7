import type { Session } from './session';

export type MayLeaveReason =
  | 'paid' // paid, inside the grace time
  | 'nothing_due' // nothing owed (free stay, or already covered)
  | 'grace_expired' // paid, but the grace time is over and more is due
  | 'payment_required'
  | 'payment_pending' // a pay is out: query it now rather than wait (protocol note 9)
  | 'settlement_required' // a freeze is open: end it now (finish feeType=9)
  | 'settlement_pending'
  | 'not_inside'; // booked, closed, cancelled...

export interface MayLeave {
  allowed: boolean;
  reason: MayLeaveReason;
}

export const MAY_LEAVE_TEXT: Readonly<Record<MayLeaveReason, string>> = {
  paid: '已支付，请离场',
  nothing_due: '无需缴费，请离场',
  grace_expired: '已超过缴费后的离场时限，请补缴超时停车费',
  payment_required: '请先缴纳停车费',
  payment_pending: '正在确认支付结果',
  settlement_required: '正在结算预付费用',
  settlement_pending: '正在结算预付费用',
  not_inside: '未找到在场记录',
};

/**
 * Whether the gate may let the vehicle out at `now`: paid and inside the grace time. Pass
 * `amountDueNow` (from amountDue) to also let out a vehicle that owes nothing, such as a stay
 * within the free minutes. The other reasons tell the gate controller what to do next.
 */
export function mayLeave(session: Session, now: number, amountDueNow?: number): MayLeave {
  const nothingDue = amountDueNow === 0;
  switch (session.state) {
    case 'paid':
      if (now <= (session.mayLeaveUntil ?? 0)) return { allowed: true, reason: 'paid' };
      return nothingDue
        ? { allowed: true, reason: 'nothing_due' }
        : { allowed: false, reason: 'grace_expired' };
    case 'open':
      return nothingDue
        ? { allowed: true, reason: 'nothing_due' }
        : { allowed: false, reason: 'payment_required' };
    case 'awaiting_payment':
      return { allowed: false, reason: 'payment_pending' };
    case 'frozen':
    case 'parked':
      return { allowed: false, reason: 'settlement_required' };
    case 'settling':
    case 'arriving':
      return { allowed: false, reason: 'settlement_pending' };
    case 'closed':
      // Paid (or nothing due) at the exit gate's code: the session closed at the scan, and the
      // gate opens for the car within its leave window.
      return closedWindowOpen(session, now)
        ? { allowed: true, reason: 'paid' }
        : { allowed: false, reason: 'not_inside' };
    default:
      return { allowed: false, reason: 'not_inside' };
  }
}

/** A closed session's leave window: from its payment, or from its exit when nothing was paid. */
export function closedWindowOpen(
  session: Pick<Session, 'state' | 'outTime' | 'mayLeaveUntil' | 'policy'>,
  now: number,
): boolean {
  if (session.state !== 'closed' || session.outTime === undefined) return false;
  const until = Math.max(session.mayLeaveUntil ?? 0, session.outTime + session.policy.graceSeconds);
  return now <= until;
}
