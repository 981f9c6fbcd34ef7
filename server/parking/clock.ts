/**
 * Business time in unix seconds. Production uses the system clock. For local development and
 * tests, PARKING_CLOCK_URL may name the sandbox's `/_sandbox/clock` (loopback only): the backend
 * then follows the sandbox's controllable clock, so that advancing it moves holds, endTime and
 * stale limits for both sides together. Request authentication (gate HMAC) always uses real time.
 */
export interface Clock {
  now(): Promise<number>;
}

export const systemClock: Clock = {
  now: async () => Math.floor(Date.now() / 1000),
};

export class ClockConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A clock read from a loopback URL answering JSON with `unix` (seconds). */
export function followedClock(url: string, timeoutMs = 2000): Clock {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ClockConfigError('PARKING_CLOCK_URL must be a URL');
  }
  if (!LOOPBACK.has(parsed.hostname)) {
    throw new ClockConfigError('PARKING_CLOCK_URL is for local development: loopback hosts only');
  }
  return {
    async now() {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await res.json()) as { unix?: unknown };
      if (!res.ok || typeof body.unix !== 'number' || !Number.isSafeInteger(body.unix)) {
        throw new Error(`the clock at ${url} gave no unix time`);
      }
      return body.unix;
    },
  };
}

export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const url = env.PARKING_CLOCK_URL;
  return url ? followedClock(url) : systemClock;
}
