import { AppError } from './app-error';

/** The one result shape of every route: data, or an error with a code and a message fit to show. */
export type ApiResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: unknown } };

export function success<T>(data: T): ApiResult<T> {
  return { ok: true, data };
}

export function failure(error: unknown): ApiResult<never> {
  if (error instanceof AppError) {
    const body: { code: string; message: string; details?: unknown } = {
      code: error.code,
      message: error.message,
    };
    if (error.details !== undefined) body.details = error.details;
    return { ok: false, error: body };
  }
  return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' } };
}
