import type { RandomBytes } from '../../core/parking/reqsn';
import type { Logger } from '../allinpay-client';
import type { Database } from '../cloud/database';
import { readFunctionConfig } from '../config/function-config';
import { type Clock, clockFromEnv } from './clock';
import { cryptoRandom } from './ids';
import { consoleLogger } from './logger';
import { type PlatformGateway, createPlatformGateway } from './platform-gateway';

/** Everything the parking services touch outside themselves: passed in, never imported. */
export interface ParkingDeps {
  db: Database;
  clock: Clock;
  platform: PlatformGateway;
  random: RandomBytes;
  log: Required<Logger>;
}

/**
 * The dependencies of a cloud function from its environment (readFunctionConfig: the Allinpay
 * base URL, merchants and their keys, the notify URL, timeouts; PARKING_CLOCK_FILE for local
 * development). Throws ConfigError, naming the variable, when something is missing.
 */
export function parkingDepsFromEnv(env: NodeJS.ProcessEnv, db: Database): ParkingDeps {
  const log = consoleLogger(env.PARKING_LOG_DEBUG === '1');
  const config = readFunctionConfig(env);
  return {
    db,
    clock: clockFromEnv(env),
    platform: createPlatformGateway(config, log),
    random: cryptoRandom,
    log,
  };
}
