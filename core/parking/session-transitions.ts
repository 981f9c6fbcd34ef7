import type { GuardName } from './session-guards';
import type { SessionEventType } from './session-events';
import {
  LIVE_STATES,
  PENDING_STATES,
  SESSION_STATES,
  type SessionFlow,
  type SessionState,
} from './session-states';

/** A row's target that keeps the state: the event records money or an anomaly only. */
export const SAME = 'same' as const;

export interface TransitionRule {
  event: SessionEventType;
  from: readonly SessionState[];
  to: SessionState | typeof SAME;
  /** Only for these flows (all when absent). */
  flows?: readonly SessionFlow[];
  guard?: GuardName;
}

const ALL = SESSION_STATES;
const PREPAY_FLOW: readonly SessionFlow[] = ['entry_prepay'];
const BOOKING_FLOW: readonly SessionFlow[] = ['roadside_booking'];

/**
 * THE transition table. For an event, the rows whose `from` holds the current state (and whose
 * flow fits) are tried in order; the first whose guard passes applies. Order matters only where
 * rows share a state: the specific rows come before the catch-all ones.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  // Pay (消费): at exit, at a pay station, for a balance, or for an overstay after the grace time.
  { event: 'pay_requested', from: ['open'], to: 'awaiting_payment' },
  { event: 'pay_requested', from: ['paid'], to: 'awaiting_payment', guard: 'graceOver' },
  { event: 'request_accepted', from: ['awaiting_payment'], to: SAME, guard: 'openPay' },
  { event: 'request_accepted', from: ['awaiting_prepay'], to: SAME, guard: 'openPrepay' },
  { event: 'call_outcome_unknown', from: PENDING_STATES, to: SAME, guard: 'openAnyCall' },

  // A pay started from an exit gate's code: the gate opens for the car, the scan is its exit.
  { event: 'payment_succeeded', from: ['awaiting_payment'], to: 'closed', guard: 'openPayAtExit' },
  { event: 'payment_succeeded', from: ['awaiting_payment'], to: 'paid', guard: 'openPay' },
  {
    event: 'payment_succeeded',
    from: ['awaiting_prepay'],
    to: 'frozen',
    flows: PREPAY_FLOW,
    guard: 'openPrepay',
  },
  {
    event: 'payment_succeeded',
    from: ['awaiting_prepay'],
    to: 'booked',
    flows: BOOKING_FLOW,
    guard: 'openPrepay',
  },
  // A payment we had given up succeeded after all: it stands.
  { event: 'payment_succeeded', from: ['open'], to: 'paid', guard: 'latePay' },
  {
    event: 'payment_succeeded',
    from: ['failed'],
    to: 'frozen',
    flows: PREPAY_FLOW,
    guard: 'latePrepay',
  },
  {
    event: 'payment_succeeded',
    from: ['failed', 'cancelled'],
    to: 'booked',
    flows: BOOKING_FLOW,
    guard: 'latePrepay',
  },
  // Anywhere else: keep the money on record and flag it (late or double payment).
  { event: 'payment_succeeded', from: ALL, to: SAME, guard: 'strayPayment' },

  { event: 'payment_failed', from: ['awaiting_payment'], to: 'open', guard: 'openPay' },
  { event: 'payment_failed', from: ['awaiting_prepay'], to: 'failed', guard: 'openPrepay' },
  { event: 'payment_abandoned', from: ['awaiting_payment'], to: 'open', guard: 'openPay' },
  // An entry prepay never made is no parking at all (shown as 未完成支付); a booking never paid
  // is a cancelled booking.
  {
    event: 'payment_abandoned',
    from: ['awaiting_prepay'],
    to: 'failed',
    flows: PREPAY_FLOW,
    guard: 'openPrepay',
  },
  {
    event: 'payment_abandoned',
    from: ['awaiting_prepay'],
    to: 'cancelled',
    flows: BOOKING_FLOW,
    guard: 'openPrepay',
  },

  // Roadside booking: arrival (feeType=1 when there is a booking fee), cancel, no-show.
  {
    event: 'arrival_recorded',
    from: ['booked'],
    to: 'parked',
    flows: BOOKING_FLOW,
    guard: 'holdNotOver',
  },
  {
    event: 'arrival_requested',
    from: ['booked'],
    to: 'arriving',
    flows: BOOKING_FLOW,
    guard: 'arrivalInTime',
  },
  { event: 'freeze_call_succeeded', from: ['arriving'], to: 'parked', guard: 'openFreezeCall' },
  { event: 'freeze_call_failed', from: ['arriving'], to: 'booked', guard: 'openFreezeCall' },

  { event: 'cancel_requested', from: ['booked'], to: 'cancelling', guard: 'cancelAll' },
  {
    event: 'freeze_call_succeeded',
    from: ['cancelling'],
    to: 'cancelled',
    guard: 'openFreezeCall',
  },
  { event: 'freeze_call_failed', from: ['cancelling'], to: 'booked', guard: 'openFreezeCall' },

  { event: 'no_show_requested', from: ['booked'], to: 'no_show_settling', guard: 'holdExpired' },
  {
    event: 'freeze_call_succeeded',
    from: ['no_show_settling'],
    to: 'no_show',
    guard: 'openFreezeCall',
  },
  {
    event: 'freeze_call_failed',
    from: ['no_show_settling'],
    to: 'booked',
    guard: 'openFreezeCall',
  },

  // Ending a freeze with the vehicle inside: at exit, by an operator, or before endTime.
  { event: 'settlement_requested', from: ['frozen', 'parked'], to: 'settling', guard: 'endAmount' },
  { event: 'freeze_call_succeeded', from: ['settling'], to: 'closed', guard: 'settledAtExit' },
  { event: 'freeze_call_succeeded', from: ['settling'], to: 'paid', guard: 'settledToLeave' },
  { event: 'freeze_call_succeeded', from: ['settling'], to: 'open', guard: 'settledToStay' },
  {
    event: 'freeze_call_failed',
    from: ['settling'],
    to: 'frozen',
    flows: PREPAY_FLOW,
    guard: 'openFreezeCall',
  },
  {
    event: 'freeze_call_failed',
    from: ['settling'],
    to: 'parked',
    flows: BOOKING_FLOW,
    guard: 'openFreezeCall',
  },

  // endTime passed first: the platform settled by `road` (protocol note 6).
  {
    event: 'platform_settled',
    from: ['frozen', 'parked', 'arriving', 'settling'],
    to: 'open',
    guard: 'endTimePassed',
  },
  {
    event: 'platform_settled',
    from: ['booked', 'cancelling', 'no_show_settling'],
    to: 'settled_by_platform',
    guard: 'endTimePassed',
  },

  // Leaving.
  { event: 'exit_reported', from: ['open', 'paid', 'awaiting_payment'], to: 'closed' },
  { event: 'operator_closed', from: ['open', 'paid', 'awaiting_payment'], to: 'closed' },
  { event: 'exit_not_recorded', from: ['open', 'paid'], to: 'closed' },

  // Records that keep the state.
  { event: 'stale_flagged', from: LIVE_STATES, to: SAME },
  { event: 'anomaly_recorded', from: ALL, to: SAME },
  { event: 'anomalies_resolved', from: ALL, to: SAME },
];

/**
 * States in which the work an event asks for is already under way or done (by someone else,
 * e.g. a second tap or a concurrent request): the event is answered 'already' there, when no
 * row applies. Exact repeats of an event (same call) are recognised before the table.
 */
export const DONE_STATES: Readonly<Record<SessionEventType, readonly SessionState[]>> = {
  pay_requested: ['awaiting_payment', 'paid'],
  request_accepted: [],
  call_outcome_unknown: [],
  payment_succeeded: [],
  payment_failed: [],
  payment_abandoned: [],
  arrival_recorded: ['arriving', 'parked'],
  arrival_requested: ['arriving', 'parked'],
  settlement_requested: ['settling'],
  cancel_requested: ['cancelling', 'cancelled'],
  no_show_requested: ['no_show_settling', 'no_show'],
  freeze_call_succeeded: [],
  freeze_call_failed: [],
  platform_settled: ['settled_by_platform'],
  exit_reported: ['closed'],
  operator_closed: ['closed'],
  exit_not_recorded: ['closed'],
  stale_flagged: [],
  anomaly_recorded: [],
  anomalies_resolved: [],
};
