/**
 * Notification retry schedule (spec 通知响应 b; protocol note 11): two resends, the first 5 minutes
 * after the first attempt, the second 10 minutes after the first resend. `timeScale` runs it faster
 * (6000 turns 5 minutes into 50 ms) so that tests need not wait.
 */
export const RETRY_DELAYS_MS = [5 * 60 * 1000, 10 * 60 * 1000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When the next attempt is due after `attemptsMade` attempts, the last at `lastAt`; null when none. */
export function nextAttemptAt(
  lastAt: number,
  attemptsMade: number,
  timeScale: number,
): number | null {
  if (!(timeScale > 0)) throw new RangeError('timeScale must be > 0');
  const delay = RETRY_DELAYS_MS[attemptsMade - 1];
  if (attemptsMade < 1 || delay === undefined) return null;
  return lastAt + Math.max(1, Math.round(delay / timeScale));
}
