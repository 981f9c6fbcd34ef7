import { z } from 'zod';
import { entityId, fen, positiveFen, unixSeconds } from './primitives';
import { reqsnSchema } from './reqsn';
import { ANOMALY_CODES } from './session';

/**
 * What can happen to a session. Every event carries `at` (unix seconds: when it happened, e.g.
 * the platform's fintime) and optionally `by` (an openid, or 'gate', 'reconcile', 'notify').
 * Events naming a platform call carry its `callId` (see PlatformCall.id).
 */
const common = {
  at: unixSeconds,
  by: z.string().max(64).optional(),
};
const callId = reqsnSchema;
/** The running totals of a freeze from a finish, cancel or query answer (protocol notes 7 to 9). */
export const freezeTotalsSchema = z.object({
  fee: fen,
  finished: fen,
  returned: fen,
  aip: fen.optional(),
  coupons: fen.optional(),
});
export type FreezeTotals = z.infer<typeof freezeTotalsSchema>;

const failure = { code: z.string().min(1).max(40), message: z.string().max(200) };

export const sessionEventSchema = z.discriminatedUnion('type', [
  /** A pay (消费) is about to be sent: recorded first, so a lost answer can be queried. */
  z.object({
    type: z.literal('pay_requested'),
    ...common,
    callId,
    amount: positiveFen,
    /** Started from an exit gate's code: its success closes the session (the scan is the exit). */
    atExit: z.literal(true).optional(),
    /** That exit gate: its camera raises the barrier once the session is closed. */
    exitGateId: entityId.optional(),
    /** Submitted by the payer's browser (the H5 page, protocol note 12), not sent by us. */
    browser: z.literal(true).optional(),
  }),
  /** The platform answered SUCCESS with payinfo: the payer can pay now. */
  z.object({
    type: z.literal('request_accepted'),
    ...common,
    callId,
    trxid: z.string().max(20).optional(),
  }),
  /** A call timed out: its outcome is unknown until a query (protocol note 4). */
  z.object({ type: z.literal('call_outcome_unknown'), ...common, callId }),
  /** A pay or prepay succeeded (notification or query, after the cross-check of protocol note 11). */
  z.object({
    type: z.literal('payment_succeeded'),
    ...common,
    callId,
    amount: fen,
    trxid: z.string().max(20).optional(),
    aip: fen.optional(),
    /** Coupons used (sum of couponFee): only query answers carry couponList (notes 7, 9). */
    coupons: fen.optional(),
    completedAt: unixSeconds.optional(),
  }),
  /** A pay or prepay failed, was refused, or a query found it does not exist. */
  z.object({ type: z.literal('payment_failed'), ...common, callId, ...failure }),
  /** The payer or the system gave up a pay or prepay that was not paid. */
  z.object({
    type: z.literal('payment_abandoned'),
    ...common,
    callId,
    reason: z.string().max(200).optional(),
  }),
  /** The booked driver arrived and there is no booking fee (a finish may not be 0, protocol note 7). */
  z.object({ type: z.literal('arrival_recorded'), ...common }),
  /** The booked driver arrived: finish feeType=1 with the booking fee is about to be sent. */
  z.object({ type: z.literal('arrival_requested'), ...common, callId, amount: positiveFen }),
  /**
   * The freeze is to be ended: finish feeType=9 of `amount` (the rest returns by itself), or, when
   * nothing is to be charged, cancel of all that is left. `due` is what the vehicle owes for
   * parking at `at`.
   */
  z.object({
    type: z.literal('settlement_requested'),
    ...common,
    callId,
    call: z.enum(['finish', 'cancel']),
    amount: positiveFen,
    due: fen,
    purpose: z.enum(['exit', 'before_end', 'operator']),
    reason: z.string().max(200).optional(),
    /** An operator's cancel (not a finish) of the stay. */
    operatorCancel: z.literal(true).optional(),
    /** Started from an exit gate's code: a settlement that covers the stay closes the session. */
    atExit: z.literal(true).optional(),
    exitGateId: entityId.optional(),
  }),
  /** A booking is cancelled before arrival: cancel of all that is frozen is about to be sent. */
  z.object({
    type: z.literal('cancel_requested'),
    ...common,
    callId,
    amount: positiveFen,
    reason: z.string().max(200).optional(),
  }),
  /** The booked driver never came: finish (no-show charge) or cancel (nothing charged). */
  z.object({
    type: z.literal('no_show_requested'),
    ...common,
    callId,
    call: z.enum(['finish', 'cancel']),
    amount: positiveFen,
  }),
  /** A finish or cancel succeeded, with the platform's running totals. */
  z.object({
    type: z.literal('freeze_call_succeeded'),
    ...common,
    callId,
    totals: freezeTotalsSchema,
  }),
  /** A finish or cancel failed, or a query found it was not applied. */
  z.object({ type: z.literal('freeze_call_failed'), ...common, callId, ...failure }),
  /** endTime passed and the platform settled the rest by `road` (protocol note 6), learnt by query. */
  z.object({ type: z.literal('platform_settled'), ...common, totals: freezeTotalsSchema }),
  /** The vehicle left (gate controller, or the driver leaving a roadside spot). */
  z.object({
    type: z.literal('exit_reported'),
    ...common,
    amountDue: fen,
    /** The exit gate, when a driver's scan of its code is the exit (nothing was due). */
    gateId: entityId.optional(),
  }),
  /**
   * The plate entered again while this session was still open or paid: the car left unseen.
   * Closed with what it paid, flagged for an operator.
   */
  z.object({ type: z.literal('exit_not_recorded'), ...common }),
  /** An operator ends the session without (further) payment, e.g. after opening the gate. */
  z.object({
    type: z.literal('operator_closed'),
    ...common,
    by: z.string().min(1).max(64),
    reason: z.string().min(1).max(200),
    /** An operator's cancel (not a finish) of the stay. */
    operatorCancel: z.literal(true).optional(),
  }),
  /** Unfinished for longer than the lot's limit: flag it for an operator. */
  z.object({ type: z.literal('stale_flagged'), ...common }),
  /** Something an operator must see; the state does not change (protocol note 11). */
  z.object({
    type: z.literal('anomaly_recorded'),
    ...common,
    code: z.enum(ANOMALY_CODES),
    detail: z.string().max(500),
  }),
  /** An operator has dealt with the open anomalies. */
  z.object({
    type: z.literal('anomalies_resolved'),
    ...common,
    by: z.string().min(1).max(64),
    reason: z.string().min(1).max(200),
  }),
]);

export type SessionEvent = z.infer<typeof sessionEventSchema>;
export type SessionEventType = SessionEvent['type'];
export type EventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;

export const SESSION_EVENT_TYPES = sessionEventSchema.options.map(
  (o) => o.shape.type.value,
) as SessionEventType[];
