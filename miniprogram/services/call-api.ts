import type { RouteInput, RouteName, RouteOutput } from '../../server/contract';
import { ApiCallError, type ApiResult } from './api-result';
import { getTransport } from './transport';

type Empty = Record<never, never>;

/** The data argument of a route: optional when every field of its input is. */
export type RouteData<R extends RouteName> =
  Empty extends RouteInput<R> ? [data?: RouteInput<R>] : [data: RouteInput<R>];

/**
 * Calls one route of the `api` function and returns its data, or throws ApiCallError with the
 * server's code and Chinese message. A transport failure becomes NETWORK with a message that
 * says what to do next. Keyed by route name: the input and the output are the contract's
 * (server/contract, imported as types only), so a wrong input or a field the route does not
 * answer fails tsc.
 */
export async function callApi<R extends RouteName>(
  route: R,
  ...[data]: RouteData<R>
): Promise<RouteOutput<R>> {
  let raw: unknown;
  try {
    raw = await getTransport()('api', { route, data: data ?? {} });
  } catch {
    throw new ApiCallError('NETWORK', '网络不稳定，请检查网络后重试');
  }
  const result = raw as ApiResult<RouteOutput<R>> | undefined;
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw new ApiCallError('BAD_RESPONSE', '服务返回异常，请稍后重试');
  }
  if (!result.ok)
    throw new ApiCallError(result.error.code, result.error.message, result.error.details);
  return result.data;
}
