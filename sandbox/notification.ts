import { sign } from '../core/allinpay/sign';
import { toFintime, toTrxdate } from './china-time';
import { totalsOf, trxStatusOf, type Txn } from './ledger';
import { randomAlnum } from './random';

/**
 * The notification of a pay or prepay (spec 通知; protocol note 11): the fields of the spec and
 * `sign`. For a prepay, `fee` is the amount frozen and `feeAIP` what is due so far.
 */
export function notificationFields(txn: Txn, key: string): Record<string, string> {
  const fields: Record<string, string> = {
    cusid: txn.cusid,
    appid: txn.appid,
    trxid: txn.trxid,
    reqsn: txn.reqsn,
    randomstr: randomAlnum(32),
    trxdate: toTrxdate(txn.createdAt),
    fintime: toFintime(txn.paidAt ?? txn.changedAt),
    trxstatus: trxStatusOf(txn),
    openid: txn.openid,
    pro: txn.request.pro ?? '',
    parkingNo: txn.request.parkingNo ?? '',
    LPR: txn.request.LPR ?? '',
    LPRpro: txn.request.LPRpro ?? '',
    fee: String(txn.fee),
    feeAIP: String(totalsOf(txn).feeAIP),
  };
  for (const name of Object.keys(fields)) if (fields[name] === '') delete fields[name];
  return { ...fields, sign: sign(fields, key) };
}

/** A wrong but well-formed sign (fault injection): the right one with its first digit changed. */
export function corruptSign(validSign: string): string {
  const first = validSign[0] === 'A' ? 'B' : 'A';
  return `${first}${validSign.slice(1)}`;
}

/** The fee raised by one fen and signed again correctly: only a cross-check can catch it. */
export function alterFee(fields: Record<string, string>, key: string): Record<string, string> {
  const { sign: _sign, ...rest } = fields;
  const altered = { ...rest, fee: String(Number(rest.fee ?? '0') + 1) };
  return { ...altered, sign: sign(altered, key) };
}
