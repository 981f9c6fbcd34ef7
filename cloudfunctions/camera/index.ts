// Plate-recognition cameras: reads and heartbeats (HTTP access path /camera, token per camera).
import { createCameraMain } from '../../server/parking/camera/main';

export const main = createCameraMain();
