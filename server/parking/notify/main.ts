import { cloudDatabase } from '../../cloud/sdk';
import { ConfigError, readFunctionConfig } from '../../config/function-config';
import { clockFromEnv } from '../clock';
import { type HttpReply, isHttpAccessEvent, textReply } from '../http/http-access';
import { consoleLogger } from '../logger';
import { createPlatformGateway } from '../platform-gateway';
import { type NotifyDeps, NACK, handleNotification } from './handle-notification';

/** The `notify` cloud function (HTTP access path `/notify`): platform notifications. */
export function createNotifyMain(
  env: NodeJS.ProcessEnv = process.env,
): (event: unknown) => Promise<HttpReply> {
  let deps: NotifyDeps | undefined;
  return async (event) => {
    if (!isHttpAccessEvent(event)) return textReply(400, NACK);
    try {
      if (!deps) {
        const log = consoleLogger(env.PARKING_LOG_DEBUG === '1');
        const gateway = createPlatformGateway(readFunctionConfig(env), log);
        deps = { db: cloudDatabase(), clock: clockFromEnv(env), keyOf: gateway.keyOf, log };
      }
    } catch (error) {
      // Not processed: the platform sends it again later (protocol note 11).
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'configuration',
          error: error instanceof ConfigError ? error.message : String(error),
        }),
      );
      return textReply(500, NACK);
    }
    return handleNotification(deps, event);
  };
}
