import type { HttpReply } from '../http/http-access';
import { createHttpFunctionMain } from '../http/http-function-main';
import { handleH5 } from './handle-h5';

/** The `h5` cloud function (HTTP access path `/p`): the lanes' printed codes in a plain browser. */
export function createH5Main(
  env: NodeJS.ProcessEnv = process.env,
): (event: unknown) => Promise<HttpReply> {
  return createHttpFunctionMain(handleH5, env);
}
