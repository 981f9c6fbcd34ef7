import { entriesToObject, parseForm } from '../../core/allinpay/form';
import { requestSchemas, type Endpoint, type RequestFields } from '../../core/allinpay/requests';
import { signingString, verifyDetailed } from '../../core/allinpay/sign';
import { toFieldIssues } from '../../core/allinpay/validation';
import type { Merchant } from '../config';

/**
 * Checks an incoming protocol form: parsed once, cusid known, signature verified over the
 * received entries (protocol note 2), then the endpoint's schema (protocol note 3). A refusal
 * names what is wrong; it is signed whenever the merchant is known.
 */

export type Checked<E extends Endpoint> =
  | { ok: true; merchant: Merchant; fields: RequestFields<E>; received: Record<string, string> }
  | { ok: false; retmsg: string; merchant?: Merchant };

export function checkRequest<E extends Endpoint>(
  endpoint: E,
  raw: string,
  merchantOf: (cusid: string) => Merchant | undefined,
): Checked<E> {
  const entries = parseForm(raw);
  const seen = new Set<string>();
  for (const [name] of entries) {
    if (seen.has(name)) return { ok: false, retmsg: `field ${name} appears more than once` };
    seen.add(name);
  }
  const received = entriesToObject(entries);
  const cusid = received.cusid;
  if (!cusid) return { ok: false, retmsg: 'cusid is required' };
  const merchant = merchantOf(cusid);
  if (!merchant) return { ok: false, retmsg: `unknown cusid ${cusid}` };
  if (!received.sign) return { ok: false, retmsg: 'sign is required', merchant };
  if (!verifyDetailed(entries, merchant.key).valid) {
    // Show what should have been signed (key hidden), not the expected sign: no signing oracle.
    const shown = signingString(entries, merchant.key)
      .split(merchant.key)
      .join('<md5 of your password>');
    return { ok: false, retmsg: `sign does not match; the string to sign is: ${shown}`, merchant };
  }
  const { sign: _sign, ...unsigned } = received;
  const parsed = requestSchemas[endpoint].safeParse(unsigned);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error, unsigned).map((i) =>
      i.field ? `${i.field} ${i.rule}` : i.rule,
    );
    return { ok: false, retmsg: `invalid request: ${issues.join('; ')}`, merchant };
  }
  return { ok: true, merchant, fields: parsed.data as RequestFields<E>, received: unsigned };
}
