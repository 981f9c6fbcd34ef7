import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from '../../../core/parking';
import { freePort } from '../../../devstack/free-port';
import { StackClient } from '../../../devstack/stack-client';
import {
  type DatabaseEmulator,
  type FunctionConfig,
  type FunctionHost,
  startDatabaseEmulator,
  startFunctionHost,
} from '../../../emulator';
import {
  CLOCK_OFFSET_FILE,
  DEMO_MERCHANT,
  type SandboxHandle,
  type SandboxOptions,
  startSandbox,
} from '../../../sandbox';
import type { SessionDoc } from '../../../server/cloud/session-doc';
import { COLLECTIONS, INDEXES, UNINDEXED_ALLOWED } from '../../../server/store/collections';
import {
  demoConsoleTemplates,
  demoSubscribeEnv,
} from '../../../server/seed/demo-subscribe-templates';
import { GATE_SECRET, seed } from './seed';

/**
 * The real local stack for the backend tests: the Allinpay sandbox, the CloudBase database
 * emulator and the function host running cloudfunctions/ from source, each on a free port of
 * 127.0.0.1 with a temporary data folder. The sandbox notifies the host's /notify; the functions
 * follow the sandbox's clock (PARKING_CLOCK_FILE), so advancing it moves holds and endTimes.
 * `restart()` stops all three and starts them again on the same ports and data folders.
 */

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface StackOptions {
  sandbox?: Omit<SandboxOptions, 'port' | 'dataDir'>;
  /** Functions given explicitly (e.g. bundles) instead of cloudfunctions/ sources. */
  functions?: Record<string, FunctionConfig>;
  env?: Record<string, string>;
  /** China hour the sandbox clock is moved on to before the seed (default 09:00). */
  chinaHour?: number;
}

const START_CHINA_HOUR = 9;

/**
 * fetch, sent again once when a kept-alive connection turned out dead (after a restart the old
 * servers are gone; the request never reached anyone), and a read (GET, safe to repeat) whose
 * kept-alive connection the server reset as it timed out idle, which a loaded machine can race.
 */
export async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const read = (init.method ?? 'GET').toUpperCase() === 'GET';
    const stale =
      cause?.code === 'UND_ERR_SOCKET' ||
      /other side closed/.test(cause?.message ?? '') ||
      (read && cause?.code === 'ECONNRESET');
    if (!stale) throw error;
    return fetch(url, init);
  }
}

export class BackendStack extends StackClient {
  sandbox!: SandboxHandle;
  db!: DatabaseEmulator;
  host!: FunctionHost;
  readonly logs: string[] = [];
  private ports = { sandbox: 0, database: 0, functions: 0 };

  private constructor(
    readonly dirs: { sandbox: string; database: string },
    private readonly options: StackOptions,
  ) {
    // The URLs are known once the servers are up (and stay the same across restarts).
    super({ functions: '', gate: '', sandbox: '' }, { gateSecret: GATE_SECRET, fetch: fetchOnce });
  }

  static async start(options: StackOptions = {}): Promise<BackendStack> {
    const root = mkdtempSync(path.join(tmpdir(), 'backend-test-'));
    const stack = new BackendStack(
      { sandbox: path.join(root, 'sandbox'), database: path.join(root, 'cloudbase') },
      options,
    );
    await stack.up();
    await stack.advanceToChinaHour(options.chinaHour ?? START_CHINA_HOUR);
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
      openapi: { templates: demoConsoleTemplates(), now: () => this.sandbox.now() },
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
      httpRoutes: { '/notify': 'notify', '/gate': 'gate', '/camera': 'camera', '/p': 'h5' },
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
        PARKING_CLOCK_FILE: path.join(this.sandbox.dataDir, CLOCK_OFFSET_FILE),
        TZ: 'UTC',
        ...demoSubscribeEnv(),
        ...this.options.env,
      },
      log: (line) => this.logs.push(line),
    });
    Object.assign(this.urls, {
      functions: this.host.url,
      gate: `${this.host.url}/gate`,
      sandbox: this.sandbox.url,
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
export type { Reply } from '../../../devstack/stack-client';
