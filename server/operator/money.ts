import type { PlatformCall, Session } from '../../core/parking/session';
import type { MoneyTotals } from '../contract/operator-views';

/**
 * Where a session's money moved, and on which moment of the platform's books (pure). Every
 * report (dashboard, revenue, reconciliation, export) dates money with this one function, so
 * that they agree to the fen on every China day:
 * - a pay is dated when the platform completed it: the `fintime` of its notification or query
 *   answer (call.completedAt, protocol note 3), else when we learnt it;
 * - a finish or cancel when it succeeded (its answer is synchronous); a finish feeType=9 returns
 *   the rest of the freeze by itself on the same moment (protocol note 7);
 * - what the platform settled by itself at endTime (road 1 charged, road 9 returned) at endTime
 *   (protocol note 6), even when we learnt it later;
 * - a handling fee (`feeAIP`) on the moment of the charge it is levied on: a pay's with the pay;
 *   a prepay's is the running total of its answers, computed on the cumulative charge (sandbox
 *   ledger, spec 支付手续费), so each finish carries the increase its own answer reported
 *   (call.aipTotal) and the platform's settlement the rest. A freeze itself charges nothing (its
 *   notification says feeAIP=0), so no day can show a fee without its charge.
 */
export type MovementKind = 'pay' | 'finish' | 'cancel' | 'settle';

export interface Movement {
  at: number;
  kind: MovementKind;
  /** The reqsn on the wire (a finish or cancel sends the prepay's). */
  reqsn?: string;
  trxid?: string;
  charged: number;
  returned: number;
  /** Handling fee (`feeAIP`), borne by the merchant (spec 5a). */
  aip: number;
}

const succeeded = (c: PlatformCall) => c.status === 'succeeded' && c.resolvedAt !== undefined;

function completedAt(call: PlatformCall): number {
  const learnt = call.resolvedAt as number;
  return call.completedAt !== undefined ? Math.min(call.completedAt, learnt) : learnt;
}

export function moneyMovements(session: Session): Movement[] {
  const moves: Movement[] = [];
  const calls = session.calls
    .filter(succeeded)
    .map((call, index) => ({ call, index }))
    .sort((a, b) => completedAt(a.call) - completedAt(b.call) || a.index - b.index)
    .map((x) => x.call);
  const prepay = calls.find((c) => c.kind === 'prepay');
  let frozenLeft = prepay?.amount ?? 0;
  let aipSoFar = 0;
  const onFreeze = { charged: 0, returned: 0 };
  let lastFreezeMove: Movement | undefined;
  for (const call of calls) {
    const at = completedAt(call);
    const ids = { reqsn: call.reqsn, ...(call.trxid !== undefined && { trxid: call.trxid }) };
    if (call.kind === 'pay') {
      moves.push({
        at,
        kind: 'pay',
        ...ids,
        charged: call.amount,
        returned: 0,
        aip: call.aip ?? 0,
      });
      continue;
    }
    if (call.kind === 'prepay') continue;
    const charged = call.kind === 'finish' ? Math.min(call.amount, frozenLeft) : 0;
    const returned =
      call.kind === 'cancel'
        ? Math.min(call.amount, frozenLeft)
        : call.feeType === 9
          ? frozenLeft - charged
          : 0;
    frozenLeft -= charged + returned;
    onFreeze.charged += charged;
    onFreeze.returned += returned;
    const aip = Math.max(0, (call.aipTotal ?? aipSoFar) - aipSoFar);
    aipSoFar += aip;
    lastFreezeMove = { at, kind: call.kind, reqsn: call.reqsn, charged, returned, aip };
    moves.push(lastFreezeMove);
  }
  // What the platform's running totals hold beyond our calls: its settlement at endTime, or (for
  // an old record without per-call fees) the rest of the handling fee.
  const rest = {
    charged: Math.max(0, session.amounts.finished - onFreeze.charged),
    returned: Math.max(0, session.amounts.returned - onFreeze.returned),
    aip: Math.max(0, (prepay?.aip ?? 0) - aipSoFar),
  };
  const settledAt = session.settledByPlatformAt;
  if (settledAt !== undefined && (rest.charged > 0 || rest.returned > 0 || rest.aip > 0)) {
    const at = session.endTime !== undefined ? Math.min(session.endTime, settledAt) : settledAt;
    moves.push({ at, kind: 'settle', ...(prepay && { reqsn: prepay.reqsn }), ...rest });
  } else if (rest.aip > 0) {
    if (lastFreezeMove) lastFreezeMove.aip += rest.aip;
    else if (prepay) {
      moves.push({
        at: completedAt(prepay),
        kind: 'finish',
        reqsn: prepay.reqsn,
        charged: 0,
        returned: 0,
        aip: rest.aip,
      });
    }
  }
  return moves.sort((a, b) => a.at - b.at);
}

export type { MoneyTotals };

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
