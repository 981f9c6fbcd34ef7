import type { PlatformCall, Session } from '../../core/parking/session';

/**
 * Where a session's money moved, and when (pure). Charges are counted on the day their call
 * succeeded; what a freeze returned is counted on the day the freeze ended (a finish feeType=9
 * returns the rest by itself, protocol note 7, so returns are not per call); what the platform
 * settled at endTime (protocol note 6) on the day it was learnt.
 */
export interface Movement {
  at: number;
  charged: number;
  returned: number;
  /** Handling fee (`feeAIP`), borne by the merchant (spec 5a). */
  aip: number;
}

const succeeded = (c: PlatformCall) => c.status === 'succeeded' && c.resolvedAt !== undefined;

export function moneyMovements(session: Session): Movement[] {
  const moves: Movement[] = [];
  let finishedByCalls = 0;
  let freezeEndedAt: number | undefined;
  for (const call of session.calls.filter(succeeded)) {
    const at = call.resolvedAt as number;
    if (call.kind === 'pay')
      moves.push({ at, charged: call.amount, returned: 0, aip: call.aip ?? 0 });
    if (call.kind === 'prepay' && (call.aip ?? 0) > 0) {
      moves.push({ at, charged: 0, returned: 0, aip: call.aip ?? 0 });
    }
    if (call.kind === 'finish') {
      finishedByCalls += call.amount;
      moves.push({ at, charged: call.amount, returned: 0, aip: 0 });
    }
    const endsFreeze = call.kind === 'cancel' || (call.kind === 'finish' && call.feeType === 9);
    if (endsFreeze) freezeEndedAt = Math.max(freezeEndedAt ?? 0, at);
  }
  const settledAt = session.settledByPlatformAt;
  if (settledAt !== undefined) {
    freezeEndedAt = Math.max(freezeEndedAt ?? 0, settledAt);
    const byPlatform = session.amounts.finished - finishedByCalls;
    if (byPlatform > 0) moves.push({ at: settledAt, charged: byPlatform, returned: 0, aip: 0 });
  }
  if (session.amounts.returned > 0) {
    moves.push({
      at: freezeEndedAt ?? session.updatedAt,
      charged: 0,
      returned: session.amounts.returned,
      aip: 0,
    });
  }
  return moves;
}

export interface MoneyTotals {
  charged: number;
  returned: number;
  handlingFee: number;
  /** What the merchant keeps: charged less the handling fee. */
  net: number;
}

export const ZERO_TOTALS: MoneyTotals = Object.freeze({
  charged: 0,
  returned: 0,
  handlingFee: 0,
  net: 0,
});

export function addMovement(totals: MoneyTotals, move: Movement): MoneyTotals {
  const charged = totals.charged + move.charged;
  const handlingFee = totals.handlingFee + move.aip;
  return {
    charged,
    returned: totals.returned + move.returned,
    handlingFee,
    net: charged - handlingFee,
  };
}

/** Totals of the movements of `sessions` inside [start, end). */
export function totalsBetween(
  sessions: readonly Session[],
  start: number,
  end: number,
): MoneyTotals {
  let totals = { ...ZERO_TOTALS };
  for (const session of sessions) {
    for (const move of moneyMovements(session)) {
      if (move.at >= start && move.at < end) totals = addMovement(totals, move);
    }
  }
  return totals;
}

/** Whether some money of the session moved, or a payment was asked for, inside [start, end). */
export function touchedBetween(session: Session, start: number, end: number): boolean {
  const inside = (t: number | undefined) => t !== undefined && t >= start && t < end;
  return (
    moneyMovements(session).some((m) => inside(m.at)) ||
    session.calls.some(
      (c) =>
        (c.kind === 'pay' || c.kind === 'prepay') &&
        (inside(c.requestedAt) || inside(c.resolvedAt)),
    )
  );
}
