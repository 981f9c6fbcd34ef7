import { eventually as waitFor } from '../../support/eventually';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../sandbox';
import { DEMO_MERCHANT } from '../../../sandbox/config';
import { FormClient } from './form-client';

/** Starts a sandbox on port 0 with a temporary data folder; every call goes over HTTP. */

export { DEMO_MERCHANT };

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sandbox-test-'));
}

export interface TestSandbox {
  sandbox: SandboxHandle;
  url: string;
  dataDir: string;
  client: FormClient;
  admin: Admin;
  stop(): Promise<void>;
}

export async function startTestSandbox(
  options: SandboxOptions = {},
  keepDataDir = false,
): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? tempDataDir();
  const sandbox = await startSandbox({ port: 0, settleIntervalMs: 50, ...options, dataDir });
  return {
    sandbox,
    url: sandbox.url,
    dataDir,
    client: new FormClient(sandbox.url, DEMO_MERCHANT.cusid, DEMO_MERCHANT.key),
    admin: new Admin(sandbox.url),
    async stop() {
      await sandbox.close();
      if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface AdminAnswer<T = Record<string, unknown>> {
  status: number;
  json: T;
}

/** JSON calls to the /_sandbox admin endpoints. */
export class Admin {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<AdminAnswer<T>> {
    const res = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as T };
  }

  get<T = Record<string, unknown>>(route: string) {
    return this.request<T>('GET', route);
  }

  post<T = Record<string, unknown>>(route: string, body: unknown = {}) {
    return this.request<T>('POST', route, body);
  }

  /** The payer pays at the cashier (HTTP form of the cashier page). */
  pay(cusid: string, reqsn: string, extra: Record<string, unknown> = {}) {
    return this.post('/_sandbox/cashier/pay', { cusid, reqsn, ...extra });
  }

  cancelPayment(cusid: string, reqsn: string) {
    return this.post('/_sandbox/cashier/cancel', { cusid, reqsn });
  }

  advance(seconds: number) {
    return this.post('/_sandbox/clock/advance', { seconds });
  }

  async notifications(query: Record<string, string>): Promise<NotificationView[]> {
    const res = await this.get<{ notifications: NotificationView[] }>(
      `/_sandbox/notifications?${new URLSearchParams(query)}`,
    );
    return res.json.notifications;
  }
}

export interface AttemptView {
  n: number;
  copy?: number;
  scheduledAt: number;
  at: number;
  atChina: string;
  body: string;
  httpStatus?: number;
  reply?: string;
  error?: string;
  outcome: string;
  faults: string[];
}

export interface NotificationView {
  id: number;
  cusid: string;
  reqsn: string;
  url: string;
  status: string;
  createdAt: number;
  nextAt: number | null;
  faults: string[];
  attempts: AttemptView[];
  fields: Record<string, string>;
  trigger: string;
}

/** The shared poll, with the sandbox's shorter bound and tighter interval. */
export function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  limitMs = 10_000,
  intervalMs = 10,
): Promise<T> {
  return waitFor(check, what, limitMs, intervalMs);
}

/** Runs tasks with at most `width` in flight. */
export async function inBatches<T>(
  items: number,
  width: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array(items);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}
