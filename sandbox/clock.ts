import { toChinaDisplay } from './china-time';
import type { SandboxStore } from './store';

/**
 * The sandbox's clock: real time plus an offset that an admin call moves forward, so that
 * endTime settlement and notification retries can be reached without waiting. The offset is
 * persisted with the rest of the state.
 */
export class SandboxClock {
  private offsetMs: number;

  constructor(
    private readonly store: SandboxStore,
    private readonly realNow: () => number = Date.now,
  ) {
    this.offsetMs = store.getMeta<number>('clockOffsetMs') ?? 0;
  }

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** Moves sandbox time forward (never backward: recorded times must stay in order). */
  advance(ms: number): number {
    if (!Number.isSafeInteger(ms) || ms < 0)
      throw new RangeError('the clock only moves forward by whole ms');
    this.offsetMs += ms;
    this.store.setMeta('clockOffsetMs', this.offsetMs);
    return this.now();
  }

  snapshot() {
    const now = this.now();
    return {
      now,
      unix: Math.floor(now / 1000),
      china: toChinaDisplay(now),
      offsetMs: this.offsetMs,
    };
  }
}
