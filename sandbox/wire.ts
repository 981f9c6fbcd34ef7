import { sign } from '../core/allinpay/sign';

/**
 * Signed JSON answers (protocol note 2). Every value is a string; nested values (payinfo,
 * couponList) are JSON strings so that what is signed is exactly what is sent. Empty values are
 * left out, as they are not signed either.
 */
export type AnswerFields = Record<string, string | undefined>;

export function signedAnswer(
  fields: AnswerFields,
  key: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== '' && name !== 'sign') out[name] = value;
  }
  // A FAIL for an unknown or missing cusid cannot be signed: there is no key to sign it with.
  if (key) out.sign = sign(out, key);
  return out;
}

export function failAnswer(retmsg: string, key: string | undefined): Record<string, string> {
  return signedAnswer({ retcode: 'FAIL', retmsg }, key);
}
