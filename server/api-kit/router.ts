import type { z } from 'zod';
import { AppError, errors } from './app-error';
import { type ApiResult, failure, success } from './result';

/** Who may call a route. Operator routes are checked on the server for every call. */
export type Audience = 'driver' | 'operator';

export interface RouteContext {
  /** From the cloud context only, never from client input. */
  openid: string;
}

export interface Route<S extends z.ZodType, C extends RouteContext, R> {
  audience: Audience;
  input: S;
  handle(ctx: C, input: z.output<S>): Promise<R>;
}

export function route<S extends z.ZodType, C extends RouteContext, R>(
  definition: Route<S, C, R>,
): Route<S, C, R> {
  return definition;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RouteTable<C extends RouteContext> = Record<string, Route<any, C, unknown>>;

export interface DispatchOptions<C extends RouteContext> {
  /** Throws AppError('FORBIDDEN') unless the caller may use operator routes. */
  authorizeOperator(ctx: C): Promise<void>;
  onError?(routeName: string, error: unknown): void;
}

/**
 * Validates the event, checks the audience, runs the handler and folds everything into one
 * ApiResult. Bad input is refused before the handler runs, so it changes nothing.
 */
export async function dispatch<C extends RouteContext>(
  table: RouteTable<C>,
  event: unknown,
  ctx: C,
  options: DispatchOptions<C>,
): Promise<ApiResult> {
  const name =
    typeof event === 'object' && event !== null ? (event as { route?: unknown }).route : undefined;
  try {
    if (!ctx.openid) throw errors.unauthenticated();
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name)) {
      throw errors.unknownRoute(typeof name === 'string' ? name.slice(0, 64) : String(name));
    }
    const definition = table[name]!;
    if (definition.audience === 'operator') await options.authorizeOperator(ctx);
    const parsed: z.ZodSafeParseResult<unknown> = definition.input.safeParse(
      (event as { data?: unknown }).data ?? {},
    );
    if (!parsed.success) {
      throw errors.invalidInput(
        parsed.error.issues.map((i: z.core.$ZodIssue) => ({
          field: i.path.map(String).join('.'),
          rule: i.message,
        })),
      );
    }
    return success(await definition.handle(ctx, parsed.data));
  } catch (error) {
    if (!(error instanceof AppError)) options.onError?.(String(name), error);
    return failure(error);
  }
}
