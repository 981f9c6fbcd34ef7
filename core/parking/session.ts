import { z } from 'zod';
import { sessionDiscountSchema } from './discount';
import type { Lot } from './lot';
import { entityId, fen, openid, positiveFen, unixSeconds } from './primitives';
import { reqsnSchema } from './reqsn';
import { privilegeSchema, type Privilege } from '../passes/privilege';
import { type DomainResult, parseWith, refuse } from './result';
import { SESSION_FLOWS, SESSION_STATES } from './session-states';
import { tariffSchema, type Tariff } from './tariff';

/** The platform calls a session makes (protocol notes 5 to 8). */
export const CALL_KINDS = ['pay', 'prepay', 'finish', 'cancel'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** Why a call was made; it decides where its success leads. */
export const CALL_PURPOSES = [
  'payment', // pay: the parking fee (at exit, at a pay station, or for an overstay)
  'freeze', // prepay: entry prepay or booking
  'arrival', // finish feeType=1: the booking fee when the driver arrives
  'exit', // finish feeType=9 or cancel of the rest: the vehicle leaves
  'before_end', // the same, by reconcile before endTime while the vehicle stays
  'operator', // the same, decided by an operator (with a reason)
  'booking_cancel', // cancel of a booking before arrival
  'no_show', // finish or cancel when the booked driver never came
] as const;
export type CallPurpose = (typeof CALL_PURPOSES)[number];

export const CALL_STATUSES = [
  'requested',
  'accepted',
  'unknown',
  'succeeded',
  'failed',
  'abandoned',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
/** The call may still succeed: query it before anything else (protocol note 4). */
export const OPEN_CALL_STATUSES: readonly CallStatus[] = ['requested', 'accepted', 'unknown'];

export const platformCallSchema = z.object({
  /** pay and prepay: their reqsn; finish and cancel: our own operation id (they reuse the prepay's reqsn). */
  id: reqsnSchema,
  kind: z.enum(CALL_KINDS),
  /** The reqsn on the wire: finish and cancel send the prepay's (spec). */
  reqsn: reqsnSchema,
  purpose: z.enum(CALL_PURPOSES),
  /** fee of a pay/prepay, feeFinish of a finish, feeCancel of a cancel. */
  amount: fen,
  feeType: z.union([z.literal(1), z.literal(9)]).optional(),
  /** A settlement: what the vehicle owed for parking when it was requested. */
  due: fen.optional(),
  status: z.enum(CALL_STATUSES),
  requestedAt: unixSeconds,
  resolvedAt: unixSeconds.optional(),
  /** pay/prepay: when the platform completed it (the notification's or query's fintime). */
  completedAt: unixSeconds.optional(),
  trxid: z.string().max(20).optional(),
  /** pay and prepay: the handling fee (`feeAIP`) and coupons the platform reported for it. */
  aip: fen.optional(),
  coupons: fen.optional(),
  /** finish/cancel: the freeze's running feeAIP in its answer (dates each segment's fee). */
  aipTotal: fen.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  by: z.string().optional(),
  reason: z.string().optional(),
  /** Started from an exit gate's code: its success is the exit (the gate opens for the car). */
  atExit: z.literal(true).optional(),
  /** That exit gate (calls recorded before it was kept have only atExit). */
  exitGateId: entityId.optional(),
  /**
   * A pay submitted by the payer's browser without openid (the H5 page, protocol note 12): never
   * sent by us; its notification may be answered `refuse` (note 11).
   */
  browser: z.literal(true).optional(),
});
export type PlatformCall = z.infer<typeof platformCallSchema>;

export const ANOMALY_CODES = [
  'fee_mismatch', // a notification or answer whose amount differs from our call (protocol note 11)
  'cusid_mismatch',
  'unknown_call', // a notification for a reqsn this session never made
  'late_payment', // a payment we had given up on succeeded after all
  'double_payment', // a second payment while another was pending or done
  'stale', // unfinished for longer than the lot's limit
  'left_unpaid', // the vehicle left with a fee due
  'platform_settled', // endTime passed before we ended the freeze ourselves
  'totals_mismatch', // the platform's running totals disagree with ours
  'exit_not_recorded', // the plate entered again while this session was open: closed without an exit
  'not_left', // paid, and not seen leaving within the lot's leave window
  'no_entry', // opened at an exit with no entry record, owing the lot's fixed fee (Lot.noEntryFee)
  'other',
] as const;
export type AnomalyCode = (typeof ANOMALY_CODES)[number];

export const ANOMALY_LABELS: Readonly<Record<AnomalyCode, string>> = {
  fee_mismatch: '金额与订单不符',
  cusid_mismatch: '商户号与订单不符',
  unknown_call: '未知的交易单号',
  late_payment: '已放弃的支付后来成功',
  double_payment: '重复支付',
  stale: '长时间未结束',
  left_unpaid: '未缴费离场',
  platform_settled: '冻结到期由平台结算',
  totals_mismatch: '平台金额与记录不符',
  exit_not_recorded: '未记录出场',
  not_left: '已支付未离场',
  no_entry: '无入场记录',
  other: '其他异常',
};

export const anomalySchema = z.object({
  code: z.enum(ANOMALY_CODES),
  detail: z.string().max(500),
  at: unixSeconds,
  resolvedAt: unixSeconds.optional(),
  resolvedBy: z.string().optional(),
  resolution: z.string().optional(),
});
export type Anomaly = z.infer<typeof anomalySchema>;

export const sessionAmountsSchema = z.object({
  /** Sum of the successful pays. */
  paid: fen,
  /** The prepay's frozen `fee`. */
  frozen: fen,
  /** The platform's running `feeFinish` (protocol note 7). */
  finished: fen,
  /** The platform's running `feeBack`. */
  returned: fen,
  /** The part of `finished` charged as the booking fee at arrival (not parking time). */
  bookingFee: fen,
  /** Handling fees reported (`feeAIP`), borne by the merchant (spec 5a). */
  aip: fen,
  /** Allinpay coupons used (they pay parking fees only and take no part in splits). */
  coupons: fen,
});
export type SessionAmounts = z.infer<typeof sessionAmountsSchema>;

export const historyEntrySchema = z.object({
  at: unixSeconds,
  event: z.string(),
  from: z.enum(SESSION_STATES).nullable(),
  to: z.enum(SESSION_STATES),
  by: z.string().optional(),
  callId: z.string().optional(),
  note: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const sessionSchema = z.object({
  id: z.string().min(1).max(64),
  lotId: entityId,
  gateId: entityId.optional(),
  spotId: entityId.optional(),
  /** The whole plate as the driver has it, e.g. 粤BD12345 (split into LPR/LPRpro at the call). */
  plate: z.string().min(1).max(16),
  openid: openid.optional(),
  /**
   * The openid was set by a driver starting to pay a session a gate controller opened (not at
   * creation): such a claim lapses if it paid nothing (server/parking/services/access.ts).
   */
  claimed: z.literal(true).optional(),
  flow: z.enum(SESSION_FLOWS),
  state: z.enum(SESSION_STATES),
  /** The tariff in force when the session began: the driver pays what was posted then. */
  tariff: tariffSchema,
  /** The lot's rules in force when the session began. */
  policy: z.object({
    graceSeconds: z.number().int().min(0),
    road: z.union([z.literal(1), z.literal(9)]),
  }),
  /** Entry (gated) or booking (roadside). */
  inTime: unixSeconds,
  holdUntil: unixSeconds.optional(),
  arrivedAt: unixSeconds.optional(),
  /** The freeze's deadline (protocol note 6). */
  endTime: unixSeconds.optional(),
  paidAt: unixSeconds.optional(),
  outTime: unixSeconds.optional(),
  /** The exit gate whose code the driver scanned to leave: its camera raises the barrier. */
  outGateId: entityId.optional(),
  settledByPlatformAt: unixSeconds.optional(),
  mayLeaveUntil: unixSeconds.optional(),
  /** Came in on a pass or the whitelist: recorded, nothing charged (core/passes/lane-rule.ts). */
  privilege: privilegeSchema.optional(),
  /**
   * Opened at an exit that read the plate with no entry record (Lot.noEntryFee): it owes this
   * fixed fee, whatever the time (amount-due.ts).
   */
  noEntryFee: positiveFen.optional(),
  calls: z.array(platformCallSchema),
  amounts: sessionAmountsSchema,
  anomalies: z.array(anomalySchema),
  /** Some anomaly is unresolved: an operator should look (indexable). */
  flagged: z.boolean(),
  history: z.array(historyEntrySchema),
  /** Merchant discounts given to this stay (discount.ts; one per merchant), read by the quote. */
  discounts: z.array(sessionDiscountSchema).max(20).optional(),
  /** An operator cancelled the stay (not a finish): its merchant discounts cost nothing. */
  operatorCancelled: z.literal(true).optional(),
  /** +1 on every applied event: the compare-and-set may match it besides the state. */
  version: z.number().int().min(0),
  createdAt: unixSeconds,
  updatedAt: unixSeconds,
});
export type Session = z.infer<typeof sessionSchema>;

export const ZERO_AMOUNTS: SessionAmounts = Object.freeze({
  paid: 0,
  frozen: 0,
  finished: 0,
  returned: 0,
  bookingFee: 0,
  aip: 0,
  coupons: 0,
});

export interface NewSessionInput {
  id: string;
  lot: Lot;
  tariff: Tariff;
  flow: Session['flow'];
  plate: string;
  openid?: string;
  gateId?: string;
  spotId?: string;
  at: number;
  /** The reqsn of the prepay (entry prepay and booking), allocated before the call. */
  prepayReqsn?: string;
  /** exit_pay only: a pass or whitelist car, charged nothing. */
  privilege?: Privilege;
  /** exit_pay only: opened at an exit with no entry record, owing this fixed fee (flagged). */
  noEntryFee?: number;
}

/**
 * A new session. exit_pay begins `open` at entry; entry_prepay and roadside_booking begin
 * `awaiting_prepay` with the prepay recorded before it is sent (its amount and endTime come from
 * the lot), so that a lost answer is resolved by query under the same reqsn (protocol note 4).
 */
export function newSession(input: NewSessionInput): DomainResult<Session> {
  const { lot, tariff, flow, at } = input;
  if (tariff.id !== lot.tariffId) return refuse('TARIFF_MISMATCH', '收费标准不属于该停车场');
  if (flow === 'roadside_booking' ? lot.kind !== 'roadside' : lot.kind !== 'gated') {
    return refuse('FLOW_NOT_OFFERED', '该停车场不支持此停车方式');
  }
  if (flow === 'entry_prepay' && !lot.entryPrepay) {
    return refuse('FLOW_NOT_OFFERED', '该停车场不支持入场预付');
  }
  if (flow === 'roadside_booking' && !input.spotId) return refuse('SPOT_REQUIRED', '请选择泊位');
  const prepays = flow !== 'exit_pay';
  if (prepays && !input.prepayReqsn) return refuse('REQSN_REQUIRED', '预付缺少交易单号');
  const noEntry = input.noEntryFee !== undefined;
  if (noEntry && prepays) return refuse('FLOW_NOT_OFFERED', '无入场记录只能出场缴费');

  const base = {
    id: input.id,
    lotId: lot.id,
    plate: input.plate,
    flow,
    tariff,
    policy: { graceSeconds: lot.graceSeconds, road: lot.road },
    inTime: at,
    calls: [] as PlatformCall[],
    amounts: { ...ZERO_AMOUNTS },
    anomalies: [],
    flagged: false,
    version: 0,
    createdAt: at,
    updatedAt: at,
    ...(input.openid !== undefined && { openid: input.openid }),
    ...(input.gateId !== undefined && { gateId: input.gateId }),
    ...(input.spotId !== undefined && { spotId: input.spotId }),
    ...(input.privilege !== undefined && !prepays && { privilege: input.privilege }),
    ...(noEntry && {
      noEntryFee: input.noEntryFee,
      anomalies: [{ code: 'no_entry', detail: `fixed fee ${input.noEntryFee} fen`, at }],
      flagged: true,
    }),
  };
  const record = prepays
    ? {
        ...base,
        state: 'awaiting_prepay',
        endTime: at + lot.prepay.freezeSeconds,
        ...(flow === 'roadside_booking' && { holdUntil: at + tariff.bookingHoldMinutes * 60 }),
        calls: [prepayCall(input.prepayReqsn as string, lot.prepay.freezeAmount, at)],
        history: [
          { at, event: 'created', from: null, to: 'awaiting_prepay', callId: input.prepayReqsn },
        ],
      }
    : {
        ...base,
        state: 'open',
        history: [
          {
            at,
            event: 'created',
            from: null,
            to: 'open',
            ...(noEntry && { note: 'no entry record' }),
          },
        ],
      };
  return parseWith(sessionSchema, record, '停车记录');
}

function prepayCall(reqsn: string, amount: number, at: number): PlatformCall {
  return {
    id: reqsn,
    kind: 'prepay',
    reqsn,
    purpose: 'freeze',
    amount,
    status: 'requested',
    requestedAt: at,
  };
}

/** What is still frozen: neither finished nor returned. */
export function frozenLeft(session: Pick<Session, 'amounts'>): number {
  const a = session.amounts;
  return Math.max(0, a.frozen - a.finished - a.returned);
}

/** The reqsn that finish and cancel send: the prepay's (spec). */
export function prepayReqsn(session: Pick<Session, 'calls'>): string | undefined {
  return session.calls.find((c) => c.kind === 'prepay' && c.status === 'succeeded')?.reqsn;
}

export function findCall(
  session: Pick<Session, 'calls'>,
  callId: string,
): PlatformCall | undefined {
  return session.calls.find((c) => c.id === callId);
}

/** Calls that may still succeed: reconcile queries them (protocol notes 4 and 9). */
export function openCalls(session: Pick<Session, 'calls'>): PlatformCall[] {
  return session.calls.filter((c) => OPEN_CALL_STATUSES.includes(c.status));
}

/** What has been charged for parking time so far (pays and finishes, without the booking fee). */
export function chargedForParking(session: Pick<Session, 'amounts'>): number {
  const a = session.amounts;
  return a.paid + a.finished - a.bookingFee;
}

/**
 * A session whose first prepay was never made (failed, cancelled at the cashier, expired, given
 * up): no parking happened on our record, so it shows no duration and no fee and is no entry.
 */
export function neverStarted(session: Pick<Session, 'state' | 'flow' | 'amounts'>): boolean {
  const a = session.amounts;
  const nothing = a.frozen === 0 && a.paid === 0 && a.finished === 0;
  return (
    nothing &&
    (session.state === 'failed' || (session.state === 'cancelled' && session.flow !== 'exit_pay'))
  );
}

/** Where parking time starts: entry, or arrival at a booked spot (undefined before arrival). */
export function parkingStart(
  session: Pick<Session, 'flow' | 'inTime' | 'arrivedAt'>,
): number | undefined {
  return session.flow === 'roadside_booking' ? session.arrivedAt : session.inTime;
}
