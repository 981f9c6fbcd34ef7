import type { Gate } from '../../core/parking/gate';
import type { Lot } from '../../core/parking/lot';
import { amountDue } from '../../core/parking/amount-due';
import { formatDuration } from '../../core/parking/duration-text';
import { MAY_LEAVE_TEXT, mayLeave } from '../../core/parking/may-leave';
import {
  type Session,
  chargedForParking,
  frozenLeft,
  neverStarted,
  openCalls,
  parkingStart,
} from '../../core/parking/session';
import { STATE_INFO, type SessionState } from '../../core/parking/session-states';
import type { Spot } from '../../core/parking/spot';
import { clockPeriods, type Tariff } from '../../core/parking/tariff';
import type {
  GateView,
  LotView,
  NextAction,
  Quote,
  Receipt,
  SessionView,
  SpotStatus,
  SpotView,
  TariffView,
} from '../contract/driver-views';

/**
 * What drivers see (pure), built as the contract's types say (server/contract/driver-views.ts). Sessions are shown without platform details (no reqsn, no history,
 * no anomalies): money as integer fen, times as unix seconds; the pages format them.
 */

export function lotView(lot: Lot): LotView {
  return {
    id: lot.id,
    name: lot.name,
    kind: lot.kind,
    entryPrepay: lot.entryPrepay,
    prepay: { ...lot.prepay },
    road: lot.road,
    noPlateProvince: lot.noPlateProvince,
    graceSeconds: lot.graceSeconds,
  };
}

export function tariffView(tariff: Tariff): TariffView {
  return {
    name: tariff.name,
    freeMinutes: tariff.freeMinutes,
    freeDeducted: tariff.freeDeducted,
    unitMinutes: tariff.unitMinutes,
    periods: clockPeriods(tariff).map((p) => ({
      name: p.name,
      label: p.label,
      pricePerUnit: p.pricePerUnit,
    })),
    capPer24h: tariff.capPer24h,
    bookingFee: tariff.bookingFee,
    bookingHoldMinutes: tariff.bookingHoldMinutes,
    noShow: tariff.noShow,
  };
}

export const gateView = (gate: Gate): GateView => ({
  id: gate.id,
  lotId: gate.lotId,
  kind: gate.kind,
  name: gate.name,
});

const BOOKED_STATES: readonly SessionState[] = [
  'awaiting_prepay',
  'booked',
  'arriving',
  'cancelling',
  'no_show_settling',
];

export function spotStatus(live: Session | undefined): SpotStatus {
  if (!live) return 'free';
  return BOOKED_STATES.includes(live.state) ? 'booked' : 'occupied';
}

export function spotView(spot: Spot, live: Session | undefined, openid: string): SpotView {
  return {
    id: spot.id,
    lotId: spot.lotId,
    code: spot.code,
    name: spot.name,
    status: spotStatus(live),
    mine: live !== undefined && live.openid === openid,
    ...(live && live.openid === openid && { sessionId: live.id }),
  };
}

/**
 * The label people read: the state's, except a session closed because its plate entered again
 * (its exit never seen), which says so.
 */
export function stateLabelOf(session: Pick<Session, 'state' | 'anomalies'>): string {
  if (session.state === 'closed' && session.anomalies.some((a) => a.code === 'exit_not_recorded'))
    return '未记录出场';
  return STATE_INFO[session.state].label;
}

export function sessionView(session: Session): SessionView {
  const a = session.amounts;
  const optional = {
    ...(session.gateId !== undefined && { gateId: session.gateId }),
    ...(session.spotId !== undefined && { spotId: session.spotId }),
    ...(session.arrivedAt !== undefined && { arrivedAt: session.arrivedAt }),
    ...(session.holdUntil !== undefined && { holdUntil: session.holdUntil }),
    ...(session.endTime !== undefined && { endTime: session.endTime }),
    ...(session.paidAt !== undefined && { paidAt: session.paidAt }),
    ...(session.outTime !== undefined && { outTime: session.outTime }),
    ...(session.mayLeaveUntil !== undefined && { mayLeaveUntil: session.mayLeaveUntil }),
  };
  return {
    id: session.id,
    lotId: session.lotId,
    plate: session.plate,
    flow: session.flow,
    state: session.state,
    stateLabel: stateLabelOf(session),
    final: STATE_INFO[session.state].final,
    pending: openCalls(session).length > 0,
    inTime: session.inTime,
    ...optional,
    amounts: {
      paid: a.paid,
      frozen: a.frozen,
      finished: a.finished,
      returned: a.returned,
      frozenLeft: frozenLeft(session),
      bookingFee: a.bookingFee,
      handlingFee: a.aip,
      coupons: a.coupons,
    },
  };
}

function nextAction(session: Session, due: number, now: number): NextAction {
  if (openCalls(session).length > 0) return 'confirm';
  switch (session.state) {
    case 'open':
      return due > 0 ? 'pay' : 'leave';
    case 'paid':
      return now <= (session.mayLeaveUntil ?? 0) || due === 0 ? 'leave' : 'pay';
    case 'frozen':
    case 'parked':
      return 'settle';
    case 'booked':
      return 'arrive';
    default:
      return 'none';
  }
}

/** Ending a freeze of `left` for a fee of `due`: at most the freeze is charged, the rest returns. */
export function settlementOf(left: number, due: number) {
  const fromFreeze = Math.min(due, left);
  return { fromFreeze, returned: left - fromFreeze, balance: due - fromFreeze };
}

export function quoteOf(session: Session, now: number): Quote {
  const view = sessionView(session);
  const computed = parkingStart(session) === undefined ? undefined : amountDue(session, now);
  const value = computed?.ok ? computed.value : undefined;
  const due = value?.due ?? 0;
  const verdict = mayLeave(session, now, value ? due : undefined);
  return {
    session: view,
    fee: value?.quote.total ?? 0,
    lines: value?.quote.lines ?? [],
    durationSeconds: value?.quote.durationSeconds ?? 0,
    charged: chargedForParking(session),
    due,
    next: nextAction(session, due, now),
    mayLeave: { ...verdict, text: MAY_LEAVE_TEXT[verdict.reason] },
    ...((session.state === 'frozen' || session.state === 'parked') &&
      value && { settlement: settlementOf(frozenLeft(session), due) }),
    at: now,
  };
}

/**
 * Where the billed time of a session ends: its exit; a session that ended without one (cancelled,
 * no-show, settled by the platform) at its last change, never running on with the clock.
 */
export function billedUntil(session: Session, now: number): number {
  if (session.outTime !== undefined) return session.outTime;
  return STATE_INFO[session.state].final ? session.updatedAt : now;
}

export function receiptOf(session: Session, now: number): Receipt {
  // A prepay never made: no parking happened, nothing to bill (shown once as 未完成支付).
  const start = neverStarted(session) ? undefined : parkingStart(session);
  const end = billedUntil(session, now);
  const computed = start === undefined ? undefined : amountDue(session, Math.max(end, start));
  const value = computed?.ok ? computed.value : undefined;
  const durationSeconds = value?.quote.durationSeconds ?? 0;
  const a = session.amounts;
  return {
    session: sessionView(session),
    durationSeconds,
    durationText: formatDuration(durationSeconds),
    parkingFee: value?.quote.total ?? 0,
    lines: value?.quote.lines ?? [],
    charged: a.paid + a.finished,
    bookingFee: a.bookingFee,
    returned: a.returned,
    frozen: a.frozen,
    handlingFee: a.aip,
    coupons: a.coupons,
    payments: session.calls.map((c) => ({
      kind: c.kind,
      purpose: c.purpose,
      amount: c.amount,
      status: c.status,
      at: c.resolvedAt ?? c.requestedAt,
    })),
  };
}
