import { z } from 'zod';
import {
  asinfo,
  cusid,
  fen,
  notifyUrl,
  oneOf,
  optionalText,
  parkingNo,
  provinceCode,
  randomstr,
  reqsn,
  unixSeconds,
} from './fields';

/**
 * Request schemas of the five endpoints (spec 接口 (1)–(5), lengths of protocol note 3).
 * Parsing yields wire fields (strings); `sign` is added by the signer, never by the caller.
 * `fee` is optional in the spec's table, but a charge or a freeze without an amount is
 * meaningless, so it is required and must be > 0 here.
 */

const plateFields = {
  LPR: optionalText(20),
  LPRpro: optionalText(10),
};

export const payRequest = z.strictObject({
  pro: provinceCode,
  parkingNo,
  ...plateFields,
  payTime: unixSeconds(),
  cusid,
  reqsn,
  fee: fen({ positive: true }),
  asinfo,
  openid: optionalText(32),
  randomstr,
  notify_url: notifyUrl,
});

export const prepayRequest = z
  .strictObject({
    pro: provinceCode,
    parkingNo,
    ...plateFields,
    inTime: unixSeconds(),
    endTime: unixSeconds(),
    cusid,
    reqsn,
    fee: fen({ positive: true }),
    asinfo,
    openid: optionalText(32),
    road: oneOf(['1', '9']),
    randomstr,
    notify_url: notifyUrl,
  })
  .refine((r) => Number(r.endTime) > Number(r.inTime), {
    path: ['endTime'],
    error: 'must be later than inTime',
  });

export const finishRequest = z.strictObject({
  outTime: unixSeconds(),
  cusid,
  reqsn,
  // protocol note 7: feeFinish > 0
  feeFinish: fen({ positive: true }),
  feeType: oneOf(['1', '9']),
  asinfo,
  randomstr,
});

export const cancelRequest = z.strictObject({
  cancelTime: unixSeconds(),
  cusid,
  reqsn,
  feeCancel: fen({ positive: true }),
  randomstr,
});

export const queryRequest = z.strictObject({
  cusid,
  reqsn,
  randomstr,
});

export const requestSchemas = {
  pay: payRequest,
  prepay: prepayRequest,
  finish: finishRequest,
  cancel: cancelRequest,
  query: queryRequest,
} as const;

export type Endpoint = keyof typeof requestSchemas;
export const ENDPOINTS = Object.keys(requestSchemas) as Endpoint[];

/** What a caller passes (numbers allowed for fen and times). */
export type RequestInput<E extends Endpoint> = z.input<(typeof requestSchemas)[E]>;
/** What goes on the wire (strings), before `sign`. */
export type RequestFields<E extends Endpoint> = z.output<(typeof requestSchemas)[E]>;

export type PayRequest = RequestFields<'pay'>;
export type PrepayRequest = RequestFields<'prepay'>;
export type FinishRequest = RequestFields<'finish'>;
export type CancelRequest = RequestFields<'cancel'>;
export type QueryRequest = RequestFields<'query'>;

/** The endpoint path of protocol note 1, relative to the configured base URL. */
export function endpointPath(endpoint: Endpoint): string {
  return `/allinpay/api/${endpoint}.php`;
}

/** The browser-redirect entries, for an H5 page without openid (protocol notes 1 and 12). */
export type RedirectEndpoint = 'pay' | 'prepay';

export function redirectPath(endpoint: RedirectEndpoint): string {
  return `/allinpay/${endpoint}.php`;
}
