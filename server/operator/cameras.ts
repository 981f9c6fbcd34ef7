import { DEFAULT_LED_ENCODER, LED_ENCODERS } from '../../core/camera/led-encoder';
import { AppError } from '../api-kit/app-error';
import type { CameraList, CameraRegistered, CameraView } from '../contract/operator-views';
import type { ApiContext } from '../parking/api/context';
import { parkingErrors } from '../parking/app-errors';
import {
  type CameraDoc,
  ONLINE_SECONDS,
  cameras,
  newCameraToken,
  secretHash,
} from '../parking/camera/camera-doc';
import type { CameraReadDoc } from '../parking/camera/serve-read';
import { loadGate } from '../parking/places';
import { COLLECTIONS } from '../store/collections';
import { requireRight } from './access';
import { writeAudit } from './audit';

/**
 * Plate cameras per gate (issue 12): an owner registers a camera (its serial number, the gate it
 * watches, its LED encoder) and gets its push URL token once, only its hash being kept; anyone
 * who may view the lot sees the cameras with their last heartbeat, online or not, and their last
 * reads with the lane's decisions. Registering a device again (moved to another gate or lot)
 * retires its earlier record, whose token then stops working. Every change is audited.
 */

export async function registerCamera(
  ctx: ApiContext,
  input: { gateId: string; serialno: string; name?: string; led?: string; reason?: string },
): Promise<CameraRegistered> {
  const gate = await loadGate(ctx.deps.db, input.gateId);
  if (!gate) throw parkingErrors.gateNotFound();
  await requireRight(ctx, gate.lotId, 'place.manage');
  const base = {
    openid: ctx.openid,
    lotId: gate.lotId,
    gateId: gate.id,
    action: 'camera.register' as const,
    reason: input.reason ?? '',
    subject: `摄像机 ${input.serialno}`,
  };
  if (gate.kind !== 'entry' && gate.kind !== 'exit') {
    await writeAudit(ctx.deps, { ...base, outcome: 'refused', detail: 'WRONG_GATE' });
    throw new AppError('WRONG_GATE', '摄像机只能登记在入口或出口道闸');
  }
  const led = input.led ?? DEFAULT_LED_ENCODER;
  if (!LED_ENCODERS[led]) throw new AppError('INVALID_INPUT', `不支持的显示屏编码：${led}`);
  const now = await ctx.deps.clock.now();
  const { cameraId, secret, token } = newCameraToken();
  const retired = await cameras(ctx.deps.db).removeWhere({ serialno: input.serialno });
  const doc: CameraDoc = {
    _id: cameraId,
    lotId: gate.lotId,
    gateId: gate.id,
    direction: gate.kind,
    serialno: input.serialno,
    name: input.name ?? gate.name,
    secretHash: secretHash(secret),
    led,
    createdAt: now,
    createdBy: ctx.openid,
    commandsVersion: 0,
  };
  await cameras(ctx.deps.db).insert(doc);
  await writeAudit(ctx.deps, {
    ...base,
    outcome: 'applied',
    detail: retired > 0 ? `${cameraId} (replaced ${retired})` : cameraId,
  });
  return { outcome: 'applied', cameraId, token, path: `/camera/${token}`, retired };
}

export async function removeCamera(
  ctx: ApiContext,
  input: { cameraId: string; reason?: string },
): Promise<{ outcome: 'applied' | 'already'; cameraId: string }> {
  const camera = await cameras(ctx.deps.db).get(input.cameraId);
  const notFound = () => new AppError('CAMERA_NOT_FOUND', '没有这台摄像机');
  if (!camera) throw notFound();
  // Another lot's camera is not found, like an id that does not exist (as sessionForRight).
  await requireRight(ctx, camera.lotId, 'lot.view').catch(() => {
    throw notFound();
  });
  await requireRight(ctx, camera.lotId, 'place.manage');
  const removed = await cameras(ctx.deps.db).removeWhere({ _id: camera._id });
  const outcome = removed > 0 ? ('applied' as const) : ('already' as const);
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: camera.lotId,
    gateId: camera.gateId,
    action: 'camera.remove',
    reason: input.reason ?? '',
    outcome,
    detail: camera._id,
    subject: `摄像机 ${camera.serialno}`,
  });
  return { outcome, cameraId: camera._id };
}

export async function listCameras(ctx: ApiContext, lotId: string): Promise<CameraList> {
  await requireRight(ctx, lotId, 'lot.view');
  const db = ctx.deps.db;
  const now = await ctx.deps.clock.now();
  const docs = await cameras(db).find({ lotId }, { orderBy: [['_id', 'asc']], limit: 200 });
  const views = await Promise.all(
    docs.map(async (c): Promise<CameraView> => {
      const reads = await db
        .collection<CameraReadDoc>(COLLECTIONS.cameraReads)
        .find({ cameraId: c._id }, { orderBy: [['receivedAt', 'desc']], limit: 5 });
      return {
        cameraId: c._id,
        gateId: c.gateId,
        direction: c.direction,
        name: c.name,
        serialno: c.serialno,
        led: c.led,
        createdAt: c.createdAt,
        online: c.lastHeartbeatAt !== undefined && now - c.lastHeartbeatAt <= ONLINE_SECONDS,
        ...(c.lastHeartbeatAt !== undefined && { lastHeartbeatAt: c.lastHeartbeatAt }),
        ...(c.lastReadAt !== undefined && { lastReadAt: c.lastReadAt }),
        ...(c.waiting && { waiting: { plate: c.waiting.plate, since: c.waiting.since } }),
        reads: reads.map((r) => ({
          at: r.at,
          license: r.license,
          offline: r.offline,
          ...(r.plate !== undefined && { plate: r.plate }),
          ...(r.decision && {
            open: r.decision.open,
            reason: r.decision.reason,
            text: r.decision.text,
          }),
          ...(r.error !== undefined && { error: r.error }),
        })),
      };
    }),
  );
  return { cameras: views, onlineSeconds: ONLINE_SECONDS };
}
