import type { z } from 'zod';
import { route } from '../api-kit/router';
import { type passContract, passInputs } from '../contract/passes';
import type { ApiContext, ApiShell, RoutesFor } from '../parking/api/context';
import {
  buyPass,
  confirmPassPayment,
  myPasses,
  passReceipt,
  plansOnSale,
  renewPass,
} from './driver';
import {
  addListEntry,
  importList,
  issuePass,
  listEntries,
  listPasses,
  listPlans,
  removeListEntry,
  revokePassByOperator,
  upsertPlan,
} from './operator';

/**
 * The pass and list routes of the `api` function (issue 13), registered as a shell of their own
 * (cloudfunctions/api/shells.ts); inputs and outputs are the contract's (server/contract/passes.ts).
 * Operator routes pass the operator shell's check first and then check the caller's right for the
 * lot themselves (operator.ts).
 */
const driver = <S extends z.ZodType, R>(
  input: S,
  handle: (ctx: ApiContext, data: z.output<S>) => Promise<R>,
) => route<S, ApiContext, R>({ audience: 'driver', input, handle });
const op = <S extends z.ZodType, R>(
  input: S,
  handle: (ctx: ApiContext, data: z.output<S>) => Promise<R>,
) => route<S, ApiContext, R>({ audience: 'operator', input, handle });

export const passRoutes = {
  'passes.plans': driver(passInputs.lot, (ctx, d) => plansOnSale(ctx.deps, d.lotId)),
  'passes.mine': driver(passInputs.nothing, (ctx) => myPasses(ctx.deps, ctx.openid)),
  'passes.buy': driver(passInputs.buy, (ctx, d) => buyPass(ctx.deps, ctx.openid, d)),
  'passes.renew': driver(passInputs.pass, (ctx, d) => renewPass(ctx.deps, ctx.openid, d)),
  'passes.confirm': driver(passInputs.order, (ctx, d) =>
    confirmPassPayment(ctx.deps, ctx.openid, d),
  ),
  'passes.receipt': driver(passInputs.order, (ctx, d) => passReceipt(ctx.deps, ctx.openid, d)),

  'op.passPlans.list': op(passInputs.lot, (ctx, d) => listPlans(ctx, d.lotId)),
  'op.passPlans.upsert': op(passInputs.planUpsert, (ctx, d) =>
    upsertPlan(ctx, { plan: d.plan, ...(d.reason && { reason: d.reason }) }),
  ),
  'op.passes.list': op(passInputs.passesList, (ctx, d) => listPasses(ctx, d)),
  'op.passes.issue': op(passInputs.passIssue, (ctx, d) => issuePass(ctx, d)),
  'op.passes.revoke': op(passInputs.passRevoke, (ctx, d) => revokePassByOperator(ctx, d)),
  'op.lists.list': op(passInputs.listsList, (ctx, d) => listEntries(ctx, d)),
  'op.lists.add': op(passInputs.listAdd, (ctx, d) => addListEntry(ctx, d)),
  'op.lists.remove': op(passInputs.listRemove, (ctx, d) => removeListEntry(ctx, d)),
  'op.lists.import': op(passInputs.listImport, (ctx, d) => importList(ctx, d)),
} satisfies RoutesFor<typeof passContract>;

export type PassRouteName = keyof typeof passRoutes;

/** No operator check of its own: the operator shell's is the one (createApiMain allows one). */
export const passShell = { routes: passRoutes } satisfies ApiShell;
