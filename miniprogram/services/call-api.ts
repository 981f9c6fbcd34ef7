import { ApiCallError, type ApiResult } from './api-result';
import { getTransport } from './transport';

/**
 * Calls one route of the `api` function and returns its data, or throws ApiCallError with the
 * server's code and Chinese message. A transport failure becomes NETWORK with a message that
 * says what to do next.
 */
export async function callApi<T>(route: string, data: object = {}): Promise<T> {
  let raw: unknown;
  try {
    raw = await getTransport()('api', { route, data });
  } catch {
    throw new ApiCallError('NETWORK', '网络不稳定，请检查网络后重试');
  }
  const result = raw as ApiResult<T> | undefined;
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw new ApiCallError('BAD_RESPONSE', '服务返回异常，请稍后重试');
  }
  if (!result.ok)
    throw new ApiCallError(result.error.code, result.error.message, result.error.details);
  return result.data;
}
