/** Callback fields every asynchronous wx API takes. */
export interface Callbacks {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
}

export interface WxError {
  errMsg: string;
  errCode?: number;
}

function failure(api: string, error: unknown): WxError {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return error as WxError;
  const message = error instanceof Error ? error.message : String(error);
  return { errMsg: `${api}:fail ${message}` };
}

/**
 * An asynchronous wx API in both of WeChat's styles: with success/fail/complete callbacks, or,
 * when none is given, returning a promise.
 */
export function asyncApi<A extends object, R extends object>(
  api: string,
  run: (args: A) => Promise<R>,
): (args?: A & Callbacks) => Promise<R & { errMsg: string }> | undefined {
  return (args = {} as A & Callbacks) => {
    const outcome = Promise.resolve()
      .then(() => run(args))
      .then(
        (result) => ({ errMsg: `${api}:ok`, ...result }),
        (error: unknown) => Promise.reject(failure(api, error)),
      );
    if (!args.success && !args.fail && !args.complete) return outcome;
    outcome.then(
      (result) => {
        args.success?.(result);
        args.complete?.(result);
      },
      (error: unknown) => {
        args.fail?.(error);
        args.complete?.(error);
      },
    );
    return undefined;
  };
}
