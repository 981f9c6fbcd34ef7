// The one client of the local stack that tests, bench and chaos share: the api function called as
// a driver or an operator, a lot controller's signed report to /gate, the payer at the sandbox
// cashier, the sandbox clock, faults and books, and a snapshot of the database.
import { randomBytes } from 'node:crypto';
import { SECONDS_PER_DAY, chinaSecondOfDay } from '../core/parking/china-time';
import type { DocumentEngine } from '../emulator/database/engine';
import { DEMO_MERCHANT } from '../sandbox/config';
import type { ApiResult } from '../server/api-kit/result';
import { GATE_HEADERS, gateSignature } from '../server/gate-auth/gate-signature';
import { DEMO_GATE_SECRET } from '../server/seed/demo-data';
import { COLLECTIONS } from '../server/store/collections';

export interface StackUrls {
  /** The function host (`/invoke/<name>`). */
  functions: string;
  /** The gate function's HTTP access path. */
  gate: string;
  sandbox: string;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  json: T;
}

/** What /gate answers: its data is the report's outcome. */
export interface GateAnswer {
  ok: boolean;
  data?: Record<string, unknown>;
}

export interface GateAuth {
  /** Default: the client's secret (the demo lots' unless given). */
  secret?: string;
  /** Default: 12 random bytes, hex. */
  nonce?: string;
  /** Unix seconds as text. Default: now. */
  timestamp?: string;
  /** Added after the signed ones (to forge or drop one). */
  headers?: Record<string, string>;
}

/** The headers of a /gate report whose raw body is `raw`, signed as server/gate-auth checks. */
export function signedGateHeaders(
  lotId: string,
  raw: string,
  auth: GateAuth = {},
): Record<string, string> {
  const timestamp = auth.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = auth.nonce ?? randomBytes(12).toString('hex');
  return {
    'content-type': 'application/json',
    [GATE_HEADERS.lot]: lotId,
    [GATE_HEADERS.timestamp]: timestamp,
    [GATE_HEADERS.nonce]: nonce,
    [GATE_HEADERS.signature]: gateSignature(auth.secret ?? DEMO_GATE_SECRET, {
      lotId,
      timestamp,
      nonce,
      body: raw,
    }),
    ...auth.headers,
  };
}

/** One request as the client sends it; `headers` is asked again for each attempt. */
export interface Outgoing {
  method: string;
  body?: string;
  headers?: () => Record<string, string>;
}

export interface StackClientOptions {
  /** The gate secret of the lots (default: the demo one). */
  gateSecret?: string;
  /** The transport (default: global fetch). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

export interface CashierReply {
  ok: boolean;
  /** 'paid', 'cancelled', ... */
  result?: string;
  [key: string]: unknown;
}

/** A reply's body as JSON; a text that is not JSON is kept as `{ text }`. */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return { text };
  }
}

export class StackClient {
  constructor(
    readonly urls: StackUrls,
    private readonly clientOptions: StackClientOptions = {},
  ) {}

  /** One request and its reply; a subclass may send again (chaos). */
  protected async send<T>(url: string, out: Outgoing): Promise<Reply<T>> {
    const res = await (this.clientOptions.fetch ?? fetch)(url, {
      method: out.method,
      headers: out.headers?.() ?? {},
      body: out.body,
    });
    return { status: res.status, json: parseJson(await res.text()) as T };
  }

  /** The clock that signs gate timestamps (chaos follows the sandbox's). */
  protected nowMs(): number {
    return Date.now();
  }

  private sendJson<T>(method: string, url: string, body?: unknown): Promise<Reply<T>> {
    return this.send<T>(url, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: () => ({ 'content-type': 'application/json' }),
      }),
    });
  }

  /** A call of the `api` function through the function host, as the mini-program makes it. */
  async api<T = Record<string, unknown>>(
    openid: string,
    route: string,
    data: Record<string, unknown> = {},
  ): Promise<ApiResult<T>> {
    const reply = await this.sendJson<{ result?: ApiResult<T> }>(
      'POST',
      `${this.urls.functions}/invoke/api`,
      { openid, data: { route, data } },
    );
    if (reply.status !== 200 || !reply.json.result)
      throw new Error(`api ${route}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json.result;
  }

  /** Like api(), but the call must succeed: its data. */
  async ok<T = Record<string, unknown>>(
    openid: string,
    route: string,
    data: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await this.api<T>(openid, route, data);
    if (!result.ok) {
      throw new Error(
        `${route} refused: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.details ?? '')}`,
      );
    }
    return result.data;
  }

  /** Like api(), but the call must be refused: its error. */
  async refused(openid: string, route: string, data: Record<string, unknown> = {}) {
    const result = await this.api(openid, route, data);
    if (result.ok) throw new Error(`${route} was not refused: ${JSON.stringify(result.data)}`);
    return result.error;
  }

  /** A lot controller's signed report to /gate (signed afresh for each attempt). */
  gate<T = Record<string, unknown>>(
    lotId: string,
    body: unknown,
    auth: GateAuth = {},
  ): Promise<Reply<T>> {
    const raw = JSON.stringify(body);
    return this.send<T>(this.urls.gate, {
      method: 'POST',
      body: raw,
      headers: () =>
        signedGateHeaders(lotId, raw, {
          timestamp: String(Math.floor(this.nowMs() / 1000)),
          ...auth,
          secret: auth.secret ?? this.clientOptions.gateSecret,
        }),
    });
  }

  /** The gate's answer as an api result (a refusal without an error body gets `HTTP_<status>`). */
  async gateResult<T>(lotId: string, body: unknown): Promise<ApiResult<T>> {
    const reply = await this.gate<{ data: T; error?: { code: string; message: string } }>(
      lotId,
      body,
    );
    if (reply.status === 200) return { ok: true, data: reply.json.data };
    return {
      ok: false,
      error: reply.json.error ?? { code: `HTTP_${reply.status}`, message: '' },
    };
  }

  /** The gate must accept the report: its data. */
  async gateOk<T>(lotId: string, body: Record<string, unknown>): Promise<T> {
    const reply = await this.gate<{ data: T }>(lotId, body);
    if (reply.status !== 200) {
      throw new Error(
        `gate ${String(body.type)}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`,
      );
    }
    return reply.json.data;
  }

  /** The sandbox's admin endpoints (cashier, clock, faults, inspection). */
  sandboxCall<T = Record<string, unknown>>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<Reply<T>> {
    return this.sendJson<T>(method, `${this.urls.sandbox}${route}`, body);
  }

  /** Like sandboxCall, but the sandbox must answer 200: its body. */
  async sandboxOk<T = Record<string, unknown>>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<T> {
    const reply = await this.sandboxCall<T>(method, route, body);
    if (reply.status !== 200)
      throw new Error(`sandbox ${route}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  }

  /**
   * The payer pays at the cashier with wx.requestPayment's arguments (and `extra`, e.g. a
   * coupon); with `mustPay` anything but a payment made is an error.
   */
  async cashierPay(
    requestPayment: Record<string, string>,
    extra: Record<string, unknown> = {},
    { mustPay = false }: { mustPay?: boolean } = {},
  ): Promise<CashierReply> {
    const reply = await this.sandboxCall<CashierReply>('POST', '/_sandbox/cashier/pay', {
      ...requestPayment,
      ...extra,
    });
    if (reply.status !== 200 || (mustPay && reply.json.result !== 'paid'))
      throw new Error(`cashier: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  }

  /** The payer closes the cashier without paying. */
  async cashierCancel(requestPayment: Record<string, string>): Promise<CashierReply> {
    const reply = await this.sandboxCall<CashierReply>(
      'POST',
      '/_sandbox/cashier/cancel',
      requestPayment,
    );
    if (reply.status !== 200)
      throw new Error(`cancel: ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  }

  /** Moves the sandbox clock, which the functions follow. */
  async advanceClock(seconds: number): Promise<void> {
    await this.sandboxOk('POST', '/_sandbox/clock/advance', { seconds });
  }

  /**
   * Moves the sandbox clock on to the next `hour` o'clock, China time (at least a minute ahead):
   * a test then starts its day at a fixed time, and hours of parking never cross midnight by
   * chance of when the suite runs.
   */
  async advanceToChinaHour(hour: number): Promise<void> {
    const now = await this.clockNow();
    let ahead = Math.round(hour * 3600) - chinaSecondOfDay(now);
    if (ahead < 60) ahead += SECONDS_PER_DAY;
    await this.advanceClock(ahead);
  }

  /** The sandbox clock. */
  clock(): Promise<{ unix: number; offsetMs: number }> {
    return this.sandboxOk('GET', '/_sandbox/clock');
  }

  /** The sandbox clock, unix seconds. */
  async clockNow(): Promise<number> {
    return (await this.clock()).unix;
  }

  /** Replaces the sandbox's global fault settings (e.g. `{ drop: 1 }`; `{}` clears). */
  async setFaults(global: Record<string, unknown>): Promise<void> {
    await this.sandboxOk('PUT', '/_sandbox/faults', { global });
  }

  /** The sandbox's books of one of the demo merchant's orders. */
  async transaction(reqsn: string) {
    const reply = await this.sandboxCall<{
      transaction: { state: string; totals: Record<string, number> };
      notifications: Array<{
        status: string;
        attempts: Array<{ reply?: string; faults: string[] }>;
      }>;
    }>('GET', `/_sandbox/transactions/${DEMO_MERCHANT.cusid}/${reqsn}`);
    return reply.json;
  }

  /** The platform's deliveries of the demo merchant's notifications. */
  async deliveries(status?: string): Promise<SandboxDelivery[]> {
    const query = new URLSearchParams({ cusid: DEMO_MERCHANT.cusid, limit: '100000' });
    if (status) query.set('status', status);
    const body = await this.sandboxOk<{ notifications: SandboxDelivery[] }>(
      'GET',
      `/_sandbox/notifications?${query}`,
    );
    return body.notifications;
  }
}

export interface SandboxDelivery {
  reqsn: string;
  status: string;
  attempts: Array<{ body: string; reply?: string }>;
}

/**
 * The database snapshot once no write is still landing: a notification's verdict and the day
 * totals are written just after the session change a test waits for, so a "before" taken at once
 * can race them. Returns when two reads `quietMs` apart agree.
 */
export async function settledDatabaseSnapshot(
  engine: DocumentEngine,
  except: readonly string[] = [],
  { quietMs = 200, timeoutMs = 10_000 } = {},
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = databaseSnapshot(engine, except);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const next = databaseSnapshot(engine, except);
    if (next === last) return next;
    if (Date.now() > deadline) throw new Error(`the database kept changing for ${timeoutMs} ms`);
    last = next;
  }
}

/**
 * Every document of every collection (less `except`), as text: to prove that a refused call
 * changed nothing.
 */
export function databaseSnapshot(engine: DocumentEngine, except: readonly string[] = []): string {
  const all: Record<string, unknown> = {};
  for (const name of Object.values(COLLECTIONS)) {
    if (!except.includes(name)) all[name] = engine.find(name, {});
  }
  return JSON.stringify(all);
}
