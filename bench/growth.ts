import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../devstack/local-stack';
import type { Doc } from '../emulator/database/engine';
import { DEMO_OWNER_OPENID } from '../server/seed/demo-data';
import { COLLECTIONS } from '../server/store/collections';
import { admitCars, EXIT_GATE, LOT_ID, runJourney, type Car } from './journeys';
import { StackClient } from '../devstack/stack-client';
import { percentile } from './stats';

/**
 * The growth table of issue 15: the same hot paths timed with 1k, 10k, 100k (1M with --scale)
 * past sessions in the database, cloned from a real paid session and spread over a year, all in
 * the demo gated lot (its history is what the lot's queries would walk). Seeding goes straight
 * through the emulator's engine (one SQLite transaction per batch).
 */
export interface Timing {
  p50: number;
  p99: number;
}

export interface GrowthRow {
  sessions: number;
  quote: Timing;
  notify: Timing;
  gate: Timing;
  reconcile: Timing;
  dashboard: Timing;
  /** `startLocalStack` on the seeded data folder, until it answers. */
  startMs: number;
  /** Resident memory of the whole process (stack in-process, functions in its threads). */
  rssMb: number;
  seedMs: number;
}

export interface GrowthOptions {
  sizes: number[];
  /** Timed calls per measure. */
  samples: number;
  /** Cars that pay for real at each size (default 10). */
  cars?: number;
  progress: (line: string) => void;
}

const SEED_BATCH = 5000;
const YEAR = 365 * 24 * 3600;

async function time(samples: number, call: (i: number) => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    await call(i);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

function clone(template: Doc, i: number, now: number): Doc {
  const doc = structuredClone(template) as Doc & Record<string, unknown>;
  const inTime = now - 3600 - Math.floor((i * 7919) % YEAR);
  doc._id = `bench-${String(i).padStart(8, '0')}`;
  doc.plate = `京H${String(i).padStart(7, '0')}`;
  doc.openid = `o-bench-history-${i % 5000}`;
  doc.state = 'closed';
  doc.inTime = inTime;
  doc.createdAt = inTime;
  doc.updatedAt = inTime + 7200;
  const calls = Array.isArray(doc.calls) ? (doc.calls as Array<Record<string, unknown>>) : [];
  doc.calls = calls.map((call, k) => ({ ...call, id: `BH${i}x${k}` }));
  for (const field of ['staleAt', 'settleAt', 'checkedAt', 'holdUntil', 'mayLeaveUntil']) {
    delete doc[field];
  }
  return doc;
}

function seed(stack: LocalStack, template: Doc, from: number, to: number): void {
  const engine = stack.emulator.database.engine;
  const now = Math.floor(Date.now() / 1000);
  for (let start = from; start < to; start += SEED_BATCH) {
    const end = Math.min(to, start + SEED_BATCH);
    const batch = [];
    for (let i = start; i < end; i++) {
      const doc = clone(template, i, now);
      batch.push({ collection: COLLECTIONS.sessions, id: doc._id, doc });
    }
    engine.applyBatch(batch);
  }
}

/** The real signed notifications the sandbox delivered for these cars (to send again). */
async function deliveryBodies(client: StackClient, reqsns: Set<string>): Promise<string[]> {
  const deliveries = await client.deliveries();
  return deliveries
    .filter((d) => reqsns.has(d.reqsn) && d.attempts[0])
    .map((d) => d.attempts[0]!.body);
}

async function measure(
  stack: LocalStack,
  client: StackClient,
  cars: Car[],
  bodies: string[],
  samples: number,
): Promise<Omit<GrowthRow, 'sessions' | 'startMs' | 'rssMb' | 'seedMs'>> {
  const host = stack.emulator.functions;
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const quote = await time(samples, (i) =>
    client.ok(pick(cars, i).openid, 'session.quote', { sessionId: pick(cars, i).sessionId }),
  );
  const notify = await time(samples, async (i) => {
    const res = await fetch(stack.urls.notify, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: pick(bodies, i),
    });
    const text = await res.text();
    if (res.status !== 200 || text.trim() !== 'success') throw new Error(`notify: ${text}`);
  });
  const gate = await time(samples, (i) =>
    client.gateOk(LOT_ID, { type: 'may_leave', gateId: EXIT_GATE, plate: pick(cars, i).plate }),
  );
  const reconcile = await time(Math.max(5, Math.floor(samples / 4)), async () => {
    const outcome = await host.fireTimer('reconcile');
    if (!outcome.ok) throw new Error(`reconcile: ${JSON.stringify(outcome)}`);
  });
  const dashboard = await time(samples, () => client.ok(DEMO_OWNER_OPENID, 'op.dashboard', {}));
  return { quote, notify, gate, reconcile, dashboard };
}

async function start(dataDir: string): Promise<LocalStack> {
  return startLocalStack({
    dataDir,
    ports: { sandbox: 0, database: 0, functions: 0 },
    functions: { timers: false },
  });
}

/** One row per size, each in a data folder of its own. */
export async function runGrowth(options: GrowthOptions): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  for (const size of options.sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-growth-${size}-`));
    try {
      let stack = await start(dir);
      let client = new StackClient(stack.urls);
      options.progress(`${size}: template journey`);
      const [first] = await admitCars(client, 90_000, 1, 1);
      await runJourney(client, first!, 'gate', {
        pollMs: 20,
        giveUpMs: 10_000,
        sessionState: () => undefined,
      });
      const template = stack.emulator.database.engine.get(COLLECTIONS.sessions, first!.sessionId)!;
      options.progress(`${size}: seeding ${size} sessions`);
      const t0 = Date.now();
      seed(stack, template, 0, size);
      const seedMs = Date.now() - t0;
      await stack.close();
      options.progress(`${size}: restart on the seeded folder`);
      const s0 = process.hrtime.bigint();
      stack = await start(dir);
      const startMs = Number(process.hrtime.bigint() - s0) / 1e6;
      client = new StackClient(stack.urls);
      // Cars that paid now (real notifications to deliver again, sessions to quote and ask about).
      const cars = await admitCars(client, 91_000, options.cars ?? 10, 2);
      const reqsns = new Set<string>();
      for (const car of cars) {
        const journey = await runJourney(client, car, 'gate', {
          pollMs: 20,
          giveUpMs: 10_000,
          sessionState: () => undefined,
        });
        reqsns.add(journey.reqsn);
      }
      // The gate may say yes (its query) before the sandbox has delivered: wait for them all.
      let bodies = await deliveryBodies(client, reqsns);
      for (let waited = 0; bodies.length < reqsns.size && waited < 10_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        bodies = await deliveryBodies(client, reqsns);
      }
      if (bodies.length === 0) throw new Error('no delivered notification to replay');
      options.progress(`${size}: measuring`);
      // Warm every instance first (cold starts are measured apart).
      await measure(stack, client, cars, bodies, 4);
      const measured = await measure(stack, client, cars, bodies, options.samples);
      const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
      await stack.close();
      rows.push({ sessions: size, ...measured, startMs, rssMb, seedMs });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

function fmt(t: Timing): string {
  return `${t.p50.toFixed(0)} / ${t.p99.toFixed(0)}`;
}

export function formatGrowth(rows: GrowthRow[]): string {
  const lines = [
    '| N sessions | quote p50/p99 ms | notify | gate may_leave | reconcile run | dashboard | start | RSS | seed |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.sessions.toLocaleString('en')} | ${fmt(r.quote)} | ${fmt(r.notify)} | ${fmt(r.gate)} | ${fmt(r.reconcile)} | ${fmt(r.dashboard)} | ${r.startMs.toFixed(0)} ms | ${r.rssMb} MB | ${(r.seedMs / 1000).toFixed(1)} s |`,
    );
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last && first !== last) {
    const growth = (k: 'quote' | 'notify' | 'gate' | 'reconcile' | 'dashboard') =>
      `${k} ${(last[k].p99 / first[k].p99).toFixed(2)}×`;
    lines.push(
      '',
      `p99 growth ${first.sessions.toLocaleString('en')} → ${last.sessions.toLocaleString('en')}: ${(['quote', 'notify', 'gate', 'reconcile', 'dashboard'] as const).map(growth).join(', ')}`,
    );
  }
  return lines.join('\n');
}
