import { type CameraReply, cameraReply, idleReply } from '../../../core/camera/reply';
import { ledEncoder } from '../../../core/camera/led-encoder';
import type { Gate } from '../../../core/parking/gate';
import { type ScanPass, scanPass, scanPassAwaitsPayment } from '../../../core/parking/scan-pass';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { COLLECTIONS } from '../../store/collections';
import { resolveOpenCalls } from '../calls/execute';
import type { ParkingDeps } from '../deps';
import { loadLot } from '../places';
import { SCAN_AGAIN } from './scan-again';
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
 * - A driver's scan of the gate's code again (scan-again.ts: the barrier did not rise for a car
 *   its scan let through, a reply carrying the open having been lost), handed out like a remote
 *   open.
 * - A car let through by its driver's scan of the gate's code (a car without a plate: the
 *   session started at this entry, or closed by a payment at this exit, core/parking/scan-pass.ts)
 *   in the last COMMAND_SECONDS: the barrier goes up, once per session (handed out like a remote
 *   open, `scan:<sessionId>`). A payment started at this gate's code and still open is asked of
 *   the platform first (scanPassAwaitsPayment), as a held plated car's is.
 */

/** A remote open older than this is not handed out (the car it was for has gone). */
export const COMMAND_SECONDS = 120;
/** A car held at the lane is judged again on heartbeats for this long. */
export const WAIT_SECONDS = 600;
/** Scan payments asked of the platform in one heartbeat (each waits up to the ask deadline). */
const ASK_PER_HEARTBEAT = 2;

interface GateEventDoc {
  _id: string;
  gateId: string;
  type: string;
  at: number;
  /** scan_again: the car's plate, for the LED. */
  plate?: string;
}

export async function serveHeartbeat(
  deps: ParkingDeps,
  camera: CameraDoc,
  gate: Gate,
  now: number,
): Promise<CameraReply> {
  await cameras(deps.db).updateWhere({ _id: camera._id }, { lastHeartbeatAt: now });
  const remote = await takeCommand(deps, camera, now);
  if (remote?.type === OPERATOR_OPEN) {
    return cameraReply({
      open: true,
      display: { lines: ['远程开闸', '请通行'], voice: '请通行' },
      encoder: ledEncoder(camera.led),
    });
  }
  const released = remote ? undefined : await releaseWaiting(deps, camera, gate, now);
  if (released) return released;
  const scanned = remote ?? (await takeScanPass(deps, camera, gate, now));
  if (scanned) {
    const greeting = gate.kind === 'entry' ? '欢迎光临' : '一路顺风';
    return cameraReply({
      open: true,
      display: { lines: [scanned.plate ?? '', greeting].filter(Boolean), voice: greeting },
      encoder: ledEncoder(camera.led),
    });
  }
  return idleReply();
}

const scanCommand = (sessionId: string) => `scan:${sessionId}`;

/** Hands out `ids` once: a compare-and-set on the camera's commandsVersion. */
async function handOut(deps: ParkingDeps, camera: CameraDoc, ids: string[]): Promise<boolean> {
  const version = camera.commandsVersion ?? 0;
  const delivered = camera.deliveredCommands ?? [];
  const taken = await cameras(deps.db).updateWhere(
    { _id: camera._id, commandsVersion: version },
    {
      commandsVersion: version + 1,
      deliveredCommands: deps.db.cmd.set([...delivered, ...ids].slice(-40)),
    },
  );
  return taken === 1;
}

const OPERATOR_OPEN = 'operator_open';

/**
 * The oldest command for this gate not yet handed to this camera (an operator's remote open
 * first, then a driver's scan again, scan-again.ts), from the last COMMAND_SECONDS; all that are
 * fresh are handed out at once (one barrier-up serves them all).
 */
async function takeCommand(
  deps: ParkingDeps,
  camera: CameraDoc,
  now: number,
): Promise<GateEventDoc | undefined> {
  const db = deps.db;
  const since = Math.max(now - COMMAND_SECONDS, camera.createdAt);
  const delivered = camera.deliveredCommands ?? [];
  const fresh: GateEventDoc[] = [];
  for (const type of [OPERATOR_OPEN, SCAN_AGAIN]) {
    const recent = await db
      .collection<GateEventDoc>(COLLECTIONS.gateEvents)
      .find(
        { gateId: camera.gateId, type, at: db.cmd.gte(since) },
        { orderBy: [['at', 'asc']], limit: 20 },
      );
    fresh.push(...recent.filter((c) => !delivered.includes(c._id)));
  }
  if (fresh.length === 0) return undefined;
  return (await handOut(
    deps,
    camera,
    fresh.map((c) => c._id),
  ))
    ? fresh[0]
    : undefined;
}

/** The first car its driver's scan let through this gate that the camera has not opened for. */
async function takeScanPass(
  deps: ParkingDeps,
  camera: CameraDoc,
  gate: Gate,
  now: number,
): Promise<ScanPass | undefined> {
  const db = deps.db;
  // A scan becomes a pass when its session changes (started, paid, closed): recently updated ones,
  // newest first (a busy lot changes more than the limit in the window; its oldest are gone).
  const recent = await db.collection<SessionDoc>(COLLECTIONS.sessions).find(
    {
      lotId: gate.lotId,
      updatedAt: db.cmd.gte(Math.max(now - COMMAND_SECONDS, camera.createdAt)),
    },
    { orderBy: [['updatedAt', 'desc']], limit: 50 },
  );
  if (recent.length === 0) return undefined;
  const lot = { entryPrepay: (await loadLot(db, gate.lotId))?.entryPrepay ?? false };
  const delivered = camera.deliveredCommands ?? [];
  let asked = 0;
  for (const doc of recent) {
    let session = sessionOf(doc);
    // Paid at this gate's code, its notification not here yet: ask the platform (a few a beat).
    if (asked < ASK_PER_HEARTBEAT && scanPassAwaitsPayment(gate, session, now)) {
      asked += 1;
      const resolved = await resolveOpenCalls(deps, doc._id);
      if (resolved) session = sessionOf(resolved);
    }
    const pass = scanPass(gate, lot, session, now);
    if (!pass || delivered.includes(scanCommand(pass.sessionId))) continue;
    return (await handOut(deps, camera, [scanCommand(pass.sessionId)])) ? pass : undefined;
  }
  return undefined;
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
  // The driver paid (or prepaid) at this lane's code: that scan's pass is this opening.
  const sessionId = done.sessionId ?? judged.sessionId;
  if (done.decision.open && sessionId !== undefined) {
    const fresh = await cameras(db).get(camera._id);
    if (fresh) await handOut(deps, fresh, [scanCommand(sessionId)]);
  }
  return cameraReply({
    open: done.decision.open,
    display: done.decision.display,
    encoder: ledEncoder(camera.led),
  });
}
