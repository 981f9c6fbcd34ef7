import { z } from 'zod';
import { LIST_KINDS, MAX_PASS_PLATES, listReasonSchema } from '../../core/passes';
import { entityId, openid, unixSeconds } from '../../core/parking/primitives';
import { reasonSchema } from './operator-inputs';
import type {
  ListEntryView,
  ListPage,
  MyPasses,
  PassOrderView,
  PassPage,
  PassPlanView,
  PassReceipt,
  PassStarted,
  PassView,
  PassesOnSale,
} from './pass-views';
import { spec } from './route-spec';

/**
 * The pass and list routes of the `api` function (issue 13; handlers in server/passes/routes.ts).
 * Driver routes act for `ctx.openid`; operator routes check the caller's right for the lot.
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
  /** The plan is checked again with its domain schema in the handler, which names every bad field. */
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

export const passContract = {
  'passes.plans': spec<PassesOnSale>()(passInputs.lot),
  'passes.mine': spec<MyPasses>()(passInputs.nothing),
  'passes.buy': spec<PassStarted>()(passInputs.buy),
  'passes.renew': spec<PassStarted>()(passInputs.pass),
  'passes.confirm': spec<PassReceipt>()(passInputs.order),
  'passes.receipt': spec<PassReceipt>()(passInputs.order),

  'op.passPlans.list': spec<{ lotId: string; plans: PassPlanView[] }>()(passInputs.lot),
  'op.passPlans.upsert': spec<{ plan: PassPlanView }>()(passInputs.planUpsert),
  'op.passes.list': spec<PassPage>()(passInputs.passesList),
  'op.passes.issue': spec<{ pass: PassView; order: PassOrderView }>()(passInputs.passIssue),
  'op.passes.revoke': spec<{ pass: PassView; outcome: 'applied' | 'already' }>()(
    passInputs.passRevoke,
  ),
  'op.lists.list': spec<ListPage>()(passInputs.listsList),
  'op.lists.add': spec<{ entry: ListEntryView }>()(passInputs.listAdd),
  'op.lists.remove': spec<{ removed: string }>()(passInputs.listRemove),
  'op.lists.import': spec<{ imported: number }>()(passInputs.listImport),
};
