import { cloudDatabase } from '../../cloud/sdk';
import { ConfigError } from '../../config/function-config';
import { type ParkingDeps, parkingDepsFromEnv } from '../deps';
import { type HttpAccessEvent, type HttpReply, isHttpAccessEvent, jsonReply } from './http-access';

/**
 * A cloud function served only through an HTTP access path (`/gate`, `/camera`): refuses other
 * events, builds its dependencies once per instance (a configuration error answers 500 without
 * its details), then hands each request to `handle`.
 */
export function createHttpFunctionMain(
  handle: (deps: ParkingDeps, event: HttpAccessEvent) => Promise<HttpReply>,
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
    return handle(deps, event);
  };
}
