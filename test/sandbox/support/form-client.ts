import { randomBytes } from 'node:crypto';
import { jsonToEntries } from '../../../core/allinpay/form';
import { sign, verify } from '../../../core/allinpay/sign';

/**
 * A plain protocol client written for these tests (not the project's Allinpay client): builds the
 * form with URLSearchParams, signs it with the core sign function, POSTs it with fetch.
 */

export type Endpoint = 'pay' | 'prepay' | 'finish' | 'cancel' | 'query';

export interface CallOptions {
  /** Sign with this key instead of the client's. */
  key?: string;
  /** Send this sign instead of computing one (false: no sign at all). */
  sign?: string | false;
  /** Send exactly this body. */
  raw?: string;
  /** Abort after this many ms. */
  timeoutMs?: number;
}

export interface CallResult {
  status: number;
  text: string;
  json: Record<string, string>;
  /** The answer's signature checks out with the client's key. */
  signed: boolean;
}

export function randomstr(): string {
  return randomBytes(16).toString('hex');
}

export class FormClient {
  constructor(
    readonly baseUrl: string,
    readonly cusid: string,
    readonly key: string,
  ) {}

  body(fields: Record<string, string>, options: CallOptions = {}): string {
    const all: Record<string, string> = { cusid: this.cusid, randomstr: randomstr(), ...fields };
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(all)) if (value !== '') params.append(name, value);
    if (options.sign !== false)
      params.append('sign', options.sign ?? sign(all, options.key ?? this.key));
    return params.toString();
  }

  async call(
    endpoint: Endpoint,
    fields: Record<string, string>,
    options: CallOptions = {},
  ): Promise<CallResult> {
    const res = await fetch(`${this.baseUrl}/allinpay/api/${endpoint}.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: options.raw ?? this.body(fields, options),
      signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
    });
    const text = await res.text();
    let json: Record<string, string> = {};
    try {
      json = JSON.parse(text) as Record<string, string>;
    } catch {
      // not JSON (e.g. an injected 5xx): json stays empty
    }
    const signed = typeof json.sign === 'string' && verify(jsonToEntries(json), this.key);
    return { status: res.status, text, json, signed };
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function payFields(
  reqsn: string,
  notifyUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    pro: '44',
    parkingNo: 'P0001',
    LPR: 'BD12345',
    LPRpro: '44',
    payTime: String(nowSeconds()),
    reqsn,
    fee: '1250',
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    notify_url: notifyUrl,
    ...extra,
  };
}

export function prepayFields(
  reqsn: string,
  notifyUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const now = nowSeconds();
  return {
    pro: '44',
    parkingNo: 'P0001',
    LPR: 'BD12345',
    LPRpro: '44',
    inTime: String(now),
    endTime: String(now + 3600),
    reqsn,
    fee: '10000',
    road: '9',
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    notify_url: notifyUrl,
    ...extra,
  };
}

export function finishFields(
  reqsn: string,
  feeFinish: number,
  feeType: '1' | '9',
  extra: Record<string, string> = {},
) {
  return { outTime: String(nowSeconds()), reqsn, feeFinish: String(feeFinish), feeType, ...extra };
}

export function cancelFields(reqsn: string, feeCancel: number, extra: Record<string, string> = {}) {
  return { cancelTime: String(nowSeconds()), reqsn, feeCancel: String(feeCancel), ...extra };
}
