import { z } from 'zod';
import { PROVINCE_CODES } from '../plate/provinces';
import { isDerivedPlateProvince } from '../plate/derive';
import { splitRulesSchema } from './asinfo';
import { cusid, displayName, entityId, positiveFen } from './primitives';

export const LOT_KINDS = ['gated', 'roadside'] as const;
export type LotKind = (typeof LOT_KINDS)[number];

/** What the platform does with a freeze still open at `endTime`: 1 completes it, 9 returns it (protocol note 6). */
export const ROAD_POLICIES = [1, 9] as const;
export type RoadPolicy = (typeof ROAD_POLICIES)[number];

/**
 * What a plate's open arrears owed to the lot's merchant do to a new roadside booking (issue 14
 * Deliver 5): `remind` shows them before the booking; `require` refuses the booking until they
 * are paid (ARREARS_UNPAID). Entries at gates are never refused for arrears (a queue at a
 * barrier is worse than a debt): they are only shown.
 */
export const ARREARS_POLICIES = ['remind', 'require'] as const;
export type ArrearsPolicy = (typeof ARREARS_POLICIES)[number];

/** `parkingNo`: at most 32 characters, no `_` (protocol note 3); we keep to letters, digits and "-". */
export const parkingNoSchema = z
  .string()
  .refine((v) => !v.includes('_'), 'parkingNo must not contain "_" (protocol note 3)')
  .refine(
    (v) => /^[A-Za-z0-9-]{1,32}$/.test(v),
    'parkingNo must be 1 to 32 letters, digits or "-"',
  );

const HOUR = 3600;
const DAY = 86_400;
/** The largest fixed fee for an exit without an entry record: ¥10000. */
export const MAX_NO_ENTRY_FEE = 1_000_000;

export const lotSchema = z
  .object({
    id: entityId,
    parkingNo: parkingNoSchema,
    name: displayName(40),
    /** The province code of the lot's location (`pro`), from the spec's table. */
    pro: z.enum(PROVINCE_CODES, 'pro must be a province code of the spec, e.g. "44"'),
    kind: z.enum(LOT_KINDS),
    /** The merchant that receives the payments. */
    cusid,
    /** Split receivers (protocol note 10); see asinfo.ts for when they are applied. */
    split: splitRulesSchema.default([]),
    /** Gated lots only: drivers scanning an entry gate freeze a prepay instead of paying at exit. */
    entryPrepay: z.boolean().default(false),
    /** The freeze of an entry prepay or a booking: amount and how long until `endTime`. */
    prepay: z.object({
      freezeAmount: positiveFen,
      freezeSeconds: z
        .number()
        .int()
        .min(HOUR, 'the freeze must last at least an hour')
        .max(31 * DAY, 'the freeze may last at most 31 days'),
    }),
    /** The `road` sent with every prepay of this lot (protocol note 6). */
    road: z.union([z.literal(1), z.literal(9)]),
    /**
     * Reconcile settles a freeze itself this many seconds before `endTime`, by the lot's `road`
     * policy, so that the platform's blind settlement at `endTime` is a fallback only.
     */
    settleBeforeEndSeconds: z.number().int().min(60).max(DAY).default(600),
    /** The one or two Chinese characters put before a plate derived from an openid (protocol note 15). */
    noPlateProvince: z
      .string()
      .refine(isDerivedPlateProvince, 'noPlateProvince must be one or two Chinese characters'),
    /** How long after a payment the vehicle may still leave without paying more. */
    graceSeconds: z.number().int().min(0).max(DAY).default(900),
    /** An unfinished session older than this is flagged for an operator instead of billed without end. */
    staleSeconds: z
      .number()
      .int()
      .min(HOUR)
      .max(366 * DAY)
      .default(7 * DAY),
    tariffId: entityId,
    /**
     * Gated lots: spaces for cars; when as many cars are inside, an entry is refused (车位已满)
     * whoever asks (camera, driver's scan). Absent: not limited.
     */
    capacity: z.number().int().min(1).max(100_000).optional(),
    /**
     * Gated lots: what an exit read of a plate with no entry record does (无入场记录). Set: the
     * barrier stays down and a session owing this fixed fee opens at that exit, paid from the
     * lane's code. Absent: the barrier stays down and the driver sees the operator.
     */
    noEntryFee: positiveFen.max(MAX_NO_ENTRY_FEE, 'the no-entry fee is at most ¥10000').optional(),
    /** Open arrears of the plate before a new booking: shown, or paid first (ARREARS_POLICIES). */
    arrearsPolicy: z.enum(ARREARS_POLICIES).default('remind'),
  })
  .refine((lot) => !lot.split.some((r) => r.cusid === lot.cusid), {
    message: "the lot's own cusid cannot be a split receiver",
    path: ['split'],
  })
  .refine((lot) => !(lot.entryPrepay && lot.kind !== 'gated'), {
    message: 'entry prepay is for gated lots',
    path: ['entryPrepay'],
  })
  .refine((lot) => !(lot.noEntryFee !== undefined && lot.kind !== 'gated'), {
    message: 'the no-entry fee is for gated lots',
    path: ['noEntryFee'],
  })
  .refine((lot) => lot.settleBeforeEndSeconds < lot.prepay.freezeSeconds, {
    message: 'settleBeforeEndSeconds must be shorter than the freeze',
    path: ['settleBeforeEndSeconds'],
  });

export type Lot = z.output<typeof lotSchema>;
export type LotInput = z.input<typeof lotSchema>;

/** `endTime` of a prepay made at `now` (protocol note 6). */
export function prepayEndTime(lot: Pick<Lot, 'prepay'>, now: number): number {
  return now + lot.prepay.freezeSeconds;
}

/** The moment from which reconcile settles a freeze ending at `endTime` by the lot's policy. */
export function settleFrom(lot: Pick<Lot, 'settleBeforeEndSeconds'>, endTime: number): number {
  return endTime - lot.settleBeforeEndSeconds;
}
