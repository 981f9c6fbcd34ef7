import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

/**
 * Business time in unix seconds. Production uses the system clock (no I/O). For local
 * development and tests, PARKING_CLOCK_FILE names the sandbox's `<dataDir>/clock-offset.json`:
 * the backend then follows the sandbox's controllable clock, so that advancing it moves holds,
 * endTime and stale limits for both sides together. The offset is cached and read again only
 * when the file changes (one stat per call, no fetch). PARKING_CLOCK_URL (the sandbox's
 * `/_sandbox/clock`, loopback only, one fetch per call) is the older, slower way.
 * Request authentication (gate HMAC) always uses real time.
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

const offsetFile = z.object({ offsetMs: z.number().int().nonnegative().safe() });

/**
 * Real time plus the offset the sandbox publishes in `file`. The file is replaced whole on
 * every change (a new inode), so a stat tells whether the cached offset is still current.
 */
export function offsetFileClock(file: string, realNow: () => number = Date.now): Clock {
  let seen = '';
  let offsetMs = 0;
  return {
    async now() {
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat) throw new Error(`no sandbox clock at ${file}`);
      const version = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
      if (version !== seen) {
        const parsed = offsetFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        if (!parsed.success) throw new Error(`the clock file ${file} gives no offsetMs`);
        offsetMs = parsed.data.offsetMs;
        seen = version;
      }
      return Math.floor((realNow() + offsetMs) / 1000);
    },
  };
}

export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  if (env.PARKING_CLOCK_FILE) return offsetFileClock(env.PARKING_CLOCK_FILE);
  const url = env.PARKING_CLOCK_URL;
  return url ? followedClock(url) : systemClock;
}
