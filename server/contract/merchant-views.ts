import type { ArrearsEvidence } from '../../core/parking/arrears';
import type { Merchant, MerchantBilling, MerchantRole, Offer } from '../../core/parking/merchant';
import type { DiscountCostState } from '../../core/parking/merchant-cost';
import type { RequestPaymentParams } from './driver-views';

/**
 * What the merchant and arrears routes answer (issue 14; server/merchant, server/arrears).
 * Money is integer fen, times unix seconds. Types only: the mini-program imports this file with
 * `import type`.
 */

export type { MerchantBilling, MerchantRole, Offer as MerchantOffer };

export interface MerchantBalance {
  toppedUp: number;
  spent: number;
  balance: number;
}

/** A merchant the caller staffs (merchant.mine); the balance for managers only. */
export interface MyMerchant {
  merchantId: string;
  name: string;
  lotId: string;
  lotName: string;
  role: MerchantRole;
  roleText: string;
  active: boolean;
  billing: MerchantBilling;
  offers: Offer[];
  balance?: MerchantBalance;
}

export interface MerchantSessions {
  merchantId: string;
  items: Array<{ sessionId: string; plate: string; inTime: number; given: boolean }>;
}

/** merchant.give and discount.redeem: `waiting` = given before the car is inside. */
export interface GiveResult {
  outcome: 'applied' | 'already' | 'waiting';
  discountId: string;
  sessionId?: string;
  plate: string;
  offerLabel: string;
}

export interface GivenDiscount {
  id: string;
  plate: string;
  date: string;
  at: number;
  offerId: string;
  offerLabel: string;
  via: 'staff' | 'code' | 'counter';
  state: DiscountCostState | 'waiting';
  /** Managers only. */
  cost?: number;
}

/** A merchant's China day of discounts (merchant.discounts); cost and balance for managers. */
export interface MerchantDay {
  merchantId: string;
  date: string;
  count: number;
  cost?: number;
  balance?: MerchantBalance;
  items: GivenDiscount[];
}

/** A QR for drivers (merchant.codes.create): one-time (`discount`) or the counter's. */
export interface MerchantCodeMade {
  code: string;
  kind: 'discount' | 'counter';
  scene: string;
  url: string;
  expiresAt: number;
  image: string;
}

export interface MerchantInvitationPeek {
  code: string;
  merchantName: string;
  role: MerchantRole;
  expiresAt: number;
  state: 'open' | 'used' | 'revoked' | 'expired';
}

export interface MerchantJoined {
  merchantId: string;
  merchantName: string;
  role: MerchantRole;
  outcome: 'applied' | 'already';
}

/** A lot's merchant as the operator sees it (op.merchants.list). */
export type LotMerchant = Merchant & { balance: MerchantBalance };

export interface TopupView {
  _id: string;
  merchantId: string;
  lotId: string;
  amount: number;
  at: number;
  by: string;
  reason: string;
}

export interface TopupResult {
  outcome: 'applied' | 'already';
  topup: TopupView;
  balance: MerchantBalance;
}

export interface MerchantInvitationMade {
  code: string;
  scene: string;
  url: string;
  expiresAt: number;
  image: string;
}

export interface MerchantDailyRow {
  merchantId: string;
  merchantName: string;
  date: string;
  given: number;
  charged: number;
  cost: number;
}

export interface MerchantDaily {
  lotId: string;
  from: string;
  to: string;
  items: MerchantDailyRow[];
}

/** A merchant's statement as CSV (UTF-8 with BOM, formula cells neutralised). */
export interface MerchantStatement {
  merchantId: string;
  from: string;
  to: string;
  fileName: string;
  lines: number;
  cost: number;
  csv: string;
}

/** Roadside arrears: the evidence of a stay closed with part of its fee unpaid. */
export interface ArrearsView extends ArrearsEvidence {
  id: string;
  state: 'open' | 'paid' | 'waived';
  createdAt: number;
  waivedBy?: string;
  waivedAt?: number;
  reason?: string;
  /** Paid: the order (its reqsn) and when the platform completed it. */
  orderId?: string;
  paidAt?: number;
}

/** arrears.pay: the payment for wx.requestPayment; none when the arrears are paid already. */
export interface ArrearsPayment {
  arrears: ArrearsView;
  payment?: { reqsn: string; amount: number; requestPayment: RequestPaymentParams };
}

/** arrears.confirm: the order as it stands after asking the platform, and its arrears. */
export interface ArrearsPaid {
  reqsn: string;
  status: 'requested' | 'accepted' | 'unknown' | 'paid' | 'failed' | 'abandoned';
  arrears: ArrearsView;
}

/** arrears.mine: the open arrears of the driver's remembered plates, oldest first. */
export interface MyArrears {
  items: Array<ArrearsView & { lotName: string }>;
  total: number;
}

/**
 * arrears.check: before a booking or an entry, the plate's open arrears owed to the lot's
 * operator (its merchant), and whether the lot refuses a new booking until they are paid.
 */
export interface ArrearsCheck {
  plate: string;
  items: Array<ArrearsView & { lotName: string }>;
  total: number;
  policy: 'remind' | 'require';
  bookingBlocked: boolean;
}

export interface LotArrears {
  lotId: string;
  items: Array<ArrearsView & { ageDays: number; spotName?: string }>;
  total: number;
}

export interface ArrearsWaived {
  outcome: 'applied' | 'already';
  arrears: ArrearsView;
}
