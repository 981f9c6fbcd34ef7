import { jsonToEntries } from '../../core/allinpay/form';
import type { Endpoint } from '../../core/allinpay/requests';
import { parseCouponList, parsePayInfo, responseSchemas } from '../../core/allinpay/responses';
import { signingString, verifyDetailed } from '../../core/allinpay/sign';
import { classifyTrxStatus, describeTrxStatus } from '../../core/allinpay/trxstatus';
import { toFieldIssues } from '../../core/allinpay/validation';
import {
  BadSignatureError,
  OutcomeUnknownError,
  PlatformRefusalError,
  ResponseMismatchError,
  TransactionFailedError,
} from './errors';
import { redactText, redactValue } from './logger';
import type { AllinpayResult, Totals } from './result';

export interface AnswerContext {
  endpoint: Endpoint;
  reqsn: string;
  cusid: string;
  appid: string;
  key: string;
  /** Masked out of every text that goes into an error. */
  secrets: readonly string[];
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function fenOrUndefined(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value);
}

function checkEcho(
  ctx: AnswerContext,
  field: 'cusid' | 'appid' | 'reqsn',
  sent: string,
  answered: string | undefined,
) {
  if (answered !== undefined && answered !== sent) {
    throw new ResponseMismatchError(
      ctx.endpoint,
      ctx.reqsn,
      field,
      sent,
      redactText(answered, ctx.secrets),
    );
  }
}

/**
 * Turns one HTTP answer into a verified result or a typed error (no I/O). The signature is
 * checked over every received field (protocol note 2) before anything in the body is trusted.
 */
export function interpretAnswer(ctx: AnswerContext, status: number, body: string): AllinpayResult {
  const { endpoint, reqsn } = ctx;
  const unknown = (
    reason: 'http_status' | 'malformed_response',
    detail: string,
    httpStatus?: number,
  ) => new OutcomeUnknownError(endpoint, reqsn, reason, detail, httpStatus ? { httpStatus } : {});

  if (status < 200 || status > 299) throw unknown('http_status', `HTTP ${status}`, status);

  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw unknown('malformed_response', 'the body is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw unknown('malformed_response', 'the body is not a JSON object');
  }
  const raw = parsed as Record<string, unknown>;
  const entries = jsonToEntries(raw);
  const signPresent = entries.some(([name, value]) => name === 'sign' && value !== '');
  const retmsg = redactText(asText(raw.retmsg) ?? '', ctx.secrets);

  // The spec's FAIL answer carries only retmsg: accept it unsigned, and say so.
  if (raw.retcode === 'FAIL' && !signPresent) {
    checkEcho(ctx, 'cusid', ctx.cusid, asText(raw.cusid));
    checkEcho(ctx, 'reqsn', reqsn, asText(raw.reqsn));
    throw new PlatformRefusalError(endpoint, reqsn, retmsg, false);
  }

  const verification = verifyDetailed(entries, ctx.key);
  if (!verification.valid) {
    throw new BadSignatureError(
      endpoint,
      reqsn,
      verification.received,
      verification.expected,
      redactText(signingString(entries, ctx.key), ctx.secrets),
    );
  }

  if (raw.retcode === 'FAIL') {
    checkEcho(ctx, 'cusid', ctx.cusid, asText(raw.cusid));
    checkEcho(ctx, 'reqsn', reqsn, asText(raw.reqsn));
    throw new PlatformRefusalError(endpoint, reqsn, retmsg, true);
  }

  const checked = responseSchemas[endpoint].safeParse(raw);
  if (!checked.success) {
    const issues = toFieldIssues(checked.error).map((i) => `${i.field} ${i.rule}`);
    throw unknown('malformed_response', issues.join('; '));
  }
  const answer = checked.data as Record<string, unknown> & {
    cusid: string;
    appid: string;
    reqsn: string;
    trxstatus: string;
    trxid?: string;
    errmsg?: string;
    fintime?: string;
    openid?: string;
    fee?: string;
    feeFinish?: string;
    feeBack?: string;
    feeAIP?: string;
  };
  checkEcho(ctx, 'cusid', ctx.cusid, answer.cusid);
  checkEcho(ctx, 'appid', ctx.appid, answer.appid);
  checkEcho(ctx, 'reqsn', reqsn, answer.reqsn);

  const totals: Totals = {
    fee: fenOrUndefined(answer.fee),
    feeFinish: fenOrUndefined(answer.feeFinish),
    feeBack: fenOrUndefined(answer.feeBack),
    feeAIP: fenOrUndefined(answer.feeAIP),
  };
  const outcome = classifyTrxStatus(answer.trxstatus);
  const result: AllinpayResult = {
    endpoint,
    reqsn,
    trxid: answer.trxid,
    trxstatus: answer.trxstatus,
    outcome,
    description: describeTrxStatus(answer.trxstatus),
    errmsg: answer.errmsg === undefined ? undefined : redactText(answer.errmsg, ctx.secrets),
    fintime: answer.fintime,
    openid: answer.openid,
    totals,
    payinfo: endpoint === 'pay' || endpoint === 'prepay' ? parsePayInfo(raw.payinfo) : undefined,
    couponList: parseCouponList(raw.couponList),
    // Masked only in the absurd case of a platform echoing a secret.
    raw: redactValue(raw, ctx.secrets) as Record<string, unknown>,
  };

  // A query reports the state of a transaction: every state is an answer, not an error.
  if (endpoint === 'query') return result;
  if (outcome === 'failure') throw new TransactionFailedError(result, result.description);
  if (outcome === 'unknown') {
    throw new OutcomeUnknownError(
      endpoint,
      reqsn,
      'unknown_trxstatus',
      `trxstatus ${answer.trxstatus} is not in the spec`,
      { trxstatus: answer.trxstatus },
    );
  }
  return result;
}
