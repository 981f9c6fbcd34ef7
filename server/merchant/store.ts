import type { TopupView } from '../contract/merchant-views';
import type { Discount } from '../../core/parking/discount';
import type { DiscountCostState } from '../../core/parking/merchant-cost';
import {
  type Merchant,
  type MerchantRole,
  type MerchantStaff,
  merchantInputSchema,
  merchantStaffSchema,
} from '../../core/parking/merchant';
import { AppError } from '../api-kit/app-error';
import type { Database } from '../cloud/database';
import { COLLECTIONS } from '../store/collections';

/** The merchant collections (server/store/collections.ts) and the reads every route needs. */
export type MerchantDoc = Merchant & { _id: string; createdAt: number; updatedAt: number };
export type StaffDoc = MerchantStaff & { _id: string };

/** How a discount came: given by staff to a plate, a one-time QR, the counter's static QR. */
export type DiscountVia = 'staff' | 'code' | 'counter';

export interface DiscountDoc {
  /** `${merchantId}|${sessionId}`, or `${merchantId}|plate|${plate}|${date}` while pending entry. */
  _id: string;
  merchantId: string;
  merchantName: string;
  lotId: string;
  sessionId?: string;
  plate: string;
  /** China date it was given (limits and views count by it). */
  date: string;
  offerId: string;
  offerLabel: string;
  discount: Discount;
  cap?: number;
  at: number;
  /** Staff openid, or the driver's for a QR. */
  by: string;
  via: DiscountVia;
  code?: string;
  /** `waiting`: given to a plate not in the lot; attached at its next entry that day. */
  state: DiscountCostState | 'waiting';
  cost: number;
  /** The session version the cost was computed from (a stale write never wins). */
  costVersion: number;
}

/** A top-up as stored is what the operator reads (server/contract/merchant-views.ts). */
export type TopupDoc = TopupView;

export type MerchantCodeKind = 'discount' | 'counter' | 'invitation';
export interface MerchantCodeDoc {
  _id: string;
  kind: MerchantCodeKind;
  merchantId: string;
  lotId: string;
  offerId?: string;
  role?: MerchantRole;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  state: 'open' | 'used' | 'revoked';
  usedBy?: string;
  usedAt?: number;
  /** The plate a one-time code was used for. */
  plate?: string;
  sessionId?: string;
}

export const merchants = (db: Database) => db.collection<MerchantDoc>(COLLECTIONS.merchants);
export const staff = (db: Database) => db.collection<StaffDoc>(COLLECTIONS.merchantStaff);
export const discounts = (db: Database) =>
  db.collection<DiscountDoc>(COLLECTIONS.merchantDiscounts);
export const topups = (db: Database) => db.collection<TopupDoc>(COLLECTIONS.merchantTopups);
export const codes = (db: Database) => db.collection<MerchantCodeDoc>(COLLECTIONS.merchantCodes);

export const staffId = (merchantId: string, openid: string) => `${merchantId}:${openid}`;
export const discountId = (merchantId: string, sessionId: string) => `${merchantId}|${sessionId}`;

const notFound = () => new AppError('MERCHANT_NOT_FOUND', '商户不存在');

export function merchantOf(doc: MerchantDoc | undefined): Merchant | undefined {
  if (!doc) return undefined;
  const { _id, createdAt: _c, updatedAt: _u, ...rest } = doc;
  const parsed = merchantInputSchema.safeParse(rest);
  return parsed.success ? parsed.data : undefined;
}

export async function loadMerchant(db: Database, id: string): Promise<Merchant | undefined> {
  return merchantOf(await merchants(db).get(id));
}

export async function requireMerchant(db: Database, id: string): Promise<Merchant> {
  const m = await loadMerchant(db, id);
  if (!m) throw notFound();
  return m;
}

export async function staffOf(
  db: Database,
  merchantId: string,
  openid: string,
): Promise<MerchantStaff | undefined> {
  const parsed = merchantStaffSchema.safeParse(await staff(db).get(staffId(merchantId, openid)));
  return parsed.success ? parsed.data : undefined;
}

/** Every discount doc of a merchant (paged by date and id), optionally for some dates only. */
export async function discountsOfMerchant(
  db: Database,
  merchantId: string,
  dates?: { from: string; to: string },
): Promise<DiscountDoc[]> {
  const out: DiscountDoc[] = [];
  // Two bounds on one field as a top-level AND (what the SDK and the emulator both accept).
  const query = dates
    ? db.cmd.and({ merchantId, date: db.cmd.gte(dates.from) }, { date: db.cmd.lte(dates.to) })
    : { merchantId };
  for (let skip = 0; ; skip += 1000) {
    const page = await discounts(db).find(query, {
      orderBy: [
        ['date', 'asc'],
        ['_id', 'asc'],
      ],
      skip,
      limit: 1000,
    });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** A lot's discounts given on a China day, every merchant's, in id order. */
export async function discountsOfLotOn(
  db: Database,
  lotId: string,
  date: string,
): Promise<DiscountDoc[]> {
  const out: DiscountDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await discounts(db).find(
      { lotId, date },
      { orderBy: [['_id', 'asc']], skip, limit: 1000 },
    );
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** Top-ups minus what finished stays' discounts cost: recomputed, never incremented. */
export async function balanceOf(
  db: Database,
  merchantId: string,
): Promise<{ toppedUp: number; spent: number; balance: number }> {
  let toppedUp = 0;
  for (let skip = 0; ; skip += 1000) {
    const page = await topups(db).find(
      { merchantId },
      { orderBy: [['at', 'desc']], skip, limit: 1000 },
    );
    toppedUp += page.reduce((s, t) => s + t.amount, 0);
    if (page.length < 1000) break;
  }
  const spent = (await discountsOfMerchant(db, merchantId)).reduce((s, d) => s + d.cost, 0);
  return { toppedUp, spent, balance: toppedUp - spent };
}
