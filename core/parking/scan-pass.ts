import type { Gate } from './gate';
import { decideLane } from './lane-decision';
import { type Session, openCalls } from './session';
import { LIVE_STATES } from './session-states';

/**
 * A car the lane's camera cannot read (no plate) passes by its driver's scan of the gate's code:
 * the entry starts its session there, or the payment at the exit's code closes it there. The
 * camera learns it on its next heartbeat and raises the barrier. Pure: whether a session's scan
 * lets its car through `gate` at `now`.
 */

/** How long after the scan at an entry its car may still be let in (as a held car is). */
export const ENTRY_SCAN_SECONDS = 600;

export interface ScanPass {
  sessionId: string;
  plate: string;
}

export function scanPass(
  gate: Pick<Gate, 'id' | 'kind'>,
  lot: { entryPrepay: boolean },
  session: Session,
  now: number,
): ScanPass | undefined {
  const pass = { sessionId: session.id, plate: session.plate };
  if (gate.kind === 'entry') {
    // Started by its driver's scan here, and let in by the lane's rule (at an entry-prepay lot:
    // once the prepay is frozen).
    if (!startedByScanAt(gate, session, now) || !LIVE_STATES.includes(session.state)) return;
    const decision = decideLane({ direction: 'entry', plate: session.plate, lot, session });
    return decision.open ? pass : undefined;
  }
  if (gate.kind === 'exit') {
    // Closed at this exit's code (paid or settled there): it may pass within its leave window.
    if (session.state !== 'closed' || session.outGateId !== gate.id) return;
    const until = session.mayLeaveUntil ?? (session.outTime ?? 0) + session.policy.graceSeconds;
    return now <= until ? pass : undefined;
  }
  return undefined;
}

/**
 * Whether `session` waits on a payment that, once the platform has it, lets its car through
 * `gate` by scanPass: a pay or prepay still open, started at this gate's code (an exit's pay, or an
 * entry's prepay of a session its driver started there). The camera's heartbeat then asks the
 * platform (protocol note 9) instead of waiting for a notification that may be lost, as it does
 * for a plated car held at the lane: the driver whose phone went quiet after paying still leaves.
 */
export function scanPassAwaitsPayment(
  gate: Pick<Gate, 'id' | 'kind'>,
  session: Session,
  now: number,
): boolean {
  const paying = openCalls(session).filter((c) => c.kind === 'pay' || c.kind === 'prepay');
  if (paying.length === 0) return false;
  if (gate.kind === 'exit') return paying.some((c) => c.exitGateId === gate.id);
  if (gate.kind === 'entry') return startedByScanAt(gate, session, now);
  return false;
}

/**
 * Started by a driver (an openid from the start, not a claim of a camera's session) at this entry
 * gate's code, recently enough for its car to be let in by the scan.
 */
function startedByScanAt(gate: Pick<Gate, 'id'>, session: Session, now: number): boolean {
  const byScan = session.openid !== undefined && session.claimed !== true;
  return (
    byScan &&
    session.gateId === gate.id &&
    session.flow !== 'roadside_booking' &&
    now - session.inTime <= ENTRY_SCAN_SECONDS
  );
}
