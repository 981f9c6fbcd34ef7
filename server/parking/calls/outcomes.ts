import type { PayInfo } from '../../../core/allinpay/responses';
import { ProtocolValidationError } from '../../../core/allinpay/validation';
import type { PlatformCall } from '../../../core/parking/session';
import type { FreezeTotals, SessionEvent } from '../../../core/parking/session-events';
import {
  AllinpayCallError,
  type AllinpayResult,
  PlatformRefusalError,
  TransactionFailedError,
} from '../../allinpay-client';

/**
 * What a sent call's answer (or error) means for the session, purely (protocol note 4):
 * - pay/prepay accepted: the payer can pay now (the payment itself comes by notify or query);
 * - finish/cancel success: the platform's running totals (note 7);
 * - a refusal or a failed trxstatus: the call failed and nothing happened;
 * - no trustworthy answer (timeout, bad signature, 3888...): unknown — query before anything else.
 */
export interface SendVerdict {
  event: SessionEvent;
  payinfo?: PayInfo;
  /** Resolve by query now (the outcome is unknown, or the answer lacked what we need). */
  mustQuery: boolean;
}

export type SendResult = { ok: true; result: AllinpayResult } | { ok: false; error: unknown };

const MAX_CODE = 40;
const MAX_MESSAGE = 200;

function failed(call: PlatformCall, at: number, code: string, message: string): SessionEvent {
  const fields = {
    at,
    by: 'platform',
    callId: call.id,
    code: code.slice(0, MAX_CODE) || 'FAILED',
    message: message.slice(0, MAX_MESSAGE),
  };
  return call.kind === 'pay' || call.kind === 'prepay'
    ? { type: 'payment_failed', ...fields }
    : { type: 'freeze_call_failed', ...fields };
}

function unknown(call: PlatformCall, at: number): SendVerdict {
  return {
    event: { type: 'call_outcome_unknown', at, by: 'platform', callId: call.id },
    mustQuery: true,
  };
}

/** Sum of the coupons' `couponFee` in a couponList (fen); 0 when absent or unreadable. */
export function couponsTotal(couponList: readonly unknown[]): number {
  let total = 0;
  for (const item of couponList) {
    const fee = (item as { couponFee?: unknown } | null)?.couponFee;
    const n = typeof fee === 'number' ? fee : typeof fee === 'string' ? Number(fee) : NaN;
    if (Number.isSafeInteger(n) && n > 0) total += n;
  }
  return total;
}

/** The running totals of a freeze from an answer; undefined when a required one is missing. */
export function freezeTotalsOf(result: AllinpayResult): FreezeTotals | undefined {
  const { fee, feeFinish, feeBack, feeAIP } = result.totals;
  if (fee === undefined || feeFinish === undefined || feeBack === undefined) return undefined;
  const coupons = couponsTotal(result.couponList);
  return {
    fee,
    finished: feeFinish,
    returned: feeBack,
    ...(feeAIP !== undefined && { aip: feeAIP }),
    ...(coupons > 0 && { coupons }),
  };
}

export function verdictAfterSend(call: PlatformCall, sent: SendResult, at: number): SendVerdict {
  if (sent.ok) {
    const { result } = sent;
    if (call.kind === 'pay' || call.kind === 'prepay') {
      return {
        event: {
          type: 'request_accepted',
          at,
          by: 'platform',
          callId: call.id,
          ...(result.trxid && { trxid: result.trxid.slice(0, 20) }),
        },
        ...(result.payinfo && { payinfo: result.payinfo }),
        // Already paid at the answer (unusual): learn the payment by query at once.
        mustQuery: result.outcome === 'success' || !result.payinfo,
      };
    }
    const totals = result.outcome === 'success' ? freezeTotalsOf(result) : undefined;
    if (!totals) return unknown(call, at);
    return {
      event: { type: 'freeze_call_succeeded', at, by: 'platform', callId: call.id, totals },
      mustQuery: false,
    };
  }
  const { error } = sent;
  if (error instanceof ProtocolValidationError) {
    // Refused locally before any network call (protocol note 3): it never left.
    return { event: failed(call, at, 'INVALID_FIELD', error.message), mustQuery: false };
  }
  if (error instanceof PlatformRefusalError) {
    return {
      event: failed(call, at, 'PLATFORM_REFUSAL', error.retmsg || '平台拒绝了请求'),
      mustQuery: false,
    };
  }
  if (error instanceof TransactionFailedError && !error.mustQuery) {
    return {
      event: failed(call, at, error.trxstatus, error.errmsg || error.result.description),
      mustQuery: false,
    };
  }
  if (error instanceof AllinpayCallError) return unknown(call, at);
  // Anything else (a bug, a crash of the transport): the call may have left; never assume.
  return unknown(call, at);
}
