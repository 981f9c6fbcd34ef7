import { setTimeout as sleep } from 'node:timers/promises';
import { pushHeartbeat, pushRead, type CameraTarget, type PushResult } from '../camera-sim/camera';
import type { PlateRead } from '../camera-sim/device';
import type { StackClient } from '../devstack/stack-client';
import { FLOOD_READS } from '../server/parking/camera/serve-read';
import { startBareServer } from './bare-server';
import { type Percentiles, percentiles, ratio } from './stats';

/**
 * The plate camera's path (issue 12), measured on the real local stack: how long a camera waits
 * for the reply to a plate read at the entry (the lane decision and the session's start),
 * side by side with a bare Node server answering the same push; and, for cars held at the exit,
 * the time from the cashier's answer to the first heartbeat reply that raises the barrier (the
 * notification delivered and applied, the held car judged again, its exit recorded).
 */
export interface CameraLatencyOptions {
  client: StackClient;
  entry: CameraTarget;
  exit: CameraTarget;
  /** The live session of a plate in the lot (the driver's app finds it by the plate). */
  sessionIdOf(plate: string): string | undefined;
  reads: number;
  /** Reads pushed (to both servers) before the timed ones: first-run code paths are not timed. */
  warmupReads: number;
  heldCars: number;
  heartbeatMs: number;
  progress?: (line: string) => void;
}

export interface CameraLatencyResult {
  read: Percentiles;
  bare: Percentiles;
  /** camera p50 / bare p50. */
  ratio: number;
  barrierUp: Percentiles & {
    heartbeatMs: number;
    /** Heartbeats sent per held car from the cashier's answer to the one answered `info: "ok"`. */
    meanHeartbeats: number;
  };
}

const plateOf = (i: number) => `粤B8${String(i).padStart(4, '0')}`;

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const value = await run();
  return [value, Number(process.hrtime.bigint() - t0) / 1e6];
}

const opened = (r: PushResult) => r.delivered && r.action.opened;

/** Where the driver is in paying, as the heartbeat loop sees it. */
interface Payment {
  /** The cashier has been asked to pay (a notification may be on its way). */
  paying: boolean;
  /** The cashier's answer came back. */
  paidAt?: bigint;
  /** The run failed: the loop stops. */
  stop: boolean;
}

/**
 * A camera's heartbeat loop: one every `periodMs` (at once after a slower reply) until a reply
 * raises the barrier; resolves with the hrtime of that reply and the heartbeats sent after the
 * cashier's answer.
 */
async function beatUntilOpen(
  target: CameraTarget,
  periodMs: number,
  payment: Payment,
): Promise<{ at: bigint; beatsAfterPaid: number }> {
  const began = process.hrtime.bigint();
  let beatsAfterPaid = 0;
  while (!payment.stop) {
    const sent = process.hrtime.bigint();
    if (payment.paidAt !== undefined) beatsAfterPaid += 1;
    const reply = await pushHeartbeat(target);
    const at = process.hrtime.bigint();
    if (opened(reply)) {
      if (!payment.paying) throw new Error(`${target.url}: barrier up before the payment`);
      return { at, beatsAfterPaid };
    }
    if (Number(at - began) / 1e6 > 60_000) {
      throw new Error(`${target.url}: the barrier did not rise within 60 s of heartbeats`);
    }
    await sleep(Math.max(0, periodMs - Number(at - sent) / 1e6));
  }
  throw new Error('stopped');
}

export async function measureCameraLatency(
  options: CameraLatencyOptions,
): Promise<CameraLatencyResult> {
  const progress = options.progress ?? (() => undefined);
  const { client, entry, exit } = options;
  const now = async () => (await client.clock()).unix;

  // The bare server answers as the camera endpoint does when it lets a car in; both are pushed
  // to by the same client code (camera-sim's pushRead: fetch, reply read by actOnReply), read
  // by read, interleaved, so that load from other work on the machine falls on both alike.
  const bare = await startBareServer(
    JSON.stringify({ Response_AlarmInfoPlate: { info: 'ok' } }),
    'application/json',
  );
  const total = options.warmupReads + options.reads;
  progress(
    `camera: ${total} plate reads at the entry (${options.warmupReads} warm-up), one at a time, each also to a bare Node server`,
  );
  const readMs: number[] = [];
  const bareMs: number[] = [];
  try {
    for (let i = 0; i < total; i++) {
      // A camera pushing more than FLOOD_READS reads in 10 s is a flood (not judged one by one):
      // the clock moves on between bursts, as cars arrive over time.
      if (i > 0 && i % FLOOD_READS === 0) await client.advanceClock(11);
      const read: PlateRead = {
        serialno: entry.serialno,
        license: plateOf(i),
        confidence: 96,
        plateid: 800_000 + i,
        sec: await now(),
      };
      const [result, ms] = await timed(() => pushRead(entry, read));
      if (!opened(result)) {
        throw new Error(`entry read ${read.license} did not open: ${JSON.stringify(result)}`);
      }
      const [bareResult, baseMs] = await timed(() =>
        pushRead({ url: bare.url, serialno: entry.serialno }, read),
      );
      if (!opened(bareResult)) throw new Error(`bare server: ${JSON.stringify(bareResult)}`);
      if (i < options.warmupReads) continue;
      readMs.push(ms);
      bareMs.push(baseMs);
    }
  } finally {
    await bare.close();
  }

  progress(`camera: ${options.heldCars} cars held at the exit, paid, let out by the heartbeat`);
  // Two hours on: every car owes its fee at the exit.
  await client.advanceClock(2 * 3600 + 60);
  const upMs: number[] = [];
  let heartbeats = 0;
  for (let i = 0; i < options.heldCars; i++) {
    if (i > 0 && i % FLOOD_READS === 0) await client.advanceClock(11);
    const plate = plateOf(i);
    const held = await pushRead(exit, {
      serialno: exit.serialno,
      license: plate,
      confidence: 96,
      plateid: 900_000 + i,
      sec: await now(),
    });
    // Held as a driver who owes sees it: barrier down, the fee on the LED.
    if (
      !held.delivered ||
      held.action.opened ||
      !held.action.led.join(' ').includes('请扫码缴费')
    ) {
      throw new Error(`exit read ${plate} was not held for payment: ${JSON.stringify(held)}`);
    }
    // The camera heartbeats all along, as a real one does while the driver pays, so the wait
    // for the next heartbeat is part of the figure. exit.pay and the cashier take about the same
    // time for every car: without a pause the payment would land at the same point of the
    // heartbeat period each time. The driver starts paying after (i + 0.5)/heldCars of a period,
    // so the payments are spread evenly over it.
    const payment: Payment = { paying: false, stop: false };
    const barrierUp = beatUntilOpen(exit, options.heartbeatMs, payment);
    barrierUp.catch(() => undefined); // awaited below; a failure before that is not unhandled
    try {
      await sleep(((i + 0.5) / options.heldCars) * options.heartbeatMs);
      const sessionId = options.sessionIdOf(plate);
      if (!sessionId) throw new Error(`no live session of ${plate}`);
      const started = await client.ok<{ payment: { requestPayment: Record<string, string> } }>(
        `o-bench-camera-${String(i).padStart(12, '0')}`,
        'exit.pay',
        { sessionId },
      );
      payment.paying = true;
      await client.cashierPay(started.payment.requestPayment, {}, { mustPay: true });
      payment.paidAt = process.hrtime.bigint();
    } catch (error) {
      payment.stop = true;
      throw error;
    }
    const up = await barrierUp;
    // Below 0 would mean a heartbeat raised the barrier before the cashier's answer came back.
    upMs.push(Number(up.at - payment.paidAt) / 1e6);
    heartbeats += up.beatsAfterPaid;
  }

  const read = percentiles(readMs);
  const bareP = percentiles(bareMs);
  return {
    read,
    bare: bareP,
    ratio: ratio(read.p50Ms, bareP.p50Ms),
    barrierUp: {
      ...percentiles(upMs),
      heartbeatMs: options.heartbeatMs,
      meanHeartbeats: heartbeats / Math.max(1, options.heldCars),
    },
  };
}
