import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIVE_STATES } from '../core/parking/session-states';
import { startLocalStack } from '../devstack/local-stack';
import { DEMO_MERCHANT } from '../sandbox';
import { demoCameras } from '../server/seed/demo-cameras';
import { demoData } from '../server/seed/demo-data';
import { COLLECTIONS } from '../server/store/collections';
import { measureCameraLatency, type CameraLatencyResult } from './camera-latency';
import { benchFunctionsDir, EMPTY_ROUTE } from './empty-function';
import { admitCars, ENTRY_GATE, runJourney, type Car, type Observer } from './journeys';
import { machineInfo, type MachineInfo } from './machine';
import { measureNotifyThroughput, type ThroughputResult } from './notify-throughput';
import { measureRequireTimes, type RequireTimes } from './require-time';
import { StackClient } from '../devstack/stack-client';
import { percentile } from './stats';

/**
 * `npm run bench`: the three measurements of issue 4, side by side in one run, against the real
 * local stack (devstack/local-stack.ts: sandbox + database emulator + function host running
 * cloudfunctions/ unchanged), on 127.0.0.1. Sizes are bounded so that the run stays short.
 */
export interface BenchSizes {
  /** Journeys per series (notifications on/dropped × observer). */
  journeys: number;
  warmupJourneys: number;
  /** Pause between two may-leave questions of the gate or the driver. */
  pollMs: number;
  giveUpMs: number;
  notifyRequests: number;
  notifyConcurrency: number;
  notifyWarmup: number;
  notifyTimeLimitMs: number;
  requireReps: number;
  /** Plate reads timed at the demo office lot's entry camera (and as many at the bare server). */
  cameraReads: number;
  /** Untimed reads first, at both servers. */
  cameraWarmupReads: number;
  /** Of those cars, how many are held at the exit, pay, and are let out by the heartbeat. */
  cameraHeldCars: number;
  /** The camera's heartbeat (comet poll) period, running while a held car's driver pays. */
  cameraHeartbeatMs: number;
}

export const DEFAULT_SIZES: BenchSizes = {
  journeys: 100,
  warmupJourneys: 3,
  pollMs: 20,
  giveUpMs: 10_000,
  notifyRequests: 2000,
  // The function host's instances per function (startLocalStack's default, 4).
  notifyConcurrency: 4,
  notifyWarmup: 100,
  notifyTimeLimitMs: 45_000,
  requireReps: 7,
  cameraReads: 100,
  cameraWarmupReads: 5,
  cameraHeldCars: 20,
  cameraHeartbeatMs: 200,
};

export type NotificationsMode = 'on' | 'dropped';

export interface LatencySeries {
  notifications: NotificationsMode;
  observer: Observer;
  journeys: number;
  resolved: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanPolls: number;
}

export interface BenchReport {
  machine: MachineInfo;
  sizes: BenchSizes;
  throughput: ThroughputResult & {
    bodies: number;
    /** Notifications the notify function stored with verdict `already` during the measured run. */
    storedAlready: number;
    /** Documents in the emulator when the run began (its queries scan: size matters). */
    sessionsInDb: number;
    notificationsInDb: number;
  };
  latency: LatencySeries[];
  /** Deliveries the sandbox dropped during the "dropped" series (fault drop rate 1). */
  droppedDeliveries: number;
  requireTimes: RequireTimes;
  camera: CameraLatencyResult;
  totalSeconds: number;
  /** 1-minute load average of the machine before and after the run (other work skews figures). */
  loadAverage: { before: number; after: number };
}

const SERIES: Array<{ notifications: NotificationsMode; observer: Observer }> = [
  { notifications: 'on', observer: 'notification' },
  { notifications: 'on', observer: 'gate' },
  { notifications: 'on', observer: 'confirm' },
  { notifications: 'dropped', observer: 'gate' },
  { notifications: 'dropped', observer: 'confirm' },
];

function summarize(
  series: { notifications: NotificationsMode; observer: Observer },
  results: Array<{ ms?: number; polls: number }>,
): LatencySeries {
  const times = results.flatMap((r) => (r.ms === undefined ? [] : [r.ms]));
  return {
    ...series,
    journeys: results.length,
    resolved: times.length,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: percentile(times, 100),
    meanPolls: results.reduce((s, r) => s + r.polls, 0) / Math.max(1, results.length),
  };
}

export async function runBench(
  sizes: BenchSizes = DEFAULT_SIZES,
  progress: (line: string) => void = () => undefined,
): Promise<BenchReport> {
  const began = Date.now();
  const loadBefore = os.loadavg()[0] ?? 0;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parking-bench-'));
  try {
    progress('starting the local stack (sandbox, database emulator, function host)');
    const stack = await startLocalStack({
      dataDir: path.join(tmp, 'data'),
      ports: { sandbox: 0, database: 0, functions: 0 },
      // No reconcile timer: it would resolve dropped notifications on its own schedule, in the
      // middle of the measurements.
      // The real functions plus an empty one on the same host: the floor for notify throughput.
      functions: { timers: false, warm: true, ...benchFunctionsDir(path.join(tmp, 'functions')) },
    });
    let throughput: BenchReport['throughput'];
    const latency: LatencySeries[] = [];
    let droppedDeliveries = 0;
    let camera: CameraLatencyResult;
    try {
      const client = new StackClient({
        functions: stack.urls.functions,
        gate: stack.urls.gate,
        sandbox: stack.urls.sandbox,
      });
      const engine = stack.emulator.database.engine;
      const journeyOptions = {
        pollMs: sizes.pollMs,
        giveUpMs: sizes.giveUpMs,
        sessionState: (id: string) =>
          (engine.get(COLLECTIONS.sessions, id) as { state?: string } | undefined)?.state,
      };

      const total = sizes.warmupJourneys + SERIES.length * sizes.journeys;
      progress(`reporting ${total} cars in at ${ENTRY_GATE} (two hours ago)`);
      const cars = await admitCars(client, 1, total);
      const take = (() => {
        let i = 0;
        return (n: number): Car[] => cars.slice(i, (i += n));
      })();

      progress(`warm-up: ${sizes.warmupJourneys} journeys`);
      for (const car of take(sizes.warmupJourneys))
        await runJourney(client, car, 'gate', journeyOptions);

      const droppedBefore = (await client.deliveries('dropped')).length;
      for (const series of SERIES) {
        await client.setFaults(series.notifications === 'dropped' ? { drop: 1 } : {});
        progress(
          `latency: notifications ${series.notifications}, observer ${series.observer}, ${sizes.journeys} journeys`,
        );
        const results = [];
        for (const [i, car] of take(sizes.journeys).entries()) {
          results.push(await runJourney(client, car, series.observer, journeyOptions));
          if ((i + 1) % 10 === 0) progress(`  ${i + 1}/${sizes.journeys}`);
        }
        const summary = summarize(series, results);
        latency.push(summary);
        progress(
          `  p50 ${summary.p50Ms.toFixed(1)} ms, p99 ${summary.p99Ms.toFixed(1)} ms, resolved ${summary.resolved}/${summary.journeys}`,
        );
      }
      await client.setFaults({});
      droppedDeliveries = (await client.deliveries('dropped')).length - droppedBefore;

      // Duplicates of notifications already applied: the common repeat, and the full path
      // (store raw, verify the signature, cross-check, compare-and-set answering 'already').
      const bodies = (await client.deliveries('delivered')).flatMap((d) =>
        d.attempts[0]?.body ? [d.attempts[0].body] : [],
      );
      if (bodies.length === 0) throw new Error('no delivered notification to replay');
      progress(`throughput: ${bodies.length} signed notification bodies of paid sessions`);
      const alreadyBefore = engine.count(COLLECTIONS.notifications, { verdict: 'already' });
      const sessionsInDb = engine.count(COLLECTIONS.sessions, {});
      const notificationsInDb = engine.count(COLLECTIONS.notifications, {});
      const measured = await measureNotifyThroughput({
        notifyUrl: stack.urls.notify,
        emptyUrl: `${stack.urls.functions}${EMPTY_ROUTE}`,
        bodies,
        concurrency: sizes.notifyConcurrency,
        requests: sizes.notifyRequests,
        warmupRequests: sizes.notifyWarmup,
        timeLimitMs: sizes.notifyTimeLimitMs,
        progress,
      });
      const storedAlready =
        engine.count(COLLECTIONS.notifications, { verdict: 'already' }) -
        alreadyBefore -
        sizes.notifyWarmup;
      throughput = {
        ...measured,
        bodies: bodies.length,
        storedAlready,
        sessionsInDb,
        notificationsInDb,
      };

      // Last: it moves the sandbox clock on by hours (the held cars owe a fee).
      const cameras = demoCameras(demoData(DEMO_MERCHANT.cusid));
      const lane = (gateId: string) => {
        const c = cameras.find((d) => d.doc.gateId === gateId);
        if (!c) throw new Error(`no demo camera on ${gateId}`);
        return { url: `${stack.urls.camera}/${c.token}`, serialno: c.doc.serialno };
      };
      camera = await measureCameraLatency({
        client,
        entry: lane('gate-office-in'),
        exit: lane('gate-office-out'),
        sessionIdOf: (plate) =>
          (
            engine.find(COLLECTIONS.sessions, {
              lotId: 'lot-office',
              plate,
              state: { $in: [...LIVE_STATES] },
            }) as Array<{ _id: string }>
          )[0]?._id,
        reads: sizes.cameraReads,
        warmupReads: sizes.cameraWarmupReads,
        heldCars: sizes.cameraHeldCars,
        heartbeatMs: sizes.cameraHeartbeatMs,
        progress,
      });
    } finally {
      progress('stopping the local stack');
      await stack.close();
    }

    const requireTimes = await measureRequireTimes({
      outRoot: path.join(tmp, 'functions'),
      reps: sizes.requireReps,
      progress,
    });
    return {
      machine: machineInfo(),
      sizes,
      throughput,
      latency,
      droppedDeliveries,
      requireTimes,
      camera,
      totalSeconds: (Date.now() - began) / 1000,
      loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? 0 },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
