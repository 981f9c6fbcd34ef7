import { setTimeout as sleep } from 'node:timers/promises';
import { pushHeartbeat, pushRead, type CameraTarget } from '../camera-sim/camera';
import { plateReadBody } from '../camera-sim/device';
import type { StackClient } from '../devstack/stack-client';
import { FLOOD_READS } from '../server/parking/camera/serve-read';
import { startBareServer } from './bare-server';
import { type Percentiles, percentiles, ratio } from './stats';

/**
 * The plate camera's path (issue 12), measured on the real local stack: how long a camera waits
 * for the reply to a plate read at the entry (the lane decision and the session's start),
 * side by side with a bare Node server answering the same body; and, for cars held at the exit,
 * the time from the cashier's answer to the first heartbeat reply that raises the barrier (the
 * notification applied, the held car judged again, its exit recorded).
 */
export interface CameraLatencyOptions {
  client: StackClient;
  entry: CameraTarget;
  exit: CameraTarget;
  /** The live session of a plate in the lot (the driver's app finds it by the plate). */
  sessionIdOf(plate: string): string | undefined;
  reads: number;
  heldCars: number;
  heartbeatMs: number;
  progress?: (line: string) => void;
}

export interface CameraLatencyResult {
  read: Percentiles;
  bare: Percentiles;
  /** camera p50 / bare p50. */
  ratio: number;
  barrierUp: Percentiles & { heartbeatMs: number };
}

const plateOf = (i: number) => `粤B8${String(i).padStart(4, '0')}`;

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const value = await run();
  return [value, Number(process.hrtime.bigint() - t0) / 1e6];
}

export async function measureCameraLatency(
  options: CameraLatencyOptions,
): Promise<CameraLatencyResult> {
  const progress = options.progress ?? (() => undefined);
  const { client, entry, exit } = options;
  const now = async () => (await client.clock()).unix;

  progress(`camera: ${options.reads} plate reads at the entry, one at a time`);
  const readMs: number[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < options.reads; i++) {
    // A camera pushing faster than FLOOD_READS reads in 10 s is a flood (not judged one by one):
    // the clock moves on between bursts, as cars arrive over time.
    if (i > 0 && i % FLOOD_READS === 0) await client.advanceClock(11);
    const read = {
      serialno: entry.serialno,
      license: plateOf(i),
      confidence: 96,
      plateid: 800_000 + i,
      sec: await now(),
    };
    bodies.push(plateReadBody(read));
    const [result, ms] = await timed(() => pushRead(entry, read));
    if (!result.delivered || !result.action.opened) {
      throw new Error(`entry read ${plateOf(i)} did not open: ${JSON.stringify(result)}`);
    }
    readMs.push(ms);
  }

  progress(`camera: the same ${bodies.length} bodies to a bare Node server`);
  const reply = JSON.stringify({ Response_AlarmInfoPlate: { info: 'ok' } });
  const bare = await startBareServer(reply, 'application/json');
  const bareMs: number[] = [];
  try {
    for (const body of bodies) {
      const [, ms] = await timed(() =>
        fetch(bare.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }).then((r) => r.text()),
      );
      bareMs.push(ms);
    }
  } finally {
    await bare.close();
  }

  progress(`camera: ${options.heldCars} cars held at the exit, paid, let out by the heartbeat`);
  // Two hours on: every car owes its fee at the exit.
  await client.advanceClock(2 * 3600 + 60);
  const upMs: number[] = [];
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
    if (!held.delivered || held.action.opened) {
      throw new Error(`exit read ${plate} was not held: ${JSON.stringify(held)}`);
    }
    const sessionId = options.sessionIdOf(plate);
    if (!sessionId) throw new Error(`no live session of ${plate}`);
    const started = await client.ok<{ payment: { requestPayment: Record<string, string> } }>(
      `o-bench-camera-${String(i).padStart(12, '0')}`,
      'exit.pay',
      { sessionId },
    );
    await client.cashierPay(started.payment.requestPayment, {}, { mustPay: true });
    const t0 = process.hrtime.bigint();
    for (;;) {
      const beat = await pushHeartbeat(exit);
      if (beat.delivered && beat.action.opened) break;
      if (Number(process.hrtime.bigint() - t0) / 1e6 > 30_000) {
        throw new Error(`${plate}: the barrier did not rise within 30 s of the payment`);
      }
      await sleep(options.heartbeatMs);
    }
    upMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  const read = percentiles(readMs);
  const bareP = percentiles(bareMs);
  return {
    read,
    bare: bareP,
    ratio: ratio(read.p50Ms, bareP.p50Ms),
    barrierUp: { ...percentiles(upMs), heartbeatMs: options.heartbeatMs },
  };
}
