import { z } from 'zod';
import { MINUTES_PER_DAY, formatClock, parseClock } from './china-time';
import { displayName, entityId, fen, positiveFen } from './primitives';

/** The largest price of one billing unit (¥10 000), which keeps every fee far inside 10 digits. */
export const MAX_UNIT_PRICE = 1_000_000;

/**
 * A price period by the China-time clock. Each period runs from its `start` until the next
 * period's start, round the clock: `白天 08:00` and `夜间 20:00` make day 08:00–20:00 and night
 * 20:00–08:00. One period alone is a flat price all day.
 */
export const pricePeriodSchema = z.object({
  name: displayName(8),
  start: z.string().refine((v) => parseClock(v) !== undefined, 'start must be a clock time HH:MM'),
  pricePerUnit: fen.max(MAX_UNIT_PRICE, `price per unit may be at most ${MAX_UNIT_PRICE} fen`),
});
export type PricePeriod = z.infer<typeof pricePeriodSchema>;

/**
 * What a driver who booked a spot and never arrived pays (from the freeze, at most what is frozen):
 * nothing, the booking fee, or a fixed amount.
 */
export const noShowPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('booking_fee') }),
  z.object({ kind: z.literal('fixed'), amount: positiveFen }),
]);
export type NoShowPolicy = z.infer<typeof noShowPolicySchema>;

export const tariffSchema = z.object({
  id: entityId,
  name: displayName(30),
  /** A stay no longer than this is free. */
  freeMinutes: z.number().int().min(0).max(MINUTES_PER_DAY),
  /**
   * false (the usual rule): a stay beyond the free minutes is charged from entry.
   * true: the free minutes are always deducted and only the rest is charged.
   */
  freeDeducted: z.boolean().default(false),
  /** Billing unit; a started unit counts whole. */
  unitMinutes: z.number().int().min(1).max(MINUTES_PER_DAY),
  periods: z
    .array(pricePeriodSchema)
    .min(1, 'at least one price period')
    .max(8, 'at most 8 price periods')
    .refine((list) => new Set(list.map((p) => p.start)).size === list.length, {
      message: 'two periods cannot start at the same time',
    }),
  /** The most charged for each 24 hours counted from entry; null for no cap. */
  capPer24h: positiveFen.nullable(),
  /** Charged from the freeze when a driver who booked a spot arrives (finish feeType=1). */
  bookingFee: fen.default(0),
  /** How long a booked spot waits for the driver before the booking is a no-show. */
  bookingHoldMinutes: z.number().int().min(1).max(MINUTES_PER_DAY).default(15),
  noShow: noShowPolicySchema.default({ kind: 'booking_fee' }),
});
export type Tariff = z.output<typeof tariffSchema>;
export type TariffInput = z.input<typeof tariffSchema>;

/** A period placed on the clock: minutes of the day, `end` possibly past 1440 when it wraps. */
export interface ClockPeriod {
  index: number;
  name: string;
  pricePerUnit: number;
  startMinute: number;
  endMinute: number;
  /** 'HH:MM–HH:MM', or '全天' for a single period. */
  label: string;
}

/** The periods sorted by start, each ending where the next begins (the last wraps to the first). */
export function clockPeriods(tariff: Pick<Tariff, 'periods'>): ClockPeriod[] {
  const sorted = tariff.periods
    .map((p) => ({ ...p, startMinute: parseClock(p.start) as number }))
    .sort((a, b) => a.startMinute - b.startMinute);
  return sorted.map((p, i) => {
    const next = sorted[(i + 1) % sorted.length] as { startMinute: number };
    const endMinute = next.startMinute + (i + 1 === sorted.length ? MINUTES_PER_DAY : 0);
    const label =
      sorted.length === 1
        ? '全天'
        : `${formatClock(p.startMinute)}–${formatClock(endMinute % MINUTES_PER_DAY)}`;
    return {
      index: i,
      name: p.name,
      pricePerUnit: p.pricePerUnit,
      startMinute: p.startMinute,
      endMinute,
      label,
    };
  });
}

/** The period in force at a minute of the day (0 to 1439). */
export function periodAt(periods: readonly ClockPeriod[], minuteOfDay: number): ClockPeriod {
  let found = periods[periods.length - 1] as ClockPeriod; // before the first start: the last one wraps
  for (const p of periods) if (p.startMinute <= minuteOfDay) found = p;
  return found;
}

/** What a no-show pays out of `frozenLeft` fen still frozen (never more than that). */
export function noShowCharge(
  tariff: Pick<Tariff, 'noShow' | 'bookingFee'>,
  frozenLeft: number,
): number {
  const wanted =
    tariff.noShow.kind === 'none'
      ? 0
      : tariff.noShow.kind === 'booking_fee'
        ? tariff.bookingFee
        : tariff.noShow.amount;
  return Math.max(0, Math.min(wanted, frozenLeft));
}
