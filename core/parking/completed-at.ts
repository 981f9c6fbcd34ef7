import { parseFintime } from './china-time';

/**
 * When the platform completed a pay or prepay, from the `fintime` of its notification or query
 * answer (protocol note 3): the business day of the money (server/operator/money.ts). A missing
 * or malformed one gives nothing (we then date it by when we learnt it); one later than `now`
 * (clock skew) is taken as `now`.
 */
export function completedAtOf(
  fintime: string | undefined,
  now: number,
): { completedAt: number } | Record<string, never> {
  const at = fintime === undefined ? undefined : parseFintime(fintime);
  return at === undefined ? {} : { completedAt: Math.min(at, now) };
}
