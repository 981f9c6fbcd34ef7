import type { Endpoint } from '../../core/allinpay/requests';
import type { PayInfo } from '../../core/allinpay/responses';
import type { TrxOutcome } from '../../core/allinpay/trxstatus';

/** Running totals of a prepay in integer fen (protocol note 7); absent fields stay undefined. */
export interface Totals {
  fee?: number;
  feeFinish?: number;
  feeBack?: number;
  feeAIP?: number;
}

/** A verified `retcode=SUCCESS` answer. */
export interface AllinpayResult<E extends Endpoint = Endpoint> {
  endpoint: E;
  reqsn: string;
  trxid?: string;
  trxstatus: string;
  /**
   * pay/prepay/finish/cancel resolve with `success` or `processing` only (processing is the normal
   * "waiting for the payer" state of pay/prepay; query later). query resolves with any outcome.
   */
  outcome: TrxOutcome;
  /** The spec's words for trxstatus. */
  description: string;
  errmsg?: string;
  /** `yyyymmddhhmmss`, China time (protocol note 3). */
  fintime?: string;
  openid?: string;
  totals: Totals;
  /** WeChat Pay parameters of pay/prepay (protocol note 13), when present and usable. */
  payinfo?: PayInfo;
  couponList: unknown[];
  /** The JSON body exactly as parsed, signature included. */
  raw: Record<string, unknown>;
}
