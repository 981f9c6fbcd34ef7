import { callApi } from './call-api';
import type { MerchantRole } from './merchant-types';

// Typed calls to the merchant staff's routes (server/merchant/README.md). Each throws
// ApiCallError with the server's code and Chinese message; the pages show that message.
export const merchantApi = {
  mine: () => callApi('merchant.mine'),
  give: (merchantId: string, offerId: string, plate: string) =>
    callApi('merchant.give', { merchantId, offerId, plate }),
  discounts: (merchantId: string) => callApi('merchant.discounts', { merchantId }),
  /** The lot's cars inside, newest first, and whether this merchant gave each one a discount. */
  sessions: (merchantId: string) => callApi('merchant.sessions', { merchantId }),
};

/** The merchant staff invitation (scene m:<code>) and a driver's discount QR (d: / c:). */
export const merchantJoinApi = {
  peek: (code: string) => callApi('merchant.invitation.get', { code }),
  accept: (code: string, name: string) =>
    callApi('merchant.invitation.accept', {
      code,
      name,
    }),
  redeem: (code: string, plate: string) => callApi('discount.redeem', { code, plate }),
  plates: () => callApi('plates.list'),
};

/** The operator's merchant routes (server/merchant/README.md). */
export const merchantAdminApi = {
  list: (lotId: string) => callApi('op.merchants.list', { lotId }),
  /** Adds or edits a merchant (its offers and limits); audited with the reason, if any. */
  upsert: (merchant: Record<string, unknown>, reason: string) =>
    callApi('op.merchants.upsert', { merchant, ...(reason && { reason }) }),
  /** Per merchant per day; without a range, the server's 7 days up to its today. */
  daily: (lotId: string) => callApi('op.merchants.daily', { lotId }),
  invite: (merchantId: string, role: MerchantRole, hours: number) =>
    callApi('op.merchants.invite', { merchantId, role, hours }),
  /** One merchant's discounts of a range as CSV (a BOM, cells neutralised for Excel). */
  statement: (merchantId: string, from: string, to: string) =>
    callApi('op.merchants.statement', { merchantId, from, to }),
  topUp: (merchantId: string, amount: number, requestId: string, reason: string) =>
    callApi('op.merchants.topup', { merchantId, amount, requestId, reason }),
};

/** A top-up's id, made once per form: a retry after a lost answer is the same top-up. */
export function newRequestId(): string {
  const random = Math.floor(Math.random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return `t-${Date.now().toString(36)}-${random}`;
}

/** Yuan as typed ('12', '12.5', '12.50') to integer fen, or undefined. */
export function fenOfYuan(text: string): number | undefined {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : undefined;
}

/** The operator's arrears routes (server/arrears/README.md). */
export const arrearsAdminApi = {
  /** A lot's arrears in one state, oldest first; `plate`: any part of it. */
  list: (lotId: string, state: 'open' | 'paid' | 'waived', plate?: string) =>
    callApi('op.arrears.list', { lotId, state, ...(plate && { plate }) }),
  waive: (sessionId: string, reason: string) => callApi('op.arrears.waive', { sessionId, reason }),
};
