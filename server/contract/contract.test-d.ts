// Type-level test of the server's side of the contract, compiled by `npm run typecheck`
// (tsc -p .) and never run: each `@ts-expect-error` line must fail to compile.
import { z } from 'zod';
import { route } from '../api-kit/router';
import type { ApiContext, RoutesFor } from '../parking/api/context';
import { spec } from './route-spec';

const contract = { 'thing.get': spec<{ size: number }>()(z.strictObject({ id: z.string() })) };
type Table = RoutesFor<typeof contract>;
const input = contract['thing.get'].input;
const handler =
  <R>(answer: (id: string) => R) =>
  async (_ctx: ApiContext, d: { id: string }) =>
    answer(d.id);

export const right = {
  'thing.get': route({ audience: 'driver', input, handle: handler((id) => ({ size: id.length })) }),
} satisfies Table;

export const wrongOutput = {
  // @ts-expect-error a handler that answers another shape than the contract's output
  'thing.get': route({ audience: 'driver', input, handle: handler((id) => ({ length: id })) }),
} satisfies Table;

// @ts-expect-error a table without a route of the contract
export const missing = {} satisfies Table;

export const extra = {
  ...right,
  // @ts-expect-error a route the contract does not define
  'thing.put': right['thing.get'],
} satisfies Table;
