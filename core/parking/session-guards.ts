import { refuse, type DomainRefusal } from './result';
import {
  type PlatformCall,
  type Session,
  OPEN_CALL_STATUSES,
  findCall,
  frozenLeft,
} from './session';
import type { FreezeTotals, SessionEvent } from './session-events';

/**
 * Named conditions of the transition table. A guard returns nothing when the row may apply, or
 * the refusal to give when no other row applies either.
 */
export type Guard = (session: Session, event: SessionEvent) => DomainRefusal | undefined;

function callOf(session: Session, event: SessionEvent): PlatformCall | undefined {
  return 'callId' in event ? findCall(session, event.callId) : undefined;
}

const notPending = () => refuse('CALL_NOT_PENDING', '该交易已有结果，无需重复处理');

function amountMatches(call: PlatformCall, event: SessionEvent): DomainRefusal | undefined {
  if (event.type === 'payment_succeeded' && event.amount !== call.amount) {
    // Protocol note 11: a different amount changes nothing; the caller records the anomaly.
    return refuse('AMOUNT_MISMATCH', '支付金额与订单不符');
  }
  return undefined;
}

function openCall(kind: PlatformCall['kind'][]): Guard {
  return (session, event) => {
    const call = callOf(session, event);
    if (!call || !kind.includes(call.kind)) return refuse('UNKNOWN_CALL', '找不到对应的交易');
    if (!OPEN_CALL_STATUSES.includes(call.status)) return notPending();
    return amountMatches(call, event);
  };
}

function givenUp(kind: PlatformCall['kind']): Guard {
  return (session, event) => {
    const call = callOf(session, event);
    if (!call || call.kind !== kind) return refuse('UNKNOWN_CALL', '找不到对应的交易');
    if (call.status !== 'failed' && call.status !== 'abandoned') return notPending();
    return amountMatches(call, event);
  };
}

function totalsFit(session: Session, totals: FreezeTotals): DomainRefusal | undefined {
  const fits =
    totals.fee === session.amounts.frozen && totals.finished + totals.returned <= totals.fee;
  return fits ? undefined : refuse('TOTALS_MISMATCH', '平台返回的金额与记录不符');
}

const openFreezeCall: Guard = (session, event) => {
  const refusal = openCall(['finish', 'cancel'])(session, event);
  if (refusal) return refusal;
  return event.type === 'freeze_call_succeeded' ? totalsFit(session, event.totals) : undefined;
};

/** Whether a settlement's success lets the vehicle leave, from what its call recorded. */
export function settlementLetsLeave(call: PlatformCall): boolean {
  if (call.purpose === 'operator') return true;
  if (call.purpose !== 'exit') return false;
  return call.kind === 'finish' ? call.amount >= (call.due ?? 0) : (call.due ?? 0) === 0;
}

function endAmount(session: Session, event: SessionEvent): DomainRefusal | undefined {
  if (!('amount' in event) || !('call' in event)) return undefined;
  const left = frozenLeft(session);
  if (event.call === 'finish' && event.amount > left) {
    return refuse('AMOUNT_OVER_FROZEN', '结算金额超过冻结余额');
  }
  if (event.call === 'cancel' && event.amount !== left) {
    return refuse('CANCEL_NOT_ALL', '回退金额必须等于冻结余额');
  }
  return undefined;
}

function atExitCall(inner: Guard): Guard {
  return (session, event) => {
    const refusal = inner(session, event);
    if (refusal) return refusal;
    return callOf(session, event)?.atExit ? undefined : refuse('NOT_AT_EXIT', '不是在出口发起的');
  };
}

const holdNotOver: Guard = (session, event) =>
  event.at > (session.holdUntil ?? Number.POSITIVE_INFINITY)
    ? refuse('HOLD_EXPIRED', '预订保留时间已过，无法确认到达；将按爽约规则处理')
    : undefined;

const settledToLeave: Guard = (session, event) => {
  const refusal = openFreezeCall(session, event);
  if (refusal) return refusal;
  const call = callOf(session, event) as PlatformCall;
  return settlementLetsLeave(call) ? undefined : refuse('NOT_COVERED', '结算未覆盖应缴费用');
};

export const GUARDS = {
  /** The pay this event names is the one still open (and, for a success, of the same amount). */
  openPay: { describe: 'the pending pay, same amount', check: openCall(['pay']) },
  openPrepay: { describe: 'the pending prepay, same amount', check: openCall(['prepay']) },
  openPayAtExit: {
    describe: 'the pending pay, same amount, started from an exit gate',
    check: atExitCall(openCall(['pay'])),
  },
  /** Any still-open call this event names. */
  openAnyCall: {
    describe: 'a call still open',
    check: openCall(['pay', 'prepay', 'finish', 'cancel']),
  },
  openFreezeCall: {
    describe: 'the pending finish or cancel; totals agree with the freeze',
    check: openFreezeCall,
  },
  latePay: { describe: 'a pay we had given up succeeded after all', check: givenUp('pay') },
  latePrepay: {
    describe: 'a prepay we had given up succeeded after all',
    check: givenUp('prepay'),
  },
  /** A payment for a call that is not the pending one: recorded as money and as an anomaly. */
  strayPayment: {
    describe: 'a known call, same amount',
    check: ((session, event) => {
      const call = callOf(session, event);
      if (!call || (call.kind !== 'pay' && call.kind !== 'prepay')) {
        return refuse('UNKNOWN_CALL', '找不到对应的交易');
      }
      return amountMatches(call, event);
    }) as Guard,
  },
  graceOver: {
    describe: 'the grace time after the last payment is over',
    check: ((session, event) =>
      event.at > (session.mayLeaveUntil ?? 0)
        ? undefined
        : refuse('ALREADY_PAID', '已支付，请在规定时间内离场')) as Guard,
  },
  holdNotOver: {
    describe: 'the booking hold is not over (a later arrival follows the no-show rule)',
    check: holdNotOver,
  },
  arrivalInTime: {
    describe: 'the hold is not over; the booking fee is at most what is frozen',
    check: ((session, event) =>
      holdNotOver(session, event) ??
      ('amount' in event && event.amount > frozenLeft(session)
        ? refuse('AMOUNT_OVER_FROZEN', '预订费超过冻结余额')
        : undefined)) as Guard,
  },
  endAmount: {
    describe: 'finish at most what is frozen; cancel exactly what is frozen',
    check: endAmount,
  },
  cancelAll: {
    describe: 'cancel exactly what is frozen',
    check: ((session, event) =>
      'amount' in event && event.amount !== frozenLeft(session)
        ? refuse('CANCEL_NOT_ALL', '回退金额必须等于冻结余额')
        : undefined) as Guard,
  },
  holdExpired: {
    describe: 'the booking hold is over; amount as for a settlement',
    check: ((session, event) =>
      event.at < (session.holdUntil ?? Number.POSITIVE_INFINITY)
        ? refuse('HOLD_NOT_OVER', '预订保留时间未到')
        : endAmount(session, event)) as Guard,
  },
  settledToLeave: {
    describe: 'the settlement covered what was due (or an operator decided): the vehicle may leave',
    check: settledToLeave,
  },
  settledAtExit: {
    describe: 'as settledToLeave, started from an exit gate: the scan is the exit',
    check: atExitCall(settledToLeave),
  },
  settledToStay: {
    describe: 'the settlement left a balance, or was made before endTime with the vehicle staying',
    check: ((session, event) => {
      const refusal = openFreezeCall(session, event);
      if (refusal) return refusal;
      const call = callOf(session, event) as PlatformCall;
      return settlementLetsLeave(call) ? refuse('COVERED', '结算已覆盖应缴费用') : undefined;
    }) as Guard,
  },
  endTimePassed: {
    describe: 'endTime has passed; totals agree with the freeze',
    check: ((session, event) => {
      if (session.endTime === undefined || event.at < session.endTime) {
        return refuse('END_TIME_NOT_PASSED', '冻结尚未到期');
      }
      return event.type === 'platform_settled' ? totalsFit(session, event.totals) : undefined;
    }) as Guard,
  },
} satisfies Record<string, { describe: string; check: Guard }>;

export type GuardName = keyof typeof GUARDS;
