import type { Gate } from '../../../core/parking/gate';
import { AppError } from '../../api-kit/app-error';
import type { ParkingDeps } from '../deps';
import { loadGate } from '../places';
import { type CameraDoc, cameras, secretMatches, splitToken } from './camera-doc';

/**
 * Who is pushing: the camera whose token ends the URL (`/camera/<token>`), its secret matching
 * the stored hash. Its gate must still be in its lot and of its direction: a gate deleted or
 * changed since the camera was registered refuses its pushes until an operator registers it again.
 */
export async function authenticateCamera(
  deps: ParkingDeps,
  path: string | undefined,
): Promise<{ camera: CameraDoc; gate: Gate }> {
  const parts = (path ?? '').split('/').filter(Boolean);
  const at = parts.lastIndexOf('camera');
  const token = at >= 0 ? parts[at + 1] : undefined;
  const parsed = token === undefined ? undefined : splitToken(safeDecode(token));
  if (!parsed) throw new AppError('CAMERA_TOKEN_MISSING', '推送地址缺少摄像机令牌');
  const camera = await cameras(deps.db).get(parsed.cameraId);
  if (!camera || !secretMatches(parsed.secret, camera.secretHash)) {
    throw new AppError('CAMERA_TOKEN_INVALID', '摄像机令牌无效', { cameraId: parsed.cameraId });
  }
  const gate = await loadGate(deps.db, camera.gateId);
  if (!gate || gate.lotId !== camera.lotId || gate.kind !== camera.direction) {
    throw new AppError('CAMERA_GATE_CHANGED', '摄像机所在车道已变更，请重新登记');
  }
  return { camera, gate };
}

/** The path segment decoded, or as it came when it is not valid percent-encoding. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
