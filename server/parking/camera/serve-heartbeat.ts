import { type CameraReply, cameraReply, idleReply } from '../../../core/camera/reply';
import { ledEncoder } from '../../../core/camera/led-encoder';
import type { Gate } from '../../../core/parking/gate';
import { COLLECTIONS } from '../../store/collections';
import type { ParkingDeps } from '../deps';
import { type CameraDoc, cameras } from './camera-doc';
import { carryOut, judgeAtLane } from './lane';

/**
 * A camera's heartbeat (comet poll): the reply carries what is pending for its lane.
 * - An operator's remote open of the gate (gate_events 'operator_open', written by op.gate.open)
 *   made in the last COMMAND_SECONDS and not yet handed to this camera: the barrier goes up.
 *   Hand-outs are a compare-and-set on the camera's commandsVersion, so two heartbeats racing
 *   never both take the same command (a second open would be harmless, but one is the rule).
 * - A car held at the lane (the last closed read): judged again now; once its driver has paid
 *   (or prepaid, at an entry) the barrier goes up and its exit (entry) is recorded, without a
 *   second plate read. The hold is cleared by compare-and-set before anything is recorded.
 */

/** A remote open older than this is not handed out (the car it was for has gone). */
export const COMMAND_SECONDS = 120;
/** A car held at the lane is judged again on heartbeats for this long. */
export const WAIT_SECONDS = 600;

interface GateEventDoc {
  _id: string;
  gateId: string;
  type: string;
  at: number;
}

export async function serveHeartbeat(
  deps: ParkingDeps,
  camera: CameraDoc,
  gate: Gate,
  now: number,
): Promise<CameraReply> {
  await cameras(deps.db).updateWhere({ _id: camera._id }, { lastHeartbeatAt: now });
  const remote = await takeRemoteOpen(deps, camera, now);
  if (remote) {
    return cameraReply({
      open: true,
      display: { lines: ['远程开闸', '请通行'], voice: '请通行' },
      encoder: ledEncoder(camera.led),
    });
  }
  return (await releaseWaiting(deps, camera, gate, now)) ?? idleReply();
}

async function takeRemoteOpen(deps: ParkingDeps, camera: CameraDoc, now: number) {
  const db = deps.db;
  const recent = await db.collection<GateEventDoc>(COLLECTIONS.gateEvents).find(
    {
      gateId: camera.gateId,
      type: 'operator_open',
      at: db.cmd.gte(Math.max(now - COMMAND_SECONDS, camera.createdAt)),
    },
    { orderBy: [['at', 'asc']], limit: 20 },
  );
  const delivered = camera.deliveredCommands ?? [];
  const fresh = recent.filter((c) => !delivered.includes(c._id));
  if (fresh.length === 0) return false;
  const version = camera.commandsVersion ?? 0;
  const taken = await cameras(db).updateWhere(
    { _id: camera._id, commandsVersion: version },
    {
      commandsVersion: version + 1,
      deliveredCommands: db.cmd.set([...delivered, ...fresh.map((c) => c._id)].slice(-40)),
    },
  );
  return taken === 1;
}

async function releaseWaiting(
  deps: ParkingDeps,
  camera: CameraDoc,
  gate: Gate,
  now: number,
): Promise<CameraReply | undefined> {
  const waiting = camera.waiting;
  if (!waiting) return undefined;
  const db = deps.db;
  const clear = () =>
    cameras(db).updateWhere(
      { _id: camera._id, 'waiting.readId': waiting.readId },
      { waiting: db.cmd.remove() },
    );
  if (now - waiting.since > WAIT_SECONDS) {
    await clear();
    return undefined;
  }
  const judged = await judgeAtLane(deps, gate, waiting.plate, now);
  if (!judged.decision.open) return undefined;
  if ((await clear()) !== 1) return undefined; // another heartbeat let this car through
  const done = await carryOut(deps, gate, waiting.plate, judged, now);
  return cameraReply({
    open: done.decision.open,
    display: done.decision.display,
    encoder: ledEncoder(camera.led),
  });
}
