import type { HttpReply } from '../http/http-access';
import { createHttpFunctionMain } from '../http/http-function-main';
import { handleCamera } from './handle-camera';

/** The `camera` cloud function (HTTP access path `/camera`): plate cameras' pushes and heartbeats. */
export function createCameraMain(
  env: NodeJS.ProcessEnv = process.env,
): (event: unknown) => Promise<HttpReply> {
  return createHttpFunctionMain(handleCamera, env);
}
