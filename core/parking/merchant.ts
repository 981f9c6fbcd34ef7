import { z } from 'zod';
import { type Discount, discountSchema } from './discount';
import { displayName, entityId, fen, openid, unixSeconds } from './primitives';
import { type DomainResult, refuse, succeed } from './result';

/**
 * A merchant of a lot (商户, issue 14): a shop that pays part of its customers' parking. The
 * operator adds it with its offers (what its staff may give) and limits; its staff are invited
 * like operators (merchant-invitation routes) and see only their merchant.
 *
 * Billing: `balance` merchants buy credit from the operator in advance (top-ups) and may give
 * discounts only while the balance is above 0; each finished stay's discounts are then charged
 * to it (the balance may end below 0 by the discounts of cars already inside). `monthly`
 * merchants are billed by the operator from the statement at the end of the month.
 */
export const MERCHANT_BILLING = ['balance', 'monthly'] as const;
export type MerchantBilling = (typeof MERCHANT_BILLING)[number];

export const offerSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,16}$/, 'offer id must be 1 to 16 of a-z, 0-9, "-"'),
  label: displayName(20),
  discount: discountSchema,
  /** At most this much taken off one stay (fen); needed for percentages and whole stays. */
  cap: fen.optional(),
});
export type Offer = z.infer<typeof offerSchema>;

export const merchantLimitsSchema = z.object({
  /** Discounts this merchant may give per China day (0: no limit). */
  perDay: z.number().int().min(0).max(100_000),
  /** Discounts this merchant may give to one plate per China day (0: no limit). */
  perPlatePerDay: z.number().int().min(0).max(100),
  /** Uses of its static counter QR per China day (0: no static QR). */
  staticQrPerDay: z.number().int().min(0).max(100_000),
});
export type MerchantLimits = z.infer<typeof merchantLimitsSchema>;

export const merchantInputSchema = z
  .object({
    id: entityId,
    lotId: entityId,
    name: displayName(30),
    billing: z.enum(MERCHANT_BILLING),
    offers: z.array(offerSchema).min(1).max(10),
    limits: merchantLimitsSchema,
    active: z.boolean(),
  })
  .superRefine((m, ctx) => {
    const ids = new Set<string>();
    m.offers.forEach((o, i) => {
      if (ids.has(o.id))
        ctx.addIssue({ code: 'custom', path: ['offers', i, 'id'], message: 'duplicate offer id' });
      ids.add(o.id);
      const open = o.discount.kind === 'percent_off' || o.discount.kind === 'whole_stay';
      if (open && o.cap === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['offers', i, 'cap'],
          message: 'a percentage or whole-stay offer needs a cap',
        });
      }
    });
  });
export type MerchantInput = z.infer<typeof merchantInputSchema>;
export type Merchant = MerchantInput;

export const MERCHANT_ROLES = ['manager', 'clerk'] as const;
export type MerchantRole = (typeof MERCHANT_ROLES)[number];
export const MERCHANT_ROLE_TEXT: Readonly<Record<MerchantRole, string>> = {
  manager: '商户管理员',
  clerk: '商户店员',
};

/** A person's place in a merchant (merchant_staff `_id` = `${merchantId}:${openid}`). */
export const merchantStaffSchema = z.object({
  merchantId: entityId,
  lotId: entityId,
  openid,
  role: z.enum(MERCHANT_ROLES),
  name: z.string().trim().min(1).max(20),
  at: unixSeconds,
});
export type MerchantStaff = z.infer<typeof merchantStaffSchema>;

/** Merchant staff rights: a clerk gives discounts; a manager also sees costs and makes QR codes. */
export const MERCHANT_ACTIONS = [
  'discount.give',
  'discount.view',
  'cost.view',
  'qr.create',
] as const;
export type MerchantAction = (typeof MERCHANT_ACTIONS)[number];
export const MERCHANT_RIGHTS: Readonly<Record<MerchantRole, readonly MerchantAction[]>> = {
  manager: MERCHANT_ACTIONS,
  clerk: ['discount.give', 'discount.view', 'qr.create'],
};

export function checkMerchantRight(
  staff: MerchantStaff | undefined,
  action: MerchantAction,
): DomainResult<MerchantStaff> {
  if (!staff) return refuse('FORBIDDEN', '您不是该商户的工作人员');
  if (!MERCHANT_RIGHTS[staff.role].includes(action))
    return refuse('FORBIDDEN', '您的商户角色没有权限执行此操作');
  return succeed(staff);
}

/** What the merchant has already given, for the limits of a new discount. */
export interface GivenCounts {
  /** This merchant's discounts today (China day). */
  today: number;
  /** This merchant's discounts to this plate today. */
  plateToday: number;
  /** Whether the session already holds one of this merchant's discounts. */
  sessionHasOne: boolean;
  /** Uses of the static counter QR today (only for a static QR). */
  staticToday?: number;
}

/**
 * Whether the merchant may give `offerId` now: active, the offer exists, one per session, the
 * daily limits, and for a balance merchant a balance above 0.
 */
export function checkGive(
  merchant: Merchant,
  offerId: string,
  counts: GivenCounts,
  balance: number,
): DomainResult<Offer> {
  if (!merchant.active) return refuse('MERCHANT_INACTIVE', '该商户已停用优惠');
  const offer = merchant.offers.find((o) => o.id === offerId);
  if (!offer) return refuse('OFFER_NOT_FOUND', '该优惠不存在');
  if (counts.sessionHasOne) return refuse('ALREADY_GIVEN', '本次停车已享受过该商户的优惠');
  const { perDay, perPlatePerDay, staticQrPerDay } = merchant.limits;
  if (perDay > 0 && counts.today >= perDay) return refuse('DAILY_LIMIT', '该商户今日优惠已达上限');
  if (perPlatePerDay > 0 && counts.plateToday >= perPlatePerDay)
    return refuse('PLATE_LIMIT', '该车牌今日已达该商户的优惠上限');
  if (counts.staticToday !== undefined && counts.staticToday >= staticQrPerDay)
    return refuse('QR_DAILY_LIMIT', '该商户的柜台二维码今日已达使用上限');
  if (merchant.billing === 'balance' && balance <= 0)
    return refuse('BALANCE_EMPTY', '商户余额不足，请先充值');
  return succeed(offer);
}

export type { Discount };
