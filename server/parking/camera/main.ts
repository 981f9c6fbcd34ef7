import { cloudDatabase } from '../../cloud/sdk';
import { ConfigError } from '../../config/function-config';
import { type ParkingDeps, parkingDepsFromEnv } from '../deps';
import { type HttpReply, isHttpAccessEvent, jsonReply } from '../http/http-access';
import { handleCamera } from './handle-camera';

/** The `camera` cloud function (HTTP access path `/camera`): plate cameras' pushes and heartbeats. */
export function createCameraMain(
  env: NodeJS.ProcessEnv = process.env,
): (event: unknown) => Promise<HttpReply> {
  let deps: ParkingDeps | undefined;
  return async (event) => {
    if (!isHttpAccessEvent(event)) {
      return jsonReply(400, {
        ok: false,
        error: { code: 'NOT_HTTP', message: 'HTTP access only' },
      });
    }
    try {
      deps ??= parkingDepsFromEnv(env, cloudDatabase());
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : String(error);
      console.error(JSON.stringify({ level: 'error', message: 'configuration', error: message }));
      return jsonReply(500, {
        ok: false,
        error: { code: 'CONFIG_INVALID', message: 'the service is not configured' },
      });
    }
    return handleCamera(deps, event);
  };
}
