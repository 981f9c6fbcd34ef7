import { z } from 'zod';
import { formatFen } from '../money/format';
import { formatDuration } from './duration-text';
import { type FeeLine, type FeeQuote, computeFee } from './fee';
import { entityId, fen, positiveFen, unixSeconds } from './primitives';
import { type DomainResult, succeed } from './result';
import type { Tariff } from './tariff';

/**
 * Merchant discounts (商户优惠, issue 14): a shop pays part of a customer's parking.
 *
 * Order (decided here, documented in core/parking/README.md "Merchant discounts"):
 * 1. The tariff's own free minutes and 24-hour cap apply first (computeFee): a discount never
 *    pays what the rules already leave free.
 * 2. Then the discounts, by kind in this order, and within a kind by the time they were given:
 *    free minutes (the stay is shortened from its end, each discount worth what it takes off the
 *    fee), an amount off, a percentage of what is left, the whole stay (everything left).
 * 3. Each is worth at most its `cap` (fen) and at most what is still owed: the fee never goes
 *    below 0 and a later discount may be worth 0 (the merchant then pays nothing for it).
 * Only one discount of each merchant per session (merchant-rules.ts refuses a second); discounts
 * of different merchants add up in the order above.
 */
export const DISCOUNT_KINDS = ['free_minutes', 'amount_off', 'percent_off', 'whole_stay'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free_minutes'), minutes: z.number().int().min(1).max(1440) }),
  z.object({ kind: z.literal('amount_off'), amount: positiveFen }),
  z.object({ kind: z.literal('percent_off'), percent: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('whole_stay') }),
]);
export type Discount = z.infer<typeof discountSchema>;

/** A discount given to one session (stored on it, read by the quote). */
export const sessionDiscountSchema = z.object({
  /** The grant's id (merchant_grants `_id`): `${merchantId}|${sessionId}`. */
  id: z.string().min(1).max(80),
  merchantId: entityId,
  merchantName: z.string().min(1).max(30),
  discount: discountSchema,
  /** At most this much is taken off (fen); undefined: no cap but the fee itself. */
  cap: fen.optional(),
  at: unixSeconds,
});
export type SessionDiscount = z.infer<typeof sessionDiscountSchema>;

export interface AppliedDiscount {
  id: string;
  merchantId: string;
  merchantName: string;
  kind: DiscountKind;
  /** Fen taken off the fee (what the merchant pays for it). */
  value: number;
}

const KIND_ORDER: Readonly<Record<DiscountKind, number>> = {
  free_minutes: 0,
  amount_off: 1,
  percent_off: 2,
  whole_stay: 3,
};

/** The discounts in the order they apply (kind, then time given, then id). */
export function discountOrder(discounts: readonly SessionDiscount[]): SessionDiscount[] {
  return [...discounts].sort(
    (a, b) =>
      KIND_ORDER[a.discount.kind] - KIND_ORDER[b.discount.kind] ||
      a.at - b.at ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** What a discount is, in words ('2 小时', '¥5.00', '8 折'...). */
export function discountText(d: Discount): string {
  switch (d.kind) {
    case 'free_minutes':
      return `免 ${formatDuration(d.minutes * 60)}`;
    case 'amount_off':
      return `减 ${formatFen(d.amount)}`;
    case 'percent_off':
      return `减免 ${d.percent}%`;
    case 'whole_stay':
      return '全免';
  }
}

export interface DiscountedFee {
  quote: FeeQuote;
  /** The fee before discounts (after free minutes and caps). */
  undiscounted: number;
  applied: AppliedDiscount[];
}

/**
 * The fee of the stay `start`..`end` with `discounts` applied in the documented order. Without
 * discounts, the quote is computeFee's, unchanged.
 */
export function discountedFee(
  tariff: Tariff,
  start: number,
  end: number,
  discounts: readonly SessionDiscount[] = [],
): DomainResult<DiscountedFee> {
  const fee = computeFee(tariff, start, end);
  if (!fee.ok) return fee;
  const undiscounted = fee.value.total;
  if (discounts.length === 0) return succeed({ quote: fee.value, undiscounted, applied: [] });
  let left = undiscounted;
  let shortenedBy = 0;
  const applied: AppliedDiscount[] = [];
  for (const d of discountOrder(discounts)) {
    let worth: number;
    switch (d.discount.kind) {
      case 'free_minutes': {
        shortenedBy += d.discount.minutes * 60;
        const shorter = computeFee(tariff, start, Math.max(start, end - shortenedBy));
        if (!shorter.ok) return shorter;
        // What the shorter stay saves beyond the discounts already applied.
        worth = Math.max(0, left - Math.min(left, shorter.value.total));
        break;
      }
      case 'amount_off':
        worth = d.discount.amount;
        break;
      case 'percent_off':
        worth = Math.floor((left * d.discount.percent) / 100);
        break;
      case 'whole_stay':
        worth = left;
        break;
    }
    const value = Math.max(0, Math.min(worth, left, d.cap ?? Number.MAX_SAFE_INTEGER));
    left -= value;
    applied.push({
      id: d.id,
      merchantId: d.merchantId,
      merchantName: d.merchantName,
      kind: d.discount.kind,
      value,
    });
  }
  const lines: FeeLine[] = fee.value.lines.filter((l) => l.kind !== 'total');
  for (const a of applied) {
    const d = discounts.find((x) => x.id === a.id) as SessionDiscount;
    // The amount is the line's own column (as a cap's): repeated in the text it wrapped apart.
    lines.push({
      kind: 'discount',
      text: `商户优惠「${a.merchantName}」${discountText(d.discount)}`,
      amount: -a.value,
    });
  }
  lines.push({ kind: 'total', text: `合计 ${formatFen(left)}`, amount: left });
  return succeed({
    quote: { ...fee.value, total: left, lines, discounts: applied, undiscounted },
    undiscounted,
    applied,
  });
}
