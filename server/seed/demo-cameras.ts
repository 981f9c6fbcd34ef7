import { DEFAULT_LED_ENCODER } from '../../core/camera/led-encoder';
import { type CameraDoc, secretHash } from '../parking/camera/camera-doc';
import { COLLECTIONS } from '../store/collections';
import { DEMO_OWNER_OPENID, type DemoData } from './demo-data';
import type { SeedTarget } from './seed-database';

/**
 * One plate camera on every entry and exit gate of the demo's gated lots, so that the preview's
 * lane panel can play a camera's pushes (preview/camera-lane.ts). Demo only: the secret is fixed
 * and public; real cameras are registered by an operator (op.cameras.register) with a random one.
 */
export const DEMO_CAMERA_SECRET = 'de30ca3e1a0e00000000000000000000';

export interface DemoCamera {
  doc: CameraDoc;
  /** The token of its push URL, `/camera/<token>`. */
  token: string;
}

export function demoCameras(data: Pick<DemoData, 'gates'>): DemoCamera[] {
  return data.gates
    .filter((g) => g.kind === 'entry' || g.kind === 'exit')
    .map((gate, i) => {
      const cameraId = `cam${(i + 1).toString(16).padStart(12, '0')}`;
      const doc: CameraDoc = {
        _id: cameraId,
        lotId: gate.lotId,
        gateId: gate.id,
        direction: gate.kind as 'entry' | 'exit',
        serialno: `DEMO-${gate.id}`,
        name: gate.name,
        secretHash: secretHash(DEMO_CAMERA_SECRET),
        led: DEFAULT_LED_ENCODER,
        createdAt: 0,
        createdBy: DEMO_OWNER_OPENID,
        commandsVersion: 0,
      };
      return { doc, token: `${cameraId}.${DEMO_CAMERA_SECRET}` };
    });
}

/**
 * Adds the demo cameras whose device is not registered yet (also to a `.data/` seeded before
 * cameras existed); never replaces what an operator registered. Returns how many were added.
 */
export function seedDemoCameras(target: SeedTarget, cameras: readonly DemoCamera[]): number {
  const missing = cameras.filter(
    (c) => target.count(COLLECTIONS.cameras, { serialno: c.doc.serialno }) === 0,
  );
  if (missing.length === 0) return 0;
  target.applyBatch(
    missing.map((c) => ({ collection: COLLECTIONS.cameras, id: c.doc._id, doc: { ...c.doc } })),
  );
  return missing.length;
}
