import type { TrxStatus } from '../core/allinpay/trxstatus';
import { handlingFee } from './handling-fee';

/**
 * The platform's rules for one transaction (one reqsn of one merchant), as pure functions:
 * a pay waits for the payer and is then paid or not; a prepay waits, then freezes `fee`, which
 * finish segments charge, cancel returns, and settlement at `endTime` completes or returns
 * (protocol notes 5 to 8). No I/O here: callers persist the transaction they get back.
 */

export type TxnKind = 'pay' | 'prepay';

/**
 * waiting: the payer has not acted (2000). unpaid: the payer cancelled or the order expired
 * (3088). paid: a pay charged. frozen: a prepay's freeze is open. ended: the freeze is over.
 */
export type TxnState = 'waiting' | 'unpaid' | 'paid' | 'frozen' | 'ended';

export interface Coupon {
  couponId: string;
  couponName: string;
  /** Fen paid by the coupon instead of the payer. */
  couponFee: number;
}

export type SegmentKind = 'finish' | 'cancel' | 'settle';

export interface Segment {
  kind: SegmentKind;
  /** Sandbox time (ms) when it happened. */
  at: number;
  /** Fen charged by this segment. */
  charged: number;
  /** Fen returned to the payer by this segment. */
  returned: number;
  feeType?: '1' | '9';
  road?: '1' | '9';
  asinfo?: string;
  /** Business fields of the request that made it, to recognise an identical repeat. */
  fingerprint?: string;
}

export interface PayInfoFields {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface Txn {
  /** Bumped on every change; stores compare-and-set on it. */
  version: number;
  kind: TxnKind;
  cusid: string;
  appid: string;
  reqsn: string;
  trxid: string;
  prepayId: string;
  payinfo: PayInfoFields;
  /** Fingerprint of the request that created it (protocol note 4: 3888 on a different one). */
  fingerprint: string;
  /** The creating request's fields as received, without `sign`. */
  request: Record<string, string>;
  openid: string;
  /** Created through the browser-redirect entry (protocol note 12). */
  browser: boolean;
  notifyUrl: string;
  fee: number;
  feeRateBp: number;
  road?: '1' | '9';
  /** Unix seconds (prepay only). */
  endTime?: number;
  /** Fen promised to split receivers by the prepay's `asinfo`, which cancel may not return. */
  splitReserved: number;
  state: TxnState;
  createdAt: number;
  changedAt: number;
  paidAt?: number;
  feeFinish: number;
  feeBack: number;
  coupon?: Coupon;
  segments: Segment[];
  /** The merchant answered the notification with `refuse` (browser flow): this scan is ignored. */
  refused?: boolean;
}

export type LedgerResult =
  { ok: true; txn: Txn; changed: boolean } | { ok: false; trxstatus: TrxStatus; errmsg: string };

function refuse(trxstatus: TrxStatus, errmsg: string): LedgerResult {
  return { ok: false, trxstatus, errmsg };
}

function unchanged(txn: Txn): LedgerResult {
  return { ok: true, txn, changed: false };
}

function changed(txn: Txn, patch: Partial<Txn>, at: number): LedgerResult {
  return {
    ok: true,
    txn: { ...txn, ...patch, version: txn.version + 1, changedAt: at },
    changed: true,
  };
}

/** Still frozen: neither charged nor returned. */
export function remainingFrozen(txn: Txn): number {
  if (txn.kind !== 'prepay' || txn.state !== 'frozen') return 0;
  return txn.fee - txn.feeFinish - txn.feeBack;
}

/** Fen charged so far (the base of the handling fee). */
export function chargedSoFar(txn: Txn): number {
  if (txn.kind === 'pay') return txn.state === 'paid' ? txn.fee : 0;
  return txn.feeFinish;
}

export interface Totals {
  fee: number;
  feeFinish: number;
  feeBack: number;
  feeAIP: number;
  remaining: number;
}

/**
 * Running totals (protocol note 7). The handling fee is computed on the cumulative charge, not
 * summed per segment, so that rounding never accumulates.
 */
export function totalsOf(txn: Txn): Totals {
  return {
    fee: txn.fee,
    feeFinish: txn.feeFinish,
    feeBack: txn.feeBack,
    feeAIP: handlingFee(chargedSoFar(txn), txn.feeRateBp),
    remaining: remainingFrozen(txn),
  };
}

/** The transaction's trxstatus (spec 交易返回码): a paid transaction stays 0000 whatever followed. */
export function trxStatusOf(txn: Txn): TrxStatus {
  if (txn.state === 'waiting') return '2000';
  if (txn.state === 'unpaid') return '3088';
  return '0000';
}

/** Fen total of an `asinfo` value (protocol note 10); 0 when absent. */
export function asinfoTotal(asinfo: string | undefined): number {
  if (!asinfo) return 0;
  return asinfo
    .split(',')
    .reduce((sum, pair) => sum + Number(pair.slice(pair.lastIndexOf(':') + 1)), 0);
}

/**
 * The business content of a request: every field but `sign` and `randomstr` (which differ on an
 * honest resend), sorted. Two requests with the same fingerprint are the same request.
 */
export function requestFingerprint(kind: string, fields: Record<string, string>): string {
  const names = Object.keys(fields)
    .filter((n) => n !== 'sign' && n !== 'randomstr' && fields[n] !== '')
    .sort();
  return JSON.stringify([kind, ...names.map((n) => [n, fields[n]])]);
}

export interface OpenInput {
  kind: TxnKind;
  cusid: string;
  appid: string;
  reqsn: string;
  trxid: string;
  prepayId: string;
  payinfo: PayInfoFields;
  request: Record<string, string>;
  openid: string;
  browser: boolean;
  feeRateBp: number;
  at: number;
}

/** Checks a new pay or prepay against the rules; undefined when acceptable. */
export function refuseOpen(input: OpenInput): { trxstatus: TrxStatus; errmsg: string } | undefined {
  const fee = Number(input.request.fee);
  if (!Number.isSafeInteger(fee) || fee <= 0) {
    return { trxstatus: '3889', errmsg: 'fee must be a positive integer number of fen' };
  }
  if (asinfoTotal(input.request.asinfo) > fee) {
    return {
      trxstatus: '3889',
      errmsg: `asinfo total ${asinfoTotal(input.request.asinfo)} exceeds fee ${fee}`,
    };
  }
  if (input.kind === 'prepay' && Number(input.request.endTime) * 1000 <= input.at) {
    return { trxstatus: '3889', errmsg: 'endTime has already passed' };
  }
  return undefined;
}

/** A new transaction waiting for the payer (2000). Call refuseOpen first. */
export function openTxn(input: OpenInput): Txn {
  const { request } = input;
  return {
    version: 1,
    kind: input.kind,
    cusid: input.cusid,
    appid: input.appid,
    reqsn: input.reqsn,
    trxid: input.trxid,
    prepayId: input.prepayId,
    payinfo: input.payinfo,
    fingerprint: requestFingerprint(input.kind, request),
    request,
    openid: input.openid,
    browser: input.browser,
    notifyUrl: request.notify_url ?? '',
    fee: Number(request.fee),
    feeRateBp: input.feeRateBp,
    road: input.kind === 'prepay' ? (request.road as '1' | '9') : undefined,
    endTime: input.kind === 'prepay' ? Number(request.endTime) : undefined,
    splitReserved: input.kind === 'prepay' ? asinfoTotal(request.asinfo) : 0,
    state: 'waiting',
    createdAt: input.at,
    changedAt: input.at,
    feeFinish: 0,
    feeBack: 0,
    segments: [],
  };
}

function deadlinePassed(txn: Txn, at: number): boolean {
  return txn.kind === 'prepay' && txn.endTime !== undefined && at >= txn.endTime * 1000;
}

/** The payer pays at the cashier: a pay is charged, a prepay's fee is frozen. */
export function payerPays(txn: Txn, at: number, coupon?: Coupon): LedgerResult {
  if (txn.state === 'paid' || txn.state === 'frozen' || txn.state === 'ended')
    return unchanged(txn);
  if (txn.state === 'unpaid') return refuse('3088', 'the payment was cancelled or has expired');
  if (deadlinePassed(txn, at))
    return refuse('3088', 'endTime has passed: the freeze can no longer start');
  const applied = coupon
    ? { ...coupon, couponFee: Math.min(coupon.couponFee, txn.fee) }
    : undefined;
  return changed(
    txn,
    { state: txn.kind === 'pay' ? 'paid' : 'frozen', paidAt: at, coupon: applied },
    at,
  );
}

/** The payer cancels the payment sheet: 3088. */
export function payerCancels(txn: Txn, at: number): LedgerResult {
  if (txn.state === 'unpaid') return unchanged(txn);
  if (txn.state !== 'waiting')
    return refuse('3889', 'already paid: the payment can no longer be cancelled');
  return changed(txn, { state: 'unpaid' }, at);
}

function refuseSegment(txn: Txn, fingerprint: string): LedgerResult | undefined {
  if (txn.kind !== 'prepay')
    return refuse('3889', 'this reqsn is a pay, not a prepay: nothing is frozen');
  if (txn.state === 'waiting' || txn.state === 'unpaid') {
    return refuse('3088', 'the prepay has not been paid: nothing is frozen');
  }
  // An identical repeat of a segment already applied is a resend after a lost answer.
  if (txn.segments.some((s) => s.fingerprint === fingerprint)) return unchanged(txn);
  if (txn.state === 'ended') return refuse('3889', 'the freeze has already ended');
  return undefined;
}

function endIfEmpty(state: TxnState, fee: number, feeFinish: number, feeBack: number): TxnState {
  return fee - feeFinish - feeBack === 0 ? 'ended' : state;
}

export interface FinishInput {
  feeFinish: number;
  feeType: '1' | '9';
  asinfo?: string;
  at: number;
  fingerprint: string;
}

/** A finish segment (protocol note 7): feeType 1 goes on, 9 ends the freeze and returns the rest. */
export function finishSegment(txn: Txn, input: FinishInput): LedgerResult {
  const early = refuseSegment(txn, input.fingerprint);
  if (early) return early;
  const remaining = remainingFrozen(txn);
  if (!Number.isSafeInteger(input.feeFinish) || input.feeFinish <= 0) {
    return refuse('3889', 'feeFinish must be greater than 0');
  }
  if (input.feeFinish > remaining) {
    return refuse('3889', `feeFinish ${input.feeFinish} exceeds the frozen remainder ${remaining}`);
  }
  if (asinfoTotal(input.asinfo) > input.feeFinish) {
    return refuse(
      '3889',
      `asinfo total ${asinfoTotal(input.asinfo)} exceeds feeFinish ${input.feeFinish}`,
    );
  }
  const returned = input.feeType === '9' ? remaining - input.feeFinish : 0;
  const feeFinish = txn.feeFinish + input.feeFinish;
  const feeBack = txn.feeBack + returned;
  const segment: Segment = {
    kind: 'finish',
    at: input.at,
    charged: input.feeFinish,
    returned,
    feeType: input.feeType,
    asinfo: input.asinfo,
    fingerprint: input.fingerprint,
  };
  const state = input.feeType === '9' ? 'ended' : endIfEmpty('frozen', txn.fee, feeFinish, feeBack);
  return changed(
    txn,
    { feeFinish, feeBack, state, segments: [...txn.segments, segment] },
    input.at,
  );
}

export interface CancelInput {
  feeCancel: number;
  at: number;
  fingerprint: string;
}

/**
 * A cancel (protocol note 8): returns `feeCancel` of what is still frozen. What the prepay's
 * `asinfo` promised to split receivers and has not been charged yet cannot be returned.
 */
export function cancelSegment(txn: Txn, input: CancelInput): LedgerResult {
  const early = refuseSegment(txn, input.fingerprint);
  if (early) return early;
  const remaining = remainingFrozen(txn);
  if (!Number.isSafeInteger(input.feeCancel) || input.feeCancel <= 0) {
    return refuse('3889', 'feeCancel must be greater than 0');
  }
  if (input.feeCancel > remaining) {
    return refuse('3889', `feeCancel ${input.feeCancel} exceeds the frozen remainder ${remaining}`);
  }
  const returnable = remaining - Math.max(0, txn.splitReserved - txn.feeFinish);
  if (input.feeCancel > returnable) {
    return refuse(
      '3889',
      `feeCancel ${input.feeCancel} exceeds the returnable ${returnable}: amounts split out via asinfo cannot be returned`,
    );
  }
  const feeBack = txn.feeBack + input.feeCancel;
  const segment: Segment = {
    kind: 'cancel',
    at: input.at,
    charged: 0,
    returned: input.feeCancel,
    fingerprint: input.fingerprint,
  };
  return changed(
    txn,
    {
      feeBack,
      state: endIfEmpty('frozen', txn.fee, txn.feeFinish, feeBack),
      segments: [...txn.segments, segment],
    },
    input.at,
  );
}

/** When the transaction next changes by itself (sandbox ms), or null. */
export function dueAt(txn: Txn, payExpiryMs: number): number | null {
  if (txn.kind === 'prepay' && (txn.state === 'waiting' || txn.state === 'frozen')) {
    return (txn.endTime ?? 0) * 1000;
  }
  if (txn.kind === 'pay' && txn.state === 'waiting') return txn.createdAt + payExpiryMs;
  return null;
}

/**
 * What happens by itself once time passes: at `endTime` a freeze's remainder is completed
 * (road 1) or returned (road 9) (protocol note 6); an order the payer never paid expires (3088).
 */
export function settleDue(txn: Txn, now: number, payExpiryMs: number): LedgerResult {
  const due = dueAt(txn, payExpiryMs);
  if (due === null || now < due) return unchanged(txn);
  if (txn.state === 'waiting') return changed(txn, { state: 'unpaid' }, now);
  const remaining = remainingFrozen(txn);
  const completes = txn.road === '1';
  const segment: Segment = {
    kind: 'settle',
    at: now,
    charged: completes ? remaining : 0,
    returned: completes ? 0 : remaining,
    road: txn.road,
  };
  return changed(
    txn,
    {
      state: 'ended',
      feeFinish: txn.feeFinish + segment.charged,
      feeBack: txn.feeBack + segment.returned,
      segments: [...txn.segments, segment],
    },
    now,
  );
}

/** The browser-flow merchant refused the scan (protocol note 11): marked, nothing else changes. */
export function markRefused(txn: Txn, at: number): LedgerResult {
  if (txn.refused) return unchanged(txn);
  return changed(txn, { refused: true }, at);
}
