import { endpointPath, ENDPOINTS, type Endpoint } from '../../core/allinpay/requests';
import type { TrxStatus } from '../../core/allinpay/trxstatus';
import { toFintime } from '../china-time';
import type { Merchant } from '../config';
import type { FaultState } from '../fault-state';
import { jsonReply, textReply, type Reply, type Router, type SandboxRequest } from '../http';
import { requestFingerprint, totalsOf, trxStatusOf, type Txn } from '../ledger';
import type { MerchantRegistry } from '../merchants';
import type { ChangeOutcome, Platform } from '../platform';
import { randomAlnum } from '../random';
import { signedAnswer, type AnswerFields } from '../wire';
import { checkRequest } from './authenticate';

/**
 * The five protocol endpoints (protocol note 1): form in, signed JSON out. `retcode=FAIL` when
 * the call itself is refused (signature, cusid, fields); otherwise `SUCCESS` with the
 * transaction's `trxstatus`, and `errmsg` when the platform's rules refused the operation.
 */

export interface ApiDeps {
  platform: Platform;
  merchants: MerchantRegistry;
  faults: FaultState;
  log: (line: string) => void;
}

function answer(fields: AnswerFields, key: string | undefined): Reply {
  return jsonReply(200, signedAnswer(fields, key));
}

function head(
  merchant: Merchant,
  reqsn: string,
  trxstatus: TrxStatus,
  errmsg?: string,
): AnswerFields {
  return {
    retcode: 'SUCCESS',
    cusid: merchant.cusid,
    appid: merchant.appid,
    reqsn,
    randomstr: randomAlnum(32),
    trxstatus,
    errmsg,
  };
}

function fintimeOf(txn: Txn): string | undefined {
  return txn.state === 'waiting' ? undefined : toFintime(txn.changedAt);
}

/** pay / prepay answer: the transaction's state and the payment-sheet parameters. */
function payAnswer(merchant: Merchant, txn: Txn): AnswerFields {
  return {
    ...head(merchant, txn.reqsn, trxStatusOf(txn)),
    trxid: txn.trxid,
    fintime: fintimeOf(txn),
    payinfo: JSON.stringify(txn.payinfo),
  };
}

/** finish / cancel / query answer: the running totals (protocol notes 7 and 9). */
function totalsAnswer(
  merchant: Merchant,
  txn: Txn,
  trxstatus: TrxStatus,
  errmsg?: string,
): AnswerFields {
  const totals = totalsOf(txn);
  const prepay = txn.kind === 'prepay';
  return {
    ...head(merchant, txn.reqsn, trxstatus, errmsg),
    trxid: txn.trxid,
    fintime: fintimeOf(txn),
    openid: txn.openid,
    couponList: txn.coupon
      ? JSON.stringify([{ ...txn.coupon, couponFee: String(txn.coupon.couponFee) }])
      : undefined,
    fee: String(totals.fee),
    feeFinish: prepay ? String(totals.feeFinish) : undefined,
    feeBack: prepay ? String(totals.feeBack) : undefined,
    feeAIP: String(totals.feeAIP),
  };
}

function changeAnswer(merchant: Merchant, reqsn: string, outcome: ChangeOutcome): AnswerFields {
  if (outcome.kind === 'not-found')
    return head(merchant, reqsn, '1001', `reqsn ${reqsn} does not exist`);
  if (outcome.kind === 'refused')
    return totalsAnswer(merchant, outcome.txn, outcome.trxstatus, outcome.errmsg);
  return totalsAnswer(merchant, outcome.txn, '0000');
}

export function handleEndpoint(deps: ApiDeps, endpoint: Endpoint, req: SandboxRequest): Reply {
  const { platform, merchants, faults, log } = deps;
  const checked = checkRequest(endpoint, req.body, (cusid) => merchants.get(cusid));
  if (!checked.ok) {
    log(`${endpoint}: FAIL ${checked.retmsg}`);
    return answer({ retcode: 'FAIL', retmsg: checked.retmsg }, checked.merchant?.key);
  }
  const { merchant } = checked;
  const key = merchant.key;
  const fields = checked.fields as Record<string, string>;
  const reqsn = fields.reqsn ?? '';
  switch (endpoint) {
    case 'pay':
    case 'prepay': {
      const outcome = platform.open(endpoint, merchant, fields, false);
      if (outcome.kind === 'refused') {
        log(`${endpoint} ${merchant.cusid}/${reqsn}: ${outcome.trxstatus} ${outcome.errmsg}`);
        return answer(head(merchant, reqsn, outcome.trxstatus, outcome.errmsg), key);
      }
      return answer(payAnswer(merchant, outcome.txn), key);
    }
    case 'finish': {
      const outcome = platform.finish(merchant.cusid, reqsn, {
        feeFinish: Number(fields.feeFinish),
        feeType: fields.feeType as '1' | '9',
        asinfo: fields.asinfo,
        fingerprint: requestFingerprint('finish', fields),
      });
      log(
        `finish ${merchant.cusid}/${reqsn} ${fields.feeFinish} (feeType ${fields.feeType}): ${outcome.kind}`,
      );
      return answer(changeAnswer(merchant, reqsn, outcome), key);
    }
    case 'cancel': {
      const outcome = platform.cancel(merchant.cusid, reqsn, {
        feeCancel: Number(fields.feeCancel),
        fingerprint: requestFingerprint('cancel', fields),
      });
      log(`cancel ${merchant.cusid}/${reqsn} ${fields.feeCancel}: ${outcome.kind}`);
      return answer(changeAnswer(merchant, reqsn, outcome), key);
    }
    case 'query': {
      const txn = platform.get(merchant.cusid, reqsn);
      if (!txn) return answer(head(merchant, reqsn, '1001', `reqsn ${reqsn} does not exist`), key);
      if (faults.takeQuery2000(merchant.cusid)) {
        log(`query ${merchant.cusid}/${reqsn}: 2000 (fault)`);
        return answer({ ...head(merchant, reqsn, '2000'), trxid: txn.trxid }, key);
      }
      return answer(totalsAnswer(merchant, txn, trxStatusOf(txn)), key);
    }
  }
}

/**
 * API faults (fault-policy.ts): HTTP 5xx before anything is done, or a timeout: the call is
 * carried out but no answer comes (the connection is held for timeoutMs, then closed). Keyed by the request's own fields
 * so that a client's resend (new randomstr) is a new draw.
 */
function withApiFaults(deps: ApiDeps, endpoint: Endpoint, req: SandboxRequest): Reply {
  const form = new URLSearchParams(req.body);
  const cusid = form.get('cusid') ?? '';
  const scope = deps.merchants.get(cusid) ? cusid : undefined;
  const drawKey = `${endpoint}|${form.get('reqsn') ?? ''}|${form.get('randomstr') ?? ''}`;
  const effective = deps.faults.effective(scope);
  if (deps.faults.hits('http5xx', scope, drawKey)) {
    deps.log(`${endpoint} ${cusid}: HTTP ${effective.http5xxStatus} (fault)`);
    return textReply(effective.http5xxStatus, 'sandbox fault injection: platform unavailable');
  }
  const reply = handleEndpoint(deps, endpoint, req);
  if (deps.faults.hits('timeout', scope, drawKey)) {
    deps.log(
      `${endpoint} ${cusid}: no answer, connection closed after ${effective.timeoutMs} ms (fault)`,
    );
    return { ...reply, hangUpAfterMs: effective.timeoutMs };
  }
  return reply;
}

export function addApiRoutes(router: Router, deps: ApiDeps): void {
  for (const endpoint of ENDPOINTS) {
    router.add('POST', endpointPath(endpoint), (req) => withApiFaults(deps, endpoint, req));
  }
}
