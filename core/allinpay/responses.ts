import { z } from 'zod';
import { classifyTrxStatus } from './trxstatus';

/**
 * Response and notification schemas (spec 返回 / 通知). Values arrive as strings (a JSON number is
 * read as its decimal text). Objects are loose: the platform may add fields, and verification
 * covers whatever arrived (protocol note 2).
 */

const str = z.union([z.string(), z.number().transform(String)]);
const optStr = str.optional();
const fenStr = z
  .union([z.string(), z.number().transform(String)])
  .pipe(z.string().regex(/^\d{1,10}$/, { error: 'must be integer fen' }));

export const retcode = z.enum(['SUCCESS', 'FAIL']);

/** Fields every successful answer carries (pay, prepay, finish, cancel, query). */
const successCore = {
  retcode: z.literal('SUCCESS'),
  retmsg: optStr,
  cusid: str,
  appid: str,
  trxid: optStr,
  reqsn: str,
  randomstr: optStr,
  fintime: optStr,
  trxstatus: z.string().regex(/^\d{4}$/, { error: 'must be a 4-digit trxstatus' }),
  errmsg: optStr,
  sign: str,
};

/** Running totals of a prepay (protocol note 7). */
const totals = {
  openid: optStr,
  couponList: z.unknown().optional(),
  fee: fenStr.optional(),
  feeFinish: fenStr.optional(),
  feeBack: fenStr.optional(),
  feeAIP: fenStr.optional(),
};

export const failResponse = z.looseObject({
  retcode: z.literal('FAIL'),
  retmsg: optStr,
  sign: optStr,
});

export const payResponse = z.looseObject({ ...successCore, payinfo: z.unknown().optional() });
export const totalsResponse = z.looseObject({ ...successCore, ...totals });

export const responseSchemas = {
  pay: payResponse,
  prepay: payResponse,
  finish: totalsResponse,
  cancel: totalsResponse,
  query: totalsResponse,
} as const;

export type FailResponse = z.output<typeof failResponse>;
export type PayResponse = z.output<typeof payResponse>;
export type TotalsResponse = z.output<typeof totalsResponse>;

export const notification = z.looseObject({
  cusid: str,
  appid: str,
  trxid: str,
  reqsn: optStr,
  randomstr: optStr,
  trxdate: optStr,
  fintime: optStr,
  trxstatus: z.string().regex(/^\d{4}$/, { error: 'must be a 4-digit trxstatus' }),
  openid: optStr,
  pro: optStr,
  parkingNo: optStr,
  LPR: optStr,
  LPRpro: optStr,
  fee: fenStr,
  feeAIP: fenStr.optional(),
  sign: str,
});

export type Notification = z.output<typeof notification>;

/** WeChat Pay parameters (protocol note 13). */
export interface PayInfo {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

const payInfoSchema = z
  .looseObject({
    appId: str.optional(),
    appid: str.optional(), // the spec's prepay table spells it `appid`
    timeStamp: str,
    nonceStr: str,
    package: str,
    signType: str,
    paySign: str,
  })
  .transform(({ appId, appid, timeStamp, nonceStr, package: pkg, signType, paySign }) => ({
    appId: appId ?? appid ?? '',
    timeStamp,
    nonceStr,
    package: pkg,
    signType,
    paySign,
  }));

/** Accepts payinfo as an object or a JSON string (protocol note 13); undefined when unusable. */
export function parsePayInfo(value: unknown): PayInfo | undefined {
  let candidate = value;
  if (typeof value === 'string') {
    try {
      candidate = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const parsed = payInfoSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** The arguments of `wx.requestPayment` (protocol note 13). */
export function toRequestPaymentArgs(info: PayInfo) {
  const { timeStamp, nonceStr, package: pkg, signType, paySign } = info;
  return { timeStamp, nonceStr, package: pkg, signType, paySign };
}

/** Coupons used by the payer (spec: 可解析出通联卡券参数): a JSON array or string; [] when absent. */
export function parseCouponList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      return [value];
    }
  }
  return [value];
}

export { classifyTrxStatus };
