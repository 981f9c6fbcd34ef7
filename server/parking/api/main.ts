import { AppError } from '../../api-kit/app-error';
import { type ApiResult, failure } from '../../api-kit/result';
import { dispatch } from '../../api-kit/router';
import { callerOpenid, cloudDatabase } from '../../cloud/sdk';
import { ConfigError } from '../../config/function-config';
import { type ParkingDeps, parkingDepsFromEnv } from '../deps';
import { type ApiContext, type ApiShell, mergeRouteTables } from './context';

/**
 * The `api` cloud function's entry: one router for every mini-program call, over the shells that
 * cloudfunctions/api composes (the driver's here, the operator's in server/operator). Their
 * tables are merged at load. Configuration is read on the first call, so that a missing variable
 * is answered with a clear error instead of a function that cannot load.
 */
export const configError = () =>
  new AppError('CONFIG_INVALID', '服务配置不完整，请联系停车场管理人员');

/** Without a shell that knows operators, no caller is one. */
async function noOperators(): Promise<void> {
  throw new AppError('FORBIDDEN', '没有权限执行此操作');
}

function operatorCheck(shells: readonly ApiShell[]): (ctx: ApiContext) => Promise<void> {
  const checks = shells.flatMap((s) => (s.authorizeOperator ? [s.authorizeOperator] : []));
  if (checks.length > 1) throw new Error('more than one api shell authorizes operators');
  return checks[0] ?? noOperators;
}

export function createApiMain(
  shells: readonly ApiShell[],
  env: NodeJS.ProcessEnv = process.env,
): (event: unknown) => Promise<ApiResult> {
  const table = mergeRouteTables(shells.map((s) => s.routes));
  const authorizeOperator = operatorCheck(shells);
  let deps: ParkingDeps | undefined;
  return async (event) => {
    try {
      deps ??= parkingDepsFromEnv(env, cloudDatabase());
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'configuration',
          error: error instanceof ConfigError ? error.message : String(error),
        }),
      );
      return failure(configError());
    }
    const log = deps.log;
    return dispatch(
      table,
      event,
      { openid: callerOpenid(), deps },
      {
        authorizeOperator,
        onError: (routeName, error) =>
          log.error('route failed', {
            route: routeName,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      },
    );
  };
}
