import { z } from 'zod';
import { GATE_KINDS } from '../../core/parking/gate';
import { OPERATOR_ROLES } from '../../core/parking/operator';
import {
  MAX_INVITATION_HOURS,
  invitationCodeSchema,
  normalizeInvitationCode,
} from '../../core/parking/invitation';
import { entityId, openid } from '../../core/parking/primitives';
import { SESSION_STATES } from '../../core/parking/session-states';
import { chinaDateSchema, dayStartOf } from '../operator/china-dates';

/** A reason an operator gives for a change of money or of a gate: required, at most 200. */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, 'reason must not be empty')
  .max(200, 'reason must be at most 200 characters');

/**
 * The inputs of the operator routes (server/contract/operator.ts). Records (lot, tariff) are checked again with their domain
 * schema inside the handler, which names every bad field; here only their shape is required.
 */
/** Typed or scanned codes are normalised (upper case, no spaces) before they are checked. */
const invitationCode = z
  .string()
  .max(40, 'code is too long')
  .transform(normalizeInvitationCode)
  .pipe(invitationCodeSchema);
const sessionId = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'sessionId is not a session id');
const optionalReason = z
  .string()
  .trim()
  .max(200, 'reason must be at most 200 characters')
  .optional();
const page = {
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(100).default(20),
};
const ordered = (v: { from?: string; to?: string }) =>
  v.from === undefined ||
  v.to === undefined ||
  (dayStartOf(v.from) as number) <= (dayStartOf(v.to) as number);
const orderMessage = { message: 'from must not be after to', path: ['to'] };

export const operatorInputs = {
  nothing: z.strictObject({}),
  lot: z.strictObject({ lotId: entityId }),
  lotUpsert: z.strictObject({
    lot: z.record(z.string(), z.unknown()),
    reason: optionalReason,
  }),
  gateUpsert: z.strictObject({
    gate: z.strictObject({
      id: entityId,
      lotId: entityId,
      kind: z.enum(GATE_KINDS),
      name: z.string(),
    }),
    reason: optionalReason,
  }),
  spotUpsert: z.strictObject({
    spot: z.strictObject({ id: entityId, lotId: entityId, code: z.string(), name: z.string() }),
    reason: optionalReason,
  }),
  gateDelete: z.strictObject({ lotId: entityId, gateId: entityId, reason: optionalReason }),
  spotDelete: z.strictObject({ lotId: entityId, spotId: entityId, reason: optionalReason }),
  tariffUpsert: z.strictObject({
    lotId: entityId,
    tariff: z.record(z.string(), z.unknown()),
    reason: optionalReason,
  }),
  sessionsList: z
    .strictObject({
      lotId: entityId,
      state: z
        .union([z.enum(SESSION_STATES), z.array(z.enum(SESSION_STATES)).min(1).max(16)])
        .optional(),
      plate: z.string().trim().min(1).max(16).optional(),
      from: chinaDateSchema.optional(),
      to: chinaDateSchema.optional(),
      flagged: z.boolean().optional(),
      ...page,
    })
    .refine(ordered, orderMessage),
  session: z.strictObject({ sessionId }),
  sessionAction: z.strictObject({ sessionId, reason: reasonSchema }),
  gateOpen: z.strictObject({
    gateId: entityId,
    reason: reasonSchema,
    sessionId: sessionId.optional(),
  }),
  auditList: z.strictObject({ lotId: entityId, ...page }),
  // money: without a date, the server's today.
  reconciliation: z.strictObject({ lotId: entityId, date: chinaDateSchema.optional() }),
  revenue: z
    .strictObject({
      lotId: entityId.optional(),
      lotIds: z.array(entityId).min(1).max(50).optional(),
      // money: without them, the last 7 China days up to today by the server's clock.
      from: chinaDateSchema.optional(),
      to: chinaDateSchema.optional(),
    })
    .refine(ordered, orderMessage),
  operatorGrant: z.strictObject({
    lotId: entityId,
    openid,
    role: z.enum(OPERATOR_ROLES),
    reason: optionalReason,
  }),
  operatorRevoke: z.strictObject({ lotId: entityId, openid, reason: optionalReason }),
  lotCreate: z.strictObject({
    lot: z.record(z.string(), z.unknown()),
    reason: optionalReason,
  }),
  invitationCreate: z.strictObject({
    lotId: entityId,
    role: z.enum(OPERATOR_ROLES),
    /** How long the invitation stays open: 1 hour to 30 days. */
    hours: z.number().int().min(1).max(MAX_INVITATION_HOURS).default(72),
  }),
  invitationCode: z.strictObject({ code: invitationCode }),
  /** op.sessions.preview: the session and the action the dialog is about to offer. */
  sessionPreview: z.strictObject({ sessionId, action: z.enum(['finish', 'cancel']) }),
  invitationAccept: z.strictObject({
    code: invitationCode,
    /** What colleagues will see instead of the openid. */
    name: z
      .string()
      .trim()
      .min(1, 'name must not be empty')
      .max(20, 'name must be at most 20 characters')
      .refine(
        // eslint-disable-next-line no-control-regex -- control characters are what is refused
        (v) => !/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\ufeff\ud800-\udfff]/.test(v),
        'name must be plain text (no control characters or emoji)',
      ),
  }),
};
