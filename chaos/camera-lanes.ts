import type { CameraTarget } from '../camera-sim/camera';
import type { DemoCamera } from '../server/seed/demo-cameras';
import { CAMERA_LANES, cameraGateOf } from './seed';

/**
 * The camera lot's lanes as the chaos journeys use them: one car at a time in front of a lane's
 * camera (a camera holds the one car at its barrier), so a journey takes a lane, plays its reads
 * and heartbeats there, and gives it back. Waiting journeys queue per direction.
 */
export interface Lane {
  gateId: string;
  camera: CameraTarget;
}

export class CameraLanes {
  private readonly free: Record<'in' | 'out', Lane[]> = { in: [], out: [] };
  private readonly waiting: Record<'in' | 'out', Array<(lane: Lane) => void>> = {
    in: [],
    out: [],
  };

  constructor(cameraUrl: string, cameras: readonly DemoCamera[]) {
    const byGate = new Map(cameras.map((c) => [c.doc.gateId, c]));
    for (const kind of ['in', 'out'] as const) {
      for (let lane = 0; lane < CAMERA_LANES; lane++) {
        const gateId = cameraGateOf(kind, lane);
        const camera = byGate.get(gateId);
        if (!camera) throw new Error(`no camera on ${gateId}`);
        this.free[kind].push({
          gateId,
          camera: { url: `${cameraUrl}/${camera.token}`, serialno: camera.doc.serialno },
        });
      }
    }
  }

  /** Runs `use` on a lane of `kind` while no other journey is on it. */
  async with<T>(kind: 'in' | 'out', use: (lane: Lane) => Promise<T>): Promise<T> {
    const lane =
      this.free[kind].shift() ??
      (await new Promise<Lane>((resolve) => this.waiting[kind].push(resolve)));
    try {
      return await use(lane);
    } finally {
      const next = this.waiting[kind].shift();
      if (next) next(lane);
      else this.free[kind].push(lane);
    }
  }
}
