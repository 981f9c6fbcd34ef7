import { z } from 'zod';
import { SECONDS_PER_DAY, fromChinaDateTime, toChinaDateTime } from '../parking/china-time';
import { displayName, entityId, positiveFen } from '../parking/primitives';

/**
 * A pass plan of a lot (月卡/季卡/年卡 or N days): its price, how many spaces one pass covers and
 * how many plates it may carry (一位多车), the grace days after expiry, and whether drivers may
 * buy it online.
 */
export const passPeriodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('month') }),
  z.strictObject({ kind: z.literal('quarter') }),
  z.strictObject({ kind: z.literal('year') }),
  z.strictObject({ kind: z.literal('days'), days: z.number().int().min(1).max(3660) }),
]);
export type PassPeriod = z.infer<typeof passPeriodSchema>;

export const MAX_PASS_PLATES = 10;
export const MAX_PASS_SPACES = 10;

export const passPlanSchema = z
  .object({
    id: entityId,
    lotId: entityId,
    name: displayName(20),
    period: passPeriodSchema,
    price: positiveFen,
    /** Cars of one pass inside at once without paying. */
    spaces: z.number().int().min(1).max(MAX_PASS_SPACES),
    /** Plates one pass may carry (at least its spaces). */
    maxPlates: z.number().int().min(1).max(MAX_PASS_PLATES),
    /** Days after expiry a pass car still enters free, with a warning. */
    graceDays: z.number().int().min(0).max(60),
    /** Drivers may buy and renew it in the mini-program. */
    online: z.boolean(),
    /** A retired plan issues no new pass and renews none online; passes keep their dates. */
    active: z.boolean().default(true),
  })
  .refine((p) => p.maxPlates >= p.spaces, {
    message: 'maxPlates must be at least spaces',
    path: ['maxPlates'],
  });
export type PassPlan = z.output<typeof passPlanSchema>;
export type PassPlanInput = z.input<typeof passPlanSchema>;

export const PERIOD_TEXT = { month: '月', quarter: '季', year: '年' } as const;

/** How people read a period: 1 个月, 3 个月, 1 年, 30 天. */
export function periodText(period: PassPeriod): string {
  switch (period.kind) {
    case 'month':
      return '1 个月';
    case 'quarter':
      return '3 个月';
    case 'year':
      return '1 年';
    case 'days':
      return `${period.days} 天`;
  }
}

const MONTHS = { month: 1, quarter: 3, year: 12 } as const;

/**
 * Where a period that starts at `from` ends. Calendar periods count China-calendar months at the
 * same clock time; a day that month does not have is its last day (31 Jan + 1 month = 28/29 Feb).
 */
export function periodEnd(from: number, period: PassPeriod): number {
  if (period.kind === 'days') return from + period.days * SECONDS_PER_DAY;
  const start = toChinaDateTime(from);
  const total = start.year * 12 + (start.month - 1) + MONTHS[period.kind];
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const end = fromChinaDateTime({ ...start, year, month, day: Math.min(start.day, lastDay) });
  // Every China date-time exists (no daylight saving), so `end` is defined.
  return end as number;
}
