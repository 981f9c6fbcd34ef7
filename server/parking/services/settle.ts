import { amountDue } from '../../../core/parking/amount-due';
import { refuse } from '../../../core/parking/result';
import { type Session, frozenLeft } from '../../../core/parking/session';
import type { SessionEvent } from '../../../core/parking/session-events';
import type { CasOptions, EventFactory } from '../../cloud/session-cas';
import { recordAndSend, type StartedCall } from '../calls/execute';
import type { ParkingDeps } from '../deps';
import { newCallId } from '../ids';

/**
 * Ending an open freeze (entry prepay at the exit, a roadside leave, reconcile before endTime).
 * `charge_due`: finish feeType=9 of what the stay owes (at most what is frozen; the rest returns by
 * itself), or cancel everything when nothing is owed, since a finish may not be 0 (protocol note 7).
 * `return_all`: cancel everything (road 9 before endTime); the stay is then paid by pay.
 */
export type SettlePolicy = 'charge_due' | 'return_all';

export function settlementEvent(
  session: Session,
  now: number,
  policy: SettlePolicy,
  purpose: 'exit' | 'before_end' | 'operator',
  callId: string,
  by?: string,
  /** Started from this exit gate's code: a settlement covering the stay is the exit. */
  exitGateId?: string,
): SessionEvent | ReturnType<typeof refuse> {
  const computed = amountDue(session, now);
  if (!computed.ok) return computed;
  const due = computed.value.due;
  const left = frozenLeft(session);
  if (left === 0) return refuse('NOTHING_FROZEN', '没有冻结中的预付金额');
  const common = { type: 'settlement_requested' as const, at: now, callId, due, purpose };
  const who = {
    ...(by !== undefined && { by }),
    ...(exitGateId !== undefined && { atExit: true as const, exitGateId }),
  };
  if (policy === 'return_all' || due === 0) {
    return { ...common, ...who, call: 'cancel', amount: left };
  }
  return { ...common, ...who, call: 'finish', amount: Math.min(due, left) };
}

export async function settleFreeze(
  deps: ParkingDeps,
  sessionId: string,
  now: number,
  policy: SettlePolicy,
  purpose: 'exit' | 'before_end',
  by: string,
  options: CasOptions = {},
  exitGateId?: string,
): Promise<StartedCall> {
  const make: EventFactory = (session) =>
    settlementEvent(
      session,
      now,
      policy,
      purpose,
      newCallId('op', now, deps.random),
      by,
      exitGateId,
    );
  return recordAndSend(deps, sessionId, make, options);
}
