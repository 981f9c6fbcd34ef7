import { z } from 'zod';
import { SECONDS_PER_DAY } from '../parking/china-time';
import { entityId, fen, openid, unixSeconds } from '../parking/primitives';
import { type DomainResult, refuse, succeed } from '../parking/result';
import {
  MAX_PASS_PLATES,
  MAX_PASS_SPACES,
  type PassPeriod,
  passPeriodSchema,
  periodEnd,
} from './plan';

/**
 * A pass: the plates it carries in one lot, from `startAt` to `endAt`. Every payment or issue
 * that extended it is in `orderIds`, so that applying the same one again changes nothing (a
 * confirmation may arrive by notification and by query, several times each).
 */
export const PASS_SOURCES = ['operator', 'driver'] as const;

export const passTermsSchema = z.object({
  planId: entityId,
  planName: z.string().min(1).max(20),
  period: passPeriodSchema,
  spaces: z.number().int().min(1).max(MAX_PASS_SPACES),
  graceDays: z.number().int().min(0).max(60),
  /** What the period cost (0 for an operator's issue). */
  price: fen,
});
export type PassTerms = z.infer<typeof passTermsSchema>;

export const passSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{1,40}$/),
  lotId: entityId,
  plates: z.array(z.string().min(1).max(16)).min(1).max(MAX_PASS_PLATES),
  /** The driver who bought it (or to whom the operator issued it); absent: issued on plates only. */
  openid: openid.optional(),
  source: z.enum(PASS_SOURCES),
  terms: passTermsSchema,
  startAt: unixSeconds,
  endAt: unixSeconds,
  revokedAt: unixSeconds.optional(),
  revokeReason: z.string().max(200).optional(),
  orderIds: z.array(z.string().min(1).max(40)),
  version: z.number().int().min(0),
  createdAt: unixSeconds,
  updatedAt: unixSeconds,
});
export type Pass = z.infer<typeof passSchema>;

export type PassStanding =
  | { kind: 'valid'; daysLeft: number }
  | { kind: 'grace'; graceDaysLeft: number }
  | { kind: 'expired' }
  | { kind: 'not_started' }
  | { kind: 'revoked' };

const ceilDays = (seconds: number) => Math.max(0, Math.ceil(seconds / SECONDS_PER_DAY));

/** Where a pass stands at `now`: valid (days left, a started day counts), in grace, or not. */
export function passStanding(
  pass: Pick<Pass, 'startAt' | 'endAt' | 'revokedAt' | 'terms'>,
  now: number,
): PassStanding {
  if (pass.revokedAt !== undefined) return { kind: 'revoked' };
  if (now < pass.startAt) return { kind: 'not_started' };
  if (now < pass.endAt) return { kind: 'valid', daysLeft: ceilDays(pass.endAt - now) };
  const graceEnd = pass.endAt + pass.terms.graceDays * SECONDS_PER_DAY;
  if (now < graceEnd) return { kind: 'grace', graceDaysLeft: ceilDays(graceEnd - now) };
  return { kind: 'expired' };
}

export const STANDING_TEXT: Readonly<Record<PassStanding['kind'], string>> = {
  valid: '有效',
  grace: '已过期（宽限期内）',
  expired: '已过期',
  not_started: '未生效',
  revoked: '已作废',
};

/**
 * The dates after one more period: a renewal before expiry extends from the old end date; after
 * expiry (grace included) the new period starts when it is paid, so that nobody pays for days
 * that already went by.
 */
export function extendedDates(
  pass: Pick<Pass, 'startAt' | 'endAt'> | undefined,
  period: PassPeriod,
  now: number,
): { startAt: number; endAt: number } {
  if (pass && now < pass.endAt)
    return { startAt: pass.startAt, endAt: periodEnd(pass.endAt, period) };
  return { startAt: now, endAt: periodEnd(now, period) };
}

export interface PassOrderFacts {
  /** The order (a paid reqsn, or an operator's issue id): applied at most once. */
  orderId: string;
  lotId: string;
  plates: string[];
  openid?: string;
  source: Pass['source'];
  terms: PassTerms;
}

/**
 * A confirmed order applied to its pass (pure): creates it, or extends it by one period. The same
 * order again is `already` with the pass unchanged; a revoked pass is not extended.
 */
export function applyPassOrder(
  current: Pass | undefined,
  passId: string,
  order: PassOrderFacts,
  now: number,
): DomainResult<{ pass: Pass; outcome: 'applied' | 'already' }> {
  if (current?.orderIds.includes(order.orderId))
    return succeed({ pass: current, outcome: 'already' });
  if (current?.revokedAt !== undefined) return refuse('PASS_REVOKED', '该月卡已作废，无法续费');
  if (current && current.lotId !== order.lotId)
    return refuse('PASS_MISMATCH', '月卡不属于该停车场');
  const dates = extendedDates(current, order.terms.period, now);
  const pass: Pass = current
    ? {
        ...current,
        ...dates,
        // A renewal takes the plan's terms of today (spaces, grace) with the period it paid for.
        terms: order.terms,
        orderIds: [...current.orderIds, order.orderId],
        version: current.version + 1,
        updatedAt: now,
      }
    : {
        id: passId,
        lotId: order.lotId,
        plates: order.plates,
        ...(order.openid !== undefined && { openid: order.openid }),
        source: order.source,
        terms: order.terms,
        ...dates,
        orderIds: [order.orderId],
        version: 0,
        createdAt: now,
        updatedAt: now,
      };
  const parsed = passSchema.safeParse(pass);
  if (!parsed.success) return refuse('PASS_INVALID', '月卡数据不合法');
  return succeed({ pass: parsed.data, outcome: 'applied' });
}

/** A revocation by an operator (with a reason); revoking again is `already`. */
export function revokePass(
  pass: Pass,
  reason: string,
  now: number,
): { pass: Pass; outcome: 'applied' | 'already' } {
  if (pass.revokedAt !== undefined) return { pass, outcome: 'already' };
  return {
    pass: {
      ...pass,
      revokedAt: now,
      revokeReason: reason,
      version: pass.version + 1,
      updatedAt: now,
    },
    outcome: 'applied',
  };
}
