import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from '../../../core/parking';
import { freePort } from '../../../devstack/free-port';
import { signedGateHeaders } from '../../../devstack/stack-client';
import {
  type DatabaseEmulator,
  type FunctionConfig,
  type FunctionHost,
  startDatabaseEmulator,
  startFunctionHost,
} from '../../../emulator';
import {
  DEMO_MERCHANT,
  type SandboxHandle,
  type SandboxOptions,
  startSandbox,
} from '../../../sandbox';
import type { ApiResult } from '../../../server/api-kit/result';
import type { SessionDoc } from '../../../server/cloud/session-doc';
import { COLLECTIONS, INDEXES, UNINDEXED_ALLOWED } from '../../../server/store/collections';
import { GATE_SECRET, seed } from './seed';

/**
 * The real local stack for the backend tests: the Allinpay sandbox, the CloudBase database
 * emulator and the function host running cloudfunctions/ from source, each on a free port of
 * 127.0.0.1 with a temporary data folder. The sandbox notifies the host's /notify; the functions
 * follow the sandbox's clock (PARKING_CLOCK_URL), so advancing it moves holds and endTimes.
 * `restart()` stops all three and starts them again on the same ports and data folders.
 */

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface StackOptions {
  sandbox?: Omit<SandboxOptions, 'port' | 'dataDir'>;
  /** Functions given explicitly (e.g. bundles) instead of cloudfunctions/ sources. */
  functions?: Record<string, FunctionConfig>;
  env?: Record<string, string>;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  json: T;
}

/**
 * fetch, sent again once when a kept-alive connection turned out dead (after a restart the old
 * servers are gone; the request never reached anyone).
 */
export async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const stale =
      cause?.code === 'UND_ERR_SOCKET' || /other side closed/.test(cause?.message ?? '');
    if (!stale) throw error;
    return fetch(url, init);
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<Reply<T>> {
  const res = await fetchOnce(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { text };
  }
  return { status: res.status, json: json as T };
}

export class BackendStack {
  sandbox!: SandboxHandle;
  db!: DatabaseEmulator;
  host!: FunctionHost;
  readonly logs: string[] = [];
  private ports = { sandbox: 0, database: 0, functions: 0 };

  private constructor(
    readonly dirs: { sandbox: string; database: string },
    private readonly options: StackOptions,
  ) {}

  static async start(options: StackOptions = {}): Promise<BackendStack> {
    const root = mkdtempSync(path.join(tmpdir(), 'backend-test-'));
    const stack = new BackendStack(
      { sandbox: path.join(root, 'sandbox'), database: path.join(root, 'cloudbase') },
      options,
    );
    await stack.up();
    seed(stack.db.engine);
    return stack;
  }

  private async up(): Promise<void> {
    this.sandbox = await startSandbox({
      settleIntervalMs: 50,
      timeScale: 600,
      notifyTimeoutMs: 5000,
      ...this.options.sandbox,
      port: this.ports.sandbox,
      dataDir: this.dirs.sandbox,
    });
    this.ports.sandbox = this.sandbox.port;
    this.db = await startDatabaseEmulator({
      port: this.ports.database,
      dataDir: this.dirs.database,
      collections: Object.values(COLLECTIONS).map((name) => ({ name, indexes: INDEXES[name] })),
      coverage: { allow: Object.keys(UNINDEXED_ALLOWED) },
    });
    this.ports.database = this.db.port;
    if (!this.ports.functions) this.ports.functions = await freePort();
    const hostUrl = `http://127.0.0.1:${this.ports.functions}`;
    this.host = await startFunctionHost({
      databaseUrl: this.db.url,
      port: this.ports.functions,
      ...(this.options.functions
        ? { functions: this.options.functions }
        : { functionsDir: path.join(REPO_ROOT, 'cloudfunctions'), entryMode: 'source' as const }),
      httpRoutes: { '/notify': 'notify', '/gate': 'gate', '/camera': 'camera' },
      timers: false,
      maxInstancesPerFunction: 2,
      defaultTimeoutMs: 20_000,
      env: {
        ALLINPAY_BASE_URL: this.sandbox.url,
        ALLINPAY_CUSID: DEMO_MERCHANT.cusid,
        ALLINPAY_APPID: DEMO_MERCHANT.appid,
        ALLINPAY_PASSWORD: DEMO_MERCHANT.password,
        ALLINPAY_NOTIFY_URL: `${hostUrl}/notify`,
        ALLINPAY_TIMEOUT_MS: '1500',
        ALLINPAY_CONNECT_TIMEOUT_MS: '1000',
        PARKING_CLOCK_URL: `${this.sandbox.url}/_sandbox/clock`,
        TZ: 'UTC',
        ...this.options.env,
      },
      log: (line) => this.logs.push(line),
    });
  }

  private async down(): Promise<void> {
    await this.host.close();
    await this.db.close();
    await this.sandbox.close();
  }

  /** Stops the whole stack and starts it again on the same ports and data. */
  async restart(): Promise<void> {
    await this.down();
    await this.up();
  }

  async close(): Promise<void> {
    await this.down();
    rmSync(path.dirname(this.dirs.sandbox), { recursive: true, force: true });
  }

  get hostUrl(): string {
    return this.host.url;
  }

  /** A driver's call to the api function, as the mini-program makes it. */
  async api<T = Record<string, unknown>>(
    openid: string,
    route: string,
    data: Record<string, unknown> = {},
  ): Promise<ApiResult<T>> {
    const reply = await request<{ result: ApiResult<T> }>('POST', `${this.host.url}/invoke/api`, {
      openid,
      data: { route, data },
    });
    if (reply.status !== 200)
      throw new Error(`api ${route}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json.result;
  }

  /** Like api(), but the call must succeed: returns its data. */
  async ok<T = Record<string, unknown>>(
    openid: string,
    route: string,
    data: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await this.api<T>(openid, route, data);
    if (!result.ok)
      throw new Error(`${route} refused: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  /** A lot controller's signed call to /gate. */
  async gate<T = Record<string, unknown>>(
    lotId: string,
    body: unknown,
    auth: {
      secret?: string;
      nonce?: string;
      timestamp?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Reply<T>> {
    const raw = JSON.stringify(body);
    const res = await fetchOnce(`${this.host.url}/gate`, {
      method: 'POST',
      headers: {
        ...signedGateHeaders(lotId, raw, { ...auth, secret: auth.secret ?? GATE_SECRET }),
        ...auth.headers,
      },
      body: raw,
    });
    return { status: res.status, json: (await res.json()) as T };
  }

  /** The sandbox's admin endpoints (cashier, clock, faults, inspection). */
  sandboxCall<T = Record<string, unknown>>(method: string, route: string, body?: unknown) {
    return request<T>(method, `${this.sandbox.url}${route}`, body);
  }

  /** The payer pays at the cashier with wx.requestPayment's arguments. */
  async cashierPay(requestPayment: Record<string, string>, extra: Record<string, unknown> = {}) {
    const reply = await this.sandboxCall('POST', '/_sandbox/cashier/pay', {
      ...requestPayment,
      ...extra,
    });
    if (reply.status !== 200)
      throw new Error(`cashier: ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  }

  async advanceClock(seconds: number): Promise<void> {
    const reply = await this.sandboxCall('POST', '/_sandbox/clock/advance', { seconds });
    if (reply.status !== 200) throw new Error(`advance: ${reply.status}`);
  }

  async setFaults(faults: Record<string, unknown>): Promise<void> {
    const reply = await this.sandboxCall('PUT', '/_sandbox/faults', { global: faults });
    if (reply.status !== 200)
      throw new Error(`faults: ${reply.status} ${JSON.stringify(reply.json)}`);
  }

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

  async fireReconcile(): Promise<Record<string, number | boolean>> {
    const outcome = await this.host.fireTimer('reconcile');
    if (!outcome.ok) throw new Error(`reconcile failed: ${outcome.error.message}`);
    return outcome.result as Record<string, number | boolean>;
  }

  /** The stored session, read straight from the database engine. */
  session(id: string): SessionDoc & Session {
    const doc = this.db.engine.get(COLLECTIONS.sessions, id) as (SessionDoc & Session) | undefined;
    if (!doc) throw new Error(`no session ${id}`);
    return doc;
  }

  docs<T = Record<string, unknown>>(collection: string, query: Record<string, unknown> = {}): T[] {
    return this.db.engine.find(collection, query) as unknown as T[];
  }
}

export { eventually } from '../../support/eventually';
