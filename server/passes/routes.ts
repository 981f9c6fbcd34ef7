import { z } from 'zod';
import { LIST_KINDS, MAX_PASS_PLATES, listReasonSchema } from '../../core/passes';
import { entityId, openid, unixSeconds } from '../../core/parking/primitives';
import { route } from '../api-kit/router';
import type { ApiContext, ApiRouteTable, ApiShell } from '../parking/api/context';
import { reasonSchema } from '../operator/audit';
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
 * (cloudfunctions/api/shells.ts). Operator routes pass the operator shell's check first and then
 * check the caller's right for the lot themselves (operator.ts).
 */
const passId = z.string().regex(/^[A-Za-z0-9]{1,40}$/, 'passId is not a pass id');
const reqsn = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'reqsn is not an order number');
const plate = z.string().min(1).max(16);
const plates = z.array(plate).min(1).max(MAX_PASS_PLATES);
const page = {
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(100).default(20),
};
const optionalReason = z.string().trim().max(200).optional();
/** An imported CSV: at most 2000 plates of a few dozen characters each. */
const MAX_CSV_CHARS = 200_000;

export const passInputs = {
  lot: z.strictObject({ lotId: entityId }),
  nothing: z.strictObject({}),
  buy: z.strictObject({ planId: entityId, plates }),
  pass: z.strictObject({ passId }),
  order: z.strictObject({ reqsn }),
  planUpsert: z.strictObject({ plan: z.record(z.string(), z.unknown()), reason: optionalReason }),
  passesList: z.strictObject({ lotId: entityId, plate: plate.optional(), ...page }),
  passIssue: z
    .strictObject({
      lotId: entityId,
      planId: entityId,
      plates: plates.optional(),
      passId: passId.optional(),
      openid: openid.optional(),
      reason: reasonSchema,
    })
    .refine((v) => (v.plates === undefined) !== (v.passId === undefined), {
      message: 'give plates (a new pass) or passId (one more period)',
      path: ['plates'],
    }),
  passRevoke: z.strictObject({ passId, reason: reasonSchema }),
  listsList: z.strictObject({
    lotId: entityId,
    kind: z.enum(LIST_KINDS),
    plate: z.string().max(16).optional(),
    ...page,
  }),
  listAdd: z.strictObject({
    lotId: entityId,
    kind: z.enum(LIST_KINDS),
    plate,
    reason: listReasonSchema,
    validUntil: unixSeconds.optional(),
  }),
  listRemove: z.strictObject({
    lotId: entityId,
    kind: z.enum(LIST_KINDS),
    plate,
    reason: reasonSchema,
  }),
  listImport: z.strictObject({
    lotId: entityId,
    kind: z.enum(LIST_KINDS),
    csv: z.string().min(1).max(MAX_CSV_CHARS),
    reason: listReasonSchema,
  }),
};

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
} satisfies ApiRouteTable;

export type PassRouteName = keyof typeof passRoutes;

/** No operator check of its own: the operator shell's is the one (createApiMain allows one). */
export const passShell = { routes: passRoutes } satisfies ApiShell;
