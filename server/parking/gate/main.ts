import type { HttpReply } from '../http/http-access';
import { createHttpFunctionMain } from '../http/http-function-main';
import { handleGate } from './handle-gate';

/** The `gate` cloud function (HTTP access path `/gate`): lot controllers. */
export function createGateMain(
  env: NodeJS.ProcessEnv = process.env,
): (event: unknown) => Promise<HttpReply> {
  return createHttpFunctionMain(handleGate, env);
}
