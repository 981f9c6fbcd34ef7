// Smoke test of `npm run bench`: every measurement at a very small size against the real local
// stack, checking the structure of the report (never a timing).
import { functionNames } from '../scripts/build-functions';
import { formatReport } from './report';
import { DEFAULT_SIZES, runBench, type BenchReport } from './run-bench';

jest.setTimeout(120_000);

let report: BenchReport;
beforeAll(async () => {
  report = await runBench({
    ...DEFAULT_SIZES,
    journeys: 2,
    warmupJourneys: 1,
    notifyRequests: 20,
    notifyWarmup: 4,
    notifyConcurrency: 2,
    requireReps: 1,
    cameraReads: 3,
    cameraWarmupReads: 1,
    cameraHeldCars: 2,
  });
});

it('measures notify throughput against an empty function and a bare server with the same requests', () => {
  const { bare, empty, notify, ratio, ratioToEmpty, storedAlready, bodies } = report.throughput;
  expect(bodies).toBeGreaterThan(0);
  // ok counts replies equal to 'success': the empty function is really served by the host.
  for (const load of [bare, empty, notify])
    expect(load).toMatchObject({ completed: 20, ok: 20, failed: 0 });
  // Every measured duplicate went through the notify function and was stored as 'already'.
  expect(storedAlready).toBe(20);
  expect(ratio).toBeGreaterThan(0);
  expect(ratioToEmpty).toBeGreaterThan(0);
});

it('resolves every journey, with notifications on and with all of them dropped', () => {
  expect(report.latency.map((s) => `${s.notifications}/${s.observer}`)).toEqual([
    'on/notification',
    'on/gate',
    'on/confirm',
    'dropped/gate',
    'dropped/confirm',
  ]);
  for (const series of report.latency) {
    expect(series).toMatchObject({ journeys: 2, resolved: 2 });
    expect(series.p99Ms).toBeGreaterThanOrEqual(series.p50Ms);
  }
  expect(report.droppedDeliveries).toBe(4);
});

it('sizes and require times of every bundled function, printed in one table', () => {
  expect(report.requireTimes.functions.map((f) => f.name)).toEqual(functionNames());
  expect(functionNames()).toEqual(expect.arrayContaining(['api', 'gate', 'notify', 'reconcile']));
  for (const f of report.requireTimes.functions) {
    expect(f.bytes).toBeGreaterThan(100_000);
    expect(f.ratio).toBeGreaterThan(0);
  }
  const text = formatReport(report);
  for (const needle of [
    'Machine:',
    'ratio notify / bare',
    'ratio notify / empty function',
    'dropped',
    'reconcile',
    'wx-server-sdk',
  ])
    expect(text).toContain(needle);
});

it('times the plate camera against a bare server, and the barrier up after a payment', () => {
  const { read, bare, barrierUp, ratio } = report.camera;
  expect(read).toMatchObject({ count: 3 });
  expect(bare).toMatchObject({ count: 3 });
  expect(barrierUp).toMatchObject({ count: 2, heartbeatMs: DEFAULT_SIZES.cameraHeartbeatMs });
  expect(Number.isFinite(barrierUp.meanHeartbeats)).toBe(true);
  expect(ratio).toBeGreaterThan(0);
  const text = formatReport(report);
  for (const needle of ['ratio camera / bare', 'payment → barrier up (heartbeat)', '请扫码缴费'])
    expect(text).toContain(needle);
});
