// `npm run bench -- --throughput-only` (or `tsx bench/throughput-only.ts`): /notify against the
// `empty` function on the same host, alternated over several rounds, every instance provisioned
// first (no cold start is timed). `--compare=<checkout>` also serves that checkout's notify
// (e.g. `git archive <base> | tar -x -C <dir>` with node_modules linked) on the same host as
// `/notify-before`, so that before and after are measured in one run under the same load.
// `--rounds=`, `--requests=`, `--concurrency=`. Progress on stderr, the table on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { startLocalStack } from '../devstack/local-stack';
import { freePort } from '../devstack/free-port';
import { StackClient } from '../devstack/stack-client';
import { benchFunctionsDir, EMPTY_ROUTE } from './empty-function';
import { admitCars, runJourney } from './journeys';
import { runLoad, type LoadResult } from './load';
import { machineInfo } from './machine';
import { median } from './stats';

const options = z.object({
  rounds: z.coerce.number().int().min(1).max(20).default(5),
  requests: z.coerce.number().int().min(10).max(20_000).default(300),
  concurrency: z.coerce.number().int().min(1).max(16).default(4),
  journeys: z.coerce.number().int().min(1).max(50).default(5),
  compare: z.string().min(1).optional(),
});
export type ThroughputOnlyOptions = z.infer<typeof options>;

export function parseThroughputArgs(args: readonly string[]): ThroughputOnlyOptions {
  const named: Record<string, string> = {};
  for (const arg of args) {
    const match = /^--([a-z]+)=(.*)$/.exec(arg);
    if (match) named[match[1]!] = match[2]!;
  }
  return options.parse(named);
}

export interface Target {
  name: string;
  url: string;
  /** Per round: requests per second, and the stack process's CPU per request (ms). */
  perSecond: number[];
  cpuMsPerRequest: number[];
  p50Ms: number[];
}

export interface ThroughputOnlyReport {
  targets: Target[];
  /** Median over rounds of notify req/s ÷ empty req/s (each round's pair measured together). */
  ratioToEmpty: number;
  ratioBeforeToEmpty?: number;
  loadBefore: number;
  loadAfter: number;
}

const FORM = 'application/x-www-form-urlencoded';

export async function runThroughputOnly(
  opts: ThroughputOnlyOptions,
  progress: (line: string) => void = () => undefined,
): Promise<ThroughputOnlyReport> {
  const loadBefore = os.loadavg()[0] ?? 0;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parking-throughput-'));
  try {
    const bench = benchFunctionsDir(path.join(tmp, 'functions'));
    if (opts.compare) {
      const before = path.resolve(opts.compare, 'cloudfunctions', 'notify');
      if (!fs.existsSync(before)) throw new Error(`no cloudfunctions/notify in ${opts.compare}`);
      fs.symlinkSync(before, path.join(bench.functionsDir, 'notify-before'), 'dir');
      bench.httpRoutes['/notify-before'] = 'notify-before';
    }
    progress('starting the local stack');
    const sandboxPort = await freePort();
    const stack = await startLocalStack({
      dataDir: path.join(tmp, 'data'),
      ports: { sandbox: sandboxPort, database: 0, functions: 0 },
      functions: {
        timers: false,
        maxInstancesPerFunction: opts.concurrency,
        ...bench,
        // An older checkout follows the sandbox clock by URL; the current code prefers the file.
        env: { PARKING_CLOCK_URL: `http://127.0.0.1:${sandboxPort}/_sandbox/clock` },
      },
    });
    try {
      const host = stack.emulator.functions;
      const names = ['notify', 'empty', ...(opts.compare ? ['notify-before'] : [])];
      const client = new StackClient({
        functions: stack.urls.functions,
        gate: stack.urls.gate,
        sandbox: stack.urls.sandbox,
      });
      progress(`${opts.journeys} journeys for real signed notification bodies`);
      const cars = await admitCars(client, 1, opts.journeys);
      const engine = stack.emulator.database.engine;
      const sessionState = (id: string) =>
        (engine.get('sessions', id) as { state?: string } | undefined)?.state;
      for (const car of cars)
        await runJourney(client, car, 'gate', { pollMs: 20, giveUpMs: 10_000, sessionState });
      let bodies: string[] = [];
      for (let waited = 0; bodies.length < opts.journeys && waited < 30_000; waited += 100) {
        bodies = (await client.deliveries('delivered')).flatMap((d) =>
          d.attempts[0]?.body ? [d.attempts[0].body] : [],
        );
        if (bodies.length < opts.journeys) await new Promise((r) => setTimeout(r, 100));
      }
      if (bodies.length === 0) {
        const all = await client.deliveries();
        throw new Error(
          `no delivered notification to replay: ${JSON.stringify(all).slice(0, 800)}`,
        );
      }
      for (const name of names) {
        const ready = await host.provision(name, opts.concurrency);
        progress(`provisioned ${ready} instances of ${name}`);
      }
      const targets: Target[] = names.map((name) => ({
        name,
        url: `${stack.urls.functions}${name === 'empty' ? EMPTY_ROUTE : `/${name}`}`,
        perSecond: [],
        cpuMsPerRequest: [],
        p50Ms: [],
      }));
      const once = async (target: Target, requests: number): Promise<LoadResult> => {
        const cpu = process.cpuUsage();
        const result = await runLoad({
          url: target.url,
          bodies,
          contentType: FORM,
          concurrency: opts.concurrency,
          requests,
          warmupRequests: 0,
          timeLimitMs: 60_000,
          expect: 'success',
        });
        const used = process.cpuUsage(cpu);
        if (result.failed > 0) throw new Error(`${target.name}: ${result.firstFailure}`);
        target.perSecond.push(result.perSecond);
        target.cpuMsPerRequest.push((used.user + used.system) / 1000 / result.completed);
        target.p50Ms.push(result.latencyMs.p50);
        return result;
      };
      for (const target of targets) await runLoad(warmup(target.url, bodies, opts));
      for (let round = 0; round < opts.rounds; round += 1) {
        // Alternated, the order turned every round, so that drifting load falls on all alike.
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        for (const target of order) {
          const result = await once(target, opts.requests);
          progress(
            `round ${round + 1} ${target.name}: ${result.perSecond.toFixed(0)} req/s, ${target.cpuMsPerRequest.at(-1)!.toFixed(2)} ms CPU/req`,
          );
        }
      }
      const [notify, empty, before] = targets as [Target, Target, Target | undefined];
      const ratios = (t: Target) => t.perSecond.map((v, i) => v / empty.perSecond[i]!);
      return {
        targets,
        ratioToEmpty: median(ratios(notify)),
        ...(before && { ratioBeforeToEmpty: median(ratios(before)) }),
        loadBefore,
        loadAfter: os.loadavg()[0] ?? 0,
      };
    } finally {
      await stack.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function warmup(url: string, bodies: string[], opts: ThroughputOnlyOptions) {
  return {
    url,
    bodies,
    contentType: FORM,
    concurrency: opts.concurrency,
    requests: Math.min(100, opts.requests),
    warmupRequests: 0,
    timeLimitMs: 60_000,
    expect: 'success',
  };
}

export function formatThroughputOnly(report: ThroughputOnlyReport): string {
  const m = machineInfo();
  const lines = [
    '| function | req/s (median of rounds) | p50 ms | stack CPU ms/req | per round req/s |',
    '| --- | --- | --- | --- | --- |',
    ...report.targets.map(
      (t) =>
        `| ${t.name} | ${median(t.perSecond).toFixed(0)} | ${median(t.p50Ms).toFixed(1)} | ${median(t.cpuMsPerRequest).toFixed(2)} | ${t.perSecond.map((v) => v.toFixed(0)).join(', ')} |`,
    ),
    '',
    `notify / empty: ${report.ratioToEmpty.toFixed(3)}×` +
      (report.ratioBeforeToEmpty === undefined
        ? ''
        : `; notify-before / empty: ${report.ratioBeforeToEmpty.toFixed(3)}×`),
    `machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average (1 min) ${report.loadBefore.toFixed(2)} before, ${report.loadAfter.toFixed(2)} after`,
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const started = Date.now();
  const progress = (line: string) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
  runThroughputOnly(parseThroughputArgs(process.argv.slice(2)), progress)
    .then((report) => {
      process.stdout.write(`${formatThroughputOnly(report)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
