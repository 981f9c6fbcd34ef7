import type { Endpoint } from '../../core/allinpay/requests';
import type { FieldIssue } from '../../core/allinpay/validation';
import type { AllinpayResult } from './result';

export { ProtocolValidationError } from '../../core/allinpay/validation';

/** Stable codes of the client's errors (ProtocolValidationError from the core has `INVALID_FIELD`). */
export type AllinpayErrorCode =
  | 'OUTCOME_UNKNOWN'
  | 'PLATFORM_REFUSAL'
  | 'TRANSACTION_FAILED'
  | 'BAD_SIGNATURE'
  | 'RESPONSE_MISMATCH';

/**
 * Base of the errors of one call. `mustQuery` says whether the transaction's state is unknown,
 * so that the caller must `query` this reqsn before anything else (protocol note 4).
 * Messages and JSON never carry the key: only masked text reaches them.
 */
export abstract class AllinpayCallError extends Error {
  abstract readonly code: AllinpayErrorCode;
  abstract readonly mustQuery: boolean;

  constructor(
    readonly endpoint: Endpoint,
    readonly reqsn: string,
    message: string,
  ) {
    super(`${endpoint} reqsn=${reqsn}: ${message}`);
    this.name = new.target.name;
  }

  protected details(): Record<string, unknown> {
    return {};
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      endpoint: this.endpoint,
      reqsn: this.reqsn,
      mustQuery: this.mustQuery,
      ...this.details(),
    };
  }
}

export type OutcomeUnknownReason =
  | 'connect_timeout'
  | 'response_timeout'
  | 'network'
  | 'http_status'
  | 'malformed_response'
  | 'unknown_trxstatus'
  /** A hedged query's caller stopped waiting (its `deadlineMs`): ask again later. */
  | 'deadline';

/**
 * No trustworthy answer arrived (network error, timeout, HTTP error, unreadable body, or a
 * trxstatus the spec does not list): the platform may or may not have acted. Query the reqsn.
 */
export class OutcomeUnknownError extends AllinpayCallError {
  readonly code = 'OUTCOME_UNKNOWN';
  readonly mustQuery = true;

  constructor(
    endpoint: Endpoint,
    reqsn: string,
    readonly reason: OutcomeUnknownReason,
    detail: string,
    readonly extra: { httpStatus?: number; networkCode?: string; trxstatus?: string } = {},
  ) {
    super(
      endpoint,
      reqsn,
      `outcome unknown (${reason}: ${detail}); query this reqsn before anything else`,
    );
  }

  protected override details() {
    return { reason: this.reason, ...this.extra };
  }
}

/**
 * `retcode=FAIL`: the platform did not accept the call. `signed` is false when the refusal came
 * without a sign (the spec's FAIL answer has only `retmsg`), so it could not be authenticated.
 */
export class PlatformRefusalError extends AllinpayCallError {
  readonly code = 'PLATFORM_REFUSAL';
  readonly mustQuery = false;

  constructor(
    endpoint: Endpoint,
    reqsn: string,
    readonly retmsg: string,
    readonly signed: boolean,
  ) {
    super(endpoint, reqsn, `refused by the platform: ${retmsg || '(no retmsg)'}`);
  }

  protected override details() {
    return { retmsg: this.retmsg, signed: this.signed };
  }
}

/**
 * The platform answered (signed, verified) with a failure `trxstatus` for pay, prepay, finish or
 * cancel. `3888` (reqsn already exists) sets `mustQuery`: query it, never resend under a new
 * reqsn blindly (protocol note 4).
 */
export class TransactionFailedError extends AllinpayCallError {
  readonly code = 'TRANSACTION_FAILED';
  readonly mustQuery: boolean;
  readonly trxstatus: string;
  readonly errmsg: string;

  constructor(
    readonly result: AllinpayResult,
    description: string,
  ) {
    const errmsg = result.errmsg ?? '';
    super(
      result.endpoint,
      result.reqsn,
      `transaction failed: trxstatus ${result.trxstatus} ${description}${errmsg ? `: ${errmsg}` : ''}`,
    );
    this.trxstatus = result.trxstatus;
    this.errmsg = errmsg;
    this.mustQuery = result.trxstatus === '3888';
  }

  protected override details() {
    return { trxstatus: this.trxstatus, errmsg: this.errmsg, trxid: this.result.trxid };
  }
}

/**
 * The answer's signature does not verify (or is missing): nothing in it can be trusted, so the
 * outcome is unknown. `signingString` is masked; `expected` is kept out of the message.
 */
export class BadSignatureError extends AllinpayCallError {
  readonly code = 'BAD_SIGNATURE';
  readonly mustQuery = true;

  constructor(
    endpoint: Endpoint,
    reqsn: string,
    readonly received: string,
    readonly expected: string,
    readonly signingString: string,
  ) {
    super(
      endpoint,
      reqsn,
      received
        ? `the response signature does not verify (received ${received}); outcome unknown, query this reqsn`
        : 'the response carries no signature; outcome unknown, query this reqsn',
    );
  }

  protected override details() {
    return { received: this.received, signingString: this.signingString };
  }
}

/** A signed answer that is about another merchant, app or reqsn than the request (a replay or a platform fault). */
export class ResponseMismatchError extends AllinpayCallError {
  readonly code = 'RESPONSE_MISMATCH';
  readonly mustQuery = true;

  constructor(
    endpoint: Endpoint,
    reqsn: string,
    readonly field: 'cusid' | 'appid' | 'reqsn',
    readonly sent: string,
    readonly answered: string,
  ) {
    super(
      endpoint,
      reqsn,
      `the response's ${field} is "${answered}", expected "${sent}"; outcome unknown, query this reqsn`,
    );
  }

  protected override details() {
    return { field: this.field, sent: this.sent, answered: this.answered };
  }
}

/** The client's configuration is unusable; names the fields, never echoes their values. */
export class ClientConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(readonly issues: FieldIssue[]) {
    super(`Allinpay client config: ${issues.map((i) => `${i.field} ${i.rule}`).join('; ')}`);
    this.name = 'ClientConfigError';
  }

  toJSON() {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}
