import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { gateSignature, GATE_HEADERS } from '../server/gate-auth/gate-signature';
import { DEMO_GATE_SECRET } from '../server/seed/demo-data';

/**
 * The chaos run's actors over HTTP, as the real ones behave on a bad day: a driver's mini-program
 * and a lot controller send again when the connection fails (the function host may be
 * restarting), and read the app's own refusals as answers, not as crashes.
 */
export type ApiReply<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface ClientUrls {
  functions: string;
  gate: string;
  sandbox: string;
}

export interface TransportStats {
  /** Requests sent again after a refused or cut connection. */
  resent: number;
  /** Function-host failures (5xx: the function crashed or timed out). */
  hostErrors: number;
}

export class ChaosClient {
  readonly stats: TransportStats = { resent: 0, hostErrors: 0 };
  /** Sandbox clock minus local clock: gate timestamps must match the backend's clock. */
  private clockOffsetMs = 0;

  constructor(readonly urls: ClientUrls) {}

  private async post(
    url: string,
    body: string,
    headers: () => Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers() },
          body,
        });
        const text = await res.text();
        const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
        if (res.status >= 500 && url.includes('/invoke/')) {
          // The function crashed, timed out or was cut by a restart: a driver taps again.
          this.stats.hostErrors++;
          if (Date.now() > deadline) return { status: res.status, json };
        } else {
          return { status: res.status, json };
        }
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      this.stats.resent++;
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    }
  }

  /** The api function as the mini-program calls it. */
  async api<T>(openid: string, route: string, data: Record<string, unknown>): Promise<ApiReply<T>> {
    const reply = await this.post(
      `${this.urls.functions}/invoke/api`,
      JSON.stringify({ openid, data: { route, data } }),
      () => ({}),
    );
    const result = reply.json.result as ApiReply<T> | undefined;
    if (!result)
      throw new Error(`api ${route}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    return result;
  }

  /** A lot controller's signed call to /gate (a fresh nonce per attempt, as a controller does). */
  async gate<T>(lotId: string, body: Record<string, unknown>): Promise<ApiReply<T>> {
    const raw = JSON.stringify(body);
    const reply = await this.post(this.urls.gate, raw, () => {
      const timestamp = String(Math.floor((Date.now() + this.clockOffsetMs) / 1000));
      const nonce = randomBytes(12).toString('hex');
      return {
        [GATE_HEADERS.lot]: lotId,
        [GATE_HEADERS.timestamp]: timestamp,
        [GATE_HEADERS.nonce]: nonce,
        [GATE_HEADERS.signature]: gateSignature(DEMO_GATE_SECRET, {
          lotId,
          timestamp,
          nonce,
          body: raw,
        }),
      };
    });
    if (reply.status === 200) return { ok: true, data: (reply.json as { data: T }).data };
    const error = (reply.json as { error?: { code: string; message: string } }).error;
    return { ok: false, error: error ?? { code: `HTTP_${reply.status}`, message: '' } };
  }

  /** The payer pays at the sandbox's cashier with wx.requestPayment's arguments. */
  async cashierPay(requestPayment: Record<string, string>): Promise<void> {
    const reply = await this.post(
      `${this.urls.sandbox}/_sandbox/cashier/pay`,
      JSON.stringify(requestPayment),
      () => ({}),
    );
    if (reply.status !== 200 || reply.json.result !== 'paid') {
      throw new Error(`cashier: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    }
  }

  async sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.urls.sandbox}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 200)
      throw new Error(`sandbox ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Moves the sandbox clock (and so the backend's) and keeps gate timestamps in step. */
  async advanceClock(seconds: number): Promise<void> {
    await this.sandbox('POST', '/_sandbox/clock/advance', { seconds });
    await this.syncClock();
  }

  async syncClock(): Promise<void> {
    const clock = await this.sandbox<{ offsetMs: number }>('GET', '/_sandbox/clock');
    this.clockOffsetMs = clock.offsetMs;
  }
}
