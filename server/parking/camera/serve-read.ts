import type { PlateRead } from '../../../core/camera/plate-push';
import { type CameraReply, cameraReply, idleReply } from '../../../core/camera/reply';
import { ledEncoder } from '../../../core/camera/led-encoder';
import type { Gate } from '../../../core/parking/gate';
import type { LaneDecision } from '../../../core/parking/lane-decision';
import { COLLECTIONS } from '../../store/collections';
import type { ParkingDeps } from '../deps';
import { MAX_EVENT_AGE_SECONDS, MAX_EVENT_AHEAD_SECONDS } from '../gate/schemas';
import { newCallId } from '../ids';
import { type CameraDoc, cameras } from './camera-doc';
import { carryOut, judgeAtLane, recordOfflineRead } from './lane';

/**
 * One plate read pushed by a camera. The read is claimed first by inserting its key (camera,
 * plateid and the camera's time): a retry or a replay of the same read finds the claim and gets
 * the reply already given, so it never makes a second session or a second exit. A live read is
 * asked of the lane decision and answered at once; a read replayed from the camera's offline
 * queue is recorded at its own time and acknowledged (ContinuePushOffline), never opening the
 * barrier now. A car held at the lane is remembered on the camera (`waiting`) so that its
 * heartbeat opens the barrier once the driver has paid.
 */

export interface CameraReadDoc {
  _id: string;
  cameraId: string;
  lotId: string;
  gateId: string;
  direction: 'entry' | 'exit';
  license: string;
  plate?: string;
  plateid?: number;
  confidence?: number;
  /** The inside plate a misread at the exit was matched to (core/parking/plate-match.ts). */
  matchedPlate?: string;
  offline: boolean;
  /** When the car was there (the camera's time for an offline read, ours otherwise). */
  at: number;
  receivedAt: number;
  status: 'working' | 'done';
  decision?: { open: boolean; reason: string; action: string; due?: number; text: string[] };
  sessionId?: string;
  error?: string;
  reply?: CameraReply;
}

const reads = (deps: ParkingDeps) => deps.db.collection<CameraReadDoc>(COLLECTIONS.cameraReads);

/** More live reads than this from one camera within FLOOD_SECONDS are not judged one by one. */
export const FLOOD_READS = 20;
export const FLOOD_SECONDS = 10;

/** Whether the camera has pushed more than FLOOD_READS reads in the last FLOOD_SECONDS. */
async function flooding(deps: ParkingDeps, cameraId: string, now: number): Promise<boolean> {
  const recent = await reads(deps).count({
    cameraId,
    receivedAt: deps.db.cmd.gte(now - FLOOD_SECONDS),
  });
  return recent > FLOOD_READS;
}

/**
 * A read in a flood: kept (not judged) and made the lane's held car, so the next heartbeat
 * judges the last read and nothing is lost; the barrier does not move now.
 */
async function floodedRead(
  deps: ParkingDeps,
  camera: CameraDoc,
  read: PlateRead,
  key: string,
  now: number,
): Promise<CameraReply> {
  const reply = cameraReply({
    open: false,
    ...(read.plateid !== undefined && { plateid: read.plateid }),
  });
  await reads(deps).updateWhere({ _id: key }, { status: 'done', error: 'RATE_LIMITED', reply });
  if (read.plate !== undefined) {
    await cameras(deps.db).updateWhere(
      { _id: camera._id },
      { waiting: deps.db.cmd.set({ readId: key, plate: read.plate, since: now }) },
    );
  }
  return reply;
}

/** The key that makes a retried or replayed read the same read. */
export function readKey(cameraId: string, read: PlateRead, now: number, random: () => string) {
  if (read.plateid !== undefined) return `${cameraId}:${read.plateid}:${read.at ?? 0}`;
  if (read.at !== undefined) return `${cameraId}:t${read.at}.${read.usec ?? 0}`;
  return `${cameraId}:r${now}.${random()}`;
}

export async function serveRead(
  deps: ParkingDeps,
  camera: CameraDoc,
  gate: Gate,
  read: PlateRead,
  now: number,
): Promise<CameraReply> {
  const key = readKey(camera._id, read, now, () => newCallId('op', now, deps.random));
  const at = read.offline ? offlineTime(read.at, now) : now;
  const claim: CameraReadDoc = {
    _id: key,
    cameraId: camera._id,
    lotId: camera.lotId,
    gateId: camera.gateId,
    direction: camera.direction,
    license: read.license,
    offline: read.offline,
    at: at ?? now,
    receivedAt: now,
    status: 'working',
    ...(read.plate !== undefined && { plate: read.plate }),
    ...(read.plateid !== undefined && { plateid: read.plateid }),
    ...(read.confidence !== undefined && { confidence: read.confidence }),
  };
  if ((await reads(deps).insert(claim)) === 'duplicate') {
    const earlier = await reads(deps).get(key);
    // Still being worked on by the first delivery: keep the barrier as it is; the camera retries.
    return earlier?.reply ?? idleReply();
  }
  try {
    if (!read.offline && (await flooding(deps, camera._id, now))) {
      return await floodedRead(deps, camera, read, key, now);
    }
    const reply = read.offline
      ? await offlineRead(deps, gate, read, key, at)
      : await liveRead(deps, camera, gate, read, key, now);
    await cameras(deps.db).updateWhere({ _id: camera._id }, { lastReadAt: now });
    return reply;
  } catch (error) {
    // Nothing answered: free the claim so the camera's retry is served afresh.
    await reads(deps)
      .removeWhere({ _id: key, status: 'working' })
      .catch(() => undefined);
    throw error;
  }
}

async function liveRead(
  deps: ParkingDeps,
  camera: CameraDoc,
  gate: Gate,
  read: PlateRead,
  key: string,
  now: number,
): Promise<CameraReply> {
  const judged = await judgeAtLane(deps, gate, read.plate, now);
  const done = await carryOut(deps, gate, read.plate, judged, now);
  const reply = cameraReply({
    open: done.decision.open,
    ...(read.plateid !== undefined && { plateid: read.plateid }),
    display: done.decision.display,
    encoder: ledEncoder(camera.led),
  });
  await finish(deps, key, done.decision, reply, done.sessionId, done.error);
  if (done.misread !== undefined && done.plate !== undefined) {
    await reads(deps).updateWhere({ _id: key }, { matchedPlate: done.plate });
  }
  const db = deps.db;
  const held = done.plate ?? read.plate;
  if (!done.decision.open && held !== undefined && !done.error) {
    await cameras(db).updateWhere(
      { _id: camera._id },
      { waiting: db.cmd.set({ readId: key, plate: held, since: now }) },
    );
  } else if (done.decision.open) {
    await cameras(db).updateWhere({ _id: camera._id }, { waiting: db.cmd.remove() });
  }
  return reply;
}

async function offlineRead(
  deps: ParkingDeps,
  gate: Gate,
  read: PlateRead,
  key: string,
  at: number | undefined,
): Promise<CameraReply> {
  const done =
    at === undefined
      ? { error: 'TIME_INVALID' }
      : await recordOfflineRead(deps, gate, read.plate, at);
  // info stays "no": the barrier must not move now for a car that passed while offline.
  const reply = cameraReply({
    open: false,
    offline: true,
    ...(read.plateid !== undefined && { plateid: read.plateid }),
  });
  await reads(deps).updateWhere(
    { _id: key },
    {
      status: 'done',
      reply,
      ...(done.sessionId !== undefined && { sessionId: done.sessionId }),
      ...(done.error !== undefined && { error: done.error }),
    },
  );
  return reply;
}

async function finish(
  deps: ParkingDeps,
  key: string,
  decision: LaneDecision,
  reply: CameraReply,
  sessionId: string | undefined,
  error: string | undefined,
) {
  await reads(deps).updateWhere(
    { _id: key },
    {
      status: 'done',
      decision: {
        open: decision.open,
        reason: decision.reason,
        action: decision.action,
        text: decision.display.lines,
        ...(decision.direction === 'exit' && decision.due !== undefined && { due: decision.due }),
      },
      reply,
      ...(sessionId !== undefined && { sessionId }),
      ...(error !== undefined && { error }),
    },
  );
}

/** An offline read's own time, when it is believable (the same bounds as a controller's `at`). */
function offlineTime(at: number | undefined, now: number): number | undefined {
  if (at === undefined) return undefined;
  if (at > now + MAX_EVENT_AHEAD_SECONDS || at < now - MAX_EVENT_AGE_SECONDS) return undefined;
  return at;
}
