import { formFields, parseHeartbeat } from '../../../core/camera/heartbeat';
import { parsePlatePush } from '../../../core/camera/plate-push';
import { idleReply } from '../../../core/camera/reply';
import { AppError } from '../../api-kit/app-error';
import { COLLECTIONS } from '../../store/collections';
import type { ParkingDeps } from '../deps';
import { type HttpAccessEvent, type HttpReply, jsonReply, rawBody } from '../http/http-access';
import { newCallId } from '../ids';
import { authenticateCamera } from './authenticate-camera';
import type { CameraDoc } from './camera-doc';
import { serveHeartbeat } from './serve-heartbeat';
import { serveRead } from './serve-read';

/**
 * The HTTP envelope of the plate cameras (HTTP access path `/camera`, pushed to
 * `/camera/<token>`): POST only, a bounded body (a camera set to send its pictures sends
 * hundreds of KB: accepted, never kept), the token checked before the body is read, then a plate
 * read (JSON `AlarmInfoPlate`) or a heartbeat (form fields with `serialno`) served. Other pushes
 * of the family (IO input, RS485 data) are acknowledged and ignored. Refusals keep the barrier
 * down, carry a named code, change nothing and are recorded in `gate_events` ('camera_refused').
 * On an internal failure the barrier stays down (fail closed: the driver scans the lane's code).
 */

export const MAX_CAMERA_BODY_BYTES = 2 * 1024 * 1024;

const STATUS: Record<string, number> = {
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  CAMERA_TOKEN_MISSING: 401,
  CAMERA_TOKEN_INVALID: 401,
  CAMERA_SERIAL_MISMATCH: 403,
  CAMERA_GATE_CHANGED: 409,
  INVALID_JSON: 400,
  INVALID_INPUT: 400,
};

function header(event: HttpAccessEvent, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}

type Message =
  | { kind: 'plate'; json: unknown; serialno?: string }
  | { kind: 'heartbeat'; fields: Record<string, string> }
  | { kind: 'other' };

function readMessage(event: HttpAccessEvent, body: string): Message {
  const fields = formFields(header(event, 'content-type'), body);
  if (fields) return { kind: 'heartbeat', fields };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError('INVALID_JSON', '推送内容不是 JSON 也不是表单');
  }
  if (typeof json !== 'object' || json === null) {
    throw new AppError('INVALID_JSON', '推送内容不是 JSON 对象');
  }
  if ('AlarmInfoPlate' in json) return { kind: 'plate', json };
  // Some firmware sends the heartbeat as JSON: { "serialno": ... }.
  if ('serialno' in json && typeof (json as { serialno: unknown }).serialno === 'string') {
    return { kind: 'heartbeat', fields: { serialno: (json as { serialno: string }).serialno } };
  }
  return { kind: 'other' };
}

function checkSerial(camera: CameraDoc, serialno: string) {
  if (serialno !== camera.serialno) {
    throw new AppError('CAMERA_SERIAL_MISMATCH', '设备序列号与登记的不符', { serialno });
  }
}

export async function handleCamera(deps: ParkingDeps, event: HttpAccessEvent): Promise<HttpReply> {
  let who: { cameraId?: string; lotId?: string; gateId?: string; serialno?: string } = {};
  try {
    if ((event.httpMethod ?? '').toUpperCase() !== 'POST') {
      throw new AppError('METHOD_NOT_ALLOWED', '仅接受 POST');
    }
    const body = rawBody(event);
    if (Buffer.byteLength(body, 'utf8') > MAX_CAMERA_BODY_BYTES) {
      throw new AppError('BODY_TOO_LARGE', '推送内容过大');
    }
    const { camera, gate } = await authenticateCamera(deps, event.path);
    who = { cameraId: camera._id, lotId: camera.lotId, gateId: camera.gateId };
    const message = readMessage(event, body);
    const now = await deps.clock.now();
    if (message.kind === 'other') return jsonReply(200, idleReply());
    if (message.kind === 'heartbeat') {
      const parsed = parseHeartbeat(message.fields);
      if (!parsed.ok) throw new AppError('INVALID_INPUT', '心跳缺少 serialno', parsed.issues);
      who.serialno = parsed.heartbeat.serialno;
      checkSerial(camera, parsed.heartbeat.serialno);
      return jsonReply(200, await serveHeartbeat(deps, camera, gate, now));
    }
    const parsed = parsePlatePush(message.json);
    if (!parsed.ok) throw new AppError('INVALID_INPUT', '识别结果格式不符', parsed.issues);
    who.serialno = parsed.read.serialno;
    checkSerial(camera, parsed.read.serialno);
    return jsonReply(200, await serveRead(deps, camera, gate, parsed.read, now));
  } catch (error) {
    if (error instanceof AppError) {
      await recordRefusal(deps, error, who).catch(() => undefined);
      return jsonReply(STATUS[error.code] ?? 409, {
        ...idleReply(),
        error: {
          code: error.code,
          message: error.message,
          ...(error.details !== undefined && { details: error.details }),
        },
      });
    }
    deps.log.error('camera failed', {
      error: error instanceof Error ? error.message : String(error),
      ...(who.cameraId !== undefined && { cameraId: who.cameraId }),
    });
    return jsonReply(500, {
      ...idleReply(),
      error: { code: 'INTERNAL', message: 'internal error' },
    });
  }
}

async function recordRefusal(
  deps: ParkingDeps,
  error: AppError,
  who: { cameraId?: string; lotId?: string; gateId?: string; serialno?: string },
) {
  const now = await deps.clock.now();
  const details = error.details as { cameraId?: string } | undefined;
  const cameraId = who.cameraId ?? details?.cameraId;
  await deps.db
    .collection<Record<string, unknown> & { _id: string }>(COLLECTIONS.gateEvents)
    .insert({
      _id: newCallId('op', now, deps.random),
      type: 'camera_refused',
      code: error.code,
      at: now,
      receivedAt: now,
      ...(cameraId !== undefined && { cameraId }),
      ...(who.lotId !== undefined && { lotId: who.lotId }),
      ...(who.gateId !== undefined && { gateId: who.gateId }),
      ...(who.serialno !== undefined && { serialno: who.serialno }),
    });
}
