import { AppError } from '../api-kit/app-error';
import type { ApiContext, ApiShell } from '../parking/api/context';
import { COLLECTIONS } from '../store/collections';
import { inviteeRoutes } from './invitee-routes';
import { operatorRoutes } from './routes';

/** Operator routes need some grant; each route then checks the role for its lot (checkRight). */
export async function authorizeAnyOperator(ctx: ApiContext): Promise<void> {
  const grants = await ctx.deps.db
    .collection<{ _id: string }>(COLLECTIONS.operators)
    .count({ openid: ctx.openid });
  if (grants === 0) throw new AppError('FORBIDDEN', '没有权限执行此操作');
}

/** The operator's shell of the `api` function: the operator routes and the invitee's. */
export const operatorShell = {
  routes: { ...operatorRoutes, ...inviteeRoutes },
  authorizeOperator: authorizeAnyOperator,
} satisfies ApiShell;
