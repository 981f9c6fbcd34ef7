import { setTimeout as sleep } from 'node:timers/promises';
import { type Outgoing, type Reply, StackClient } from '../devstack/stack-client';

/**
 * The chaos run's actors over HTTP, as the real ones behave on a bad day: a driver's mini-program
 * and a lot controller send again when the connection fails (the function host may be
 * restarting), and read the app's own refusals as answers, not as crashes.
 */
export interface TransportStats {
  /** Requests sent again after a refused or cut connection. */
  resent: number;
  /** Function-host failures (5xx: the function crashed or timed out). */
  hostErrors: number;
}

export class ChaosClient extends StackClient {
  readonly stats: TransportStats = { resent: 0, hostErrors: 0 };
  /** Sandbox clock minus local clock: the backend's clock, for times in reports (`at`, `sec`). */
  private clockOffsetMs = 0;

  /** Sends again (a fresh gate signature each time) until an answer or a minute has gone. */
  protected override async send<T>(url: string, out: Outgoing): Promise<Reply<T>> {
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await super.send<T>(url, out);
        if (reply.status < 500 || !url.includes('/invoke/')) return reply;
        // The function crashed, timed out or was cut by a restart: a driver taps again.
        this.stats.hostErrors++;
        if (Date.now() > deadline) return reply;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      this.stats.resent++;
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    }
  }

  /**
   * The backend's clock (the sandbox's). Gate signatures keep real time (the base class): /gate
   * checks their timestamp against the real clock, also after the sandbox clock moved.
   */
  backendNowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the sandbox clock (and so the backend's) and keeps backendNowMs in step. */
  override async advanceClock(seconds: number): Promise<void> {
    await super.advanceClock(seconds);
    await this.syncClock();
  }

  async syncClock(): Promise<void> {
    this.clockOffsetMs = (await this.clock()).offsetMs;
  }
}
