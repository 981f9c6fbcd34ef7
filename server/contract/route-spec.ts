import type { z } from 'zod';

/**
 * One route of the `api` contract: the zod schema its input is validated with, and the type of
 * its output (`data` of `{ ok: true, data }`). The output exists as a type only: `spec<Out>()(schema)`.
 */
export interface RouteSpec<S extends z.ZodType = z.ZodType, Out = unknown> {
  readonly input: S;
  /** Never set: carries the output type. */
  readonly output?: Out;
}

export const spec =
  <Out>() =>
  <S extends z.ZodType>(input: S): RouteSpec<S, Out> => ({ input });

export type SpecTable = Record<string, RouteSpec>;

/** What a caller sends (before defaults and transforms). */
export type SpecInput<T extends RouteSpec> = z.input<T['input']>;
/** What the handler receives (after validation). */
export type SpecParsed<T extends RouteSpec> = z.output<T['input']>;
export type SpecOutput<T extends RouteSpec> =
  T extends RouteSpec<z.ZodType, infer Out> ? Out : never;
