import { AppError } from '../../api-kit/app-error';
import { type ApiResult, failure } from '../../api-kit/result';
import { dispatch } from '../../api-kit/router';
import { callerOpenid, cloudDatabase } from '../../cloud/sdk';
import { ConfigError } from '../../config/function-config';
import { COLLECTIONS } from '../../store/collections';
import { type ParkingDeps, parkingDepsFromEnv } from '../deps';
import { type ApiContext, type ApiRouteTable, mergeRouteTables } from './context';

/**
 * The `api` cloud function's entry: one router for every mini-program call. The tables are
 * merged at load (driver routes here; operator routes are another table given beside them).
 * Configuration is read on the first call, so that a missing variable is answered with a clear
 * error instead of a function that cannot load.
 */
export const configError = () =>
  new AppError('CONFIG_INVALID', '服务配置不完整，请联系停车场管理人员');

/** Operator routes need some grant; each route then checks the role for its lot (checkRight). */
export async function authorizeAnyOperator(ctx: ApiContext): Promise<void> {
  const grants = await ctx.deps.db
    .collection<{ _id: string }>(COLLECTIONS.operators)
    .count({ openid: ctx.openid });
  if (grants === 0) throw new AppError('FORBIDDEN', '没有权限执行此操作');
}

export function createApiMain(
  tables: readonly ApiRouteTable[],
  env: NodeJS.ProcessEnv = process.env,
): (event: unknown) => Promise<ApiResult> {
  const table = mergeRouteTables(tables);
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
        authorizeOperator: authorizeAnyOperator,
        onError: (routeName, error) =>
          log.error('route failed', {
            route: routeName,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      },
    );
  };
}
