import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toChinaDisplay } from './china-time';
import type { SandboxStore } from './store';

/** Published in the data folder on every clock change: the local functions read it (no fetch). */
export const CLOCK_OFFSET_FILE = 'clock-offset.json';

/**
 * The sandbox's clock: real time plus an offset that an admin call moves forward, so that
 * endTime settlement and notification retries can be reached without waiting. The offset is
 * persisted with the rest of the state, and published as `<dataDir>/clock-offset.json`
 * (`{ "offsetMs": n }`, replaced whole by a rename) for the backend's clock
 * (server/parking/clock.ts, PARKING_CLOCK_FILE).
 */
export class SandboxClock {
  private offsetMs: number;

  constructor(
    private readonly store: SandboxStore,
    private readonly realNow: () => number = Date.now,
  ) {
    this.offsetMs = store.getMeta<number>('clockOffsetMs') ?? 0;
    this.publish();
  }

  /** The path of the published offset. */
  get offsetFile(): string {
    return path.join(this.store.dataDir, CLOCK_OFFSET_FILE);
  }

  private publish(): void {
    const temp = `${this.offsetFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ offsetMs: this.offsetMs }));
    renameSync(temp, this.offsetFile);
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
    this.publish();
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
