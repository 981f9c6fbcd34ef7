import { z } from 'zod';
import { invitationCodeSchema, normalizeInvitationCode } from '../../core/parking/invitation';
import { MERCHANT_ROLES } from '../../core/parking/merchant';
import { entityId, positiveFen } from '../../core/parking/primitives';
import { validatePlate } from '../../core/plate/classify';
import { reasonSchema } from './operator-inputs';
import { chinaDateSchema, dayStartOf } from '../operator/china-dates';

/**
 * Inputs of the merchant routes (issue 14). A merchant record is checked again with its domain
 * schema in the handler (every bad field named); here only the shape.
 */
const code = z
  .string()
  .max(40, 'code is too long')
  .transform((t) => normalizeInvitationCode(t.replace(/^[a-z]:/i, '')))
  .pipe(invitationCodeSchema);
/** A typed plate, normalised and validated (a derived no-plate plate is not typed). */
const plate = z
  .string()
  .max(16, 'plate is too long')
  .transform((t, ctx) => {
    const checked = validatePlate(t, { allowDerived: false });
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: 'plate is not a valid plate' });
      return z.NEVER;
    }
    return checked.plate;
  });
const offerId = z.string().regex(/^[a-z0-9-]{1,16}$/, 'offerId is not an offer id');
/** A China-date range: ordered, at most 93 days. */
const inOrder = (v: { from: string; to: string }) =>
  (dayStartOf(v.from) as number) <= (dayStartOf(v.to) as number);
const notTooLong = (v: { from: string; to: string }) =>
  (dayStartOf(v.to) as number) - (dayStartOf(v.from) as number) <= 92 * 86_400;
const dates = { from: chinaDateSchema, to: chinaDateSchema };
const orderIssue = { message: 'from must not be after to', path: ['to'] };
const lengthIssue = { message: 'at most 93 days', path: ['to'] };

export const merchantInputs = {
  nothing: z.strictObject({}),
  merchant: z.strictObject({ merchantId: entityId }),
  sessions: z.strictObject({
    merchantId: entityId,
    plate: z.string().trim().max(16).optional(),
  }),
  give: z.strictObject({ merchantId: entityId, offerId, plate }),
  discounts: z.strictObject({ merchantId: entityId, date: chinaDateSchema.optional() }),
  codeCreate: z.strictObject({
    merchantId: entityId,
    offerId,
    /** `once`: a one-time QR (printed or shown); `counter`: the counter's static QR. */
    kind: z.enum(['once', 'counter']).default('once'),
    hours: z.number().int().min(1).max(72).default(24),
  }),
  code: z.strictObject({ code }),
  redeem: z.strictObject({ code, plate }),
  invitationAccept: z.strictObject({
    code,
    name: z.string().trim().min(1, 'name must not be empty').max(20),
  }),
  opLot: z.strictObject({ lotId: entityId }),
  opUpsert: z.strictObject({
    merchant: z.record(z.string(), z.unknown()),
    reason: z.string().trim().max(200).optional(),
  }),
  opTopup: z.strictObject({
    merchantId: entityId,
    amount: positiveFen.max(100_000_000, 'amount must be at most ¥1,000,000'),
    /** The client's id of this top-up: a repeat with the same id is the same top-up. */
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,40}$/, 'requestId must be 8 to 40 letters, digits or "-"'),
    reason: reasonSchema,
  }),
  opInvite: z.strictObject({
    merchantId: entityId,
    role: z.enum(MERCHANT_ROLES),
    hours: z.number().int().min(1).max(720).default(72),
  }),
  /** Without `from` and `to`: the server's 7 China days up to its today (as revenue). */
  opDaily: z
    .strictObject({
      lotId: entityId,
      from: chinaDateSchema.optional(),
      to: chinaDateSchema.optional(),
    })
    .refine((v) => (v.from === undefined) === (v.to === undefined), {
      message: 'give both from and to, or neither',
      path: ['to'],
    })
    .refine((v) => v.from === undefined || inOrder(v as { from: string; to: string }), orderIssue)
    .refine(
      (v) => v.from === undefined || notTooLong(v as { from: string; to: string }),
      lengthIssue,
    ),
  opStatement: z
    .strictObject({ merchantId: entityId, ...dates })
    .refine(inOrder, orderIssue)
    .refine(notTooLong, lengthIssue),
};
