import { z } from 'zod';
import { entityId } from '../../core/parking/primitives';
import type {
  Confirmation,
  ExitChoices,
  ExitOutcome,
  LotSpots,
  MySessions,
  PlateList,
  Quote,
  SceneResolution,
  SessionDetail,
  SessionOnly,
  StartOutcome,
} from './driver-views';
import { spec } from './route-spec';

/**
 * The driver routes of the `api` function: each input's schema (validated by the router before
 * a service runs) and its output type. The caller is `ctx.openid` from the cloud context, never
 * the input.
 */

const sessionId = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'sessionId is not a session id');
const plateFields = {
  plate: z.string().min(1).max(16).optional(),
  noPlate: z.literal(true).optional(),
};
const oneOfPlate = (v: { plate?: string; noPlate?: true }) =>
  (v.plate === undefined) !== (v.noPlate === undefined);
const plateMessage = { message: 'give plate or noPlate: true', path: ['plate'] };

const atGate = z
  .strictObject({ gateId: entityId, ...plateFields })
  .refine(oneOfPlate, plateMessage);
const atLot = z.strictObject({ lotId: entityId, ...plateFields }).refine(oneOfPlate, plateMessage);
const atSpot = z
  .strictObject({ spotId: entityId, ...plateFields })
  .refine(oneOfPlate, plateMessage);

const bySession = z.strictObject({ sessionId });
/** exit.pay: `gateId` is the exit gate (or pay station) whose code was scanned, when there was one. */
const payAt = z.strictObject({ sessionId, gateId: entityId.optional() });

export const driverInputs = {
  sceneResolve: z.strictObject({ scene: z.string().min(1).max(2048) }),
  lotOnly: z.strictObject({ lotId: entityId }),
  nothing: z.strictObject({}),
  plate: z.strictObject({ plate: z.string().min(1).max(16) }),
  quote: z.union([bySession, atGate, atLot]),
  atGate,
  atLot,
  atSpot,
  bySession,
  payAt,
  gateOnly: z.strictObject({ gateId: entityId }),
  mine: z.strictObject({
    before: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  }),
};

/** Exactly one: a typed plate, or the plate derived for a car without one (the schemas' refine). */
export type PlateChoice = { plate: string } | { noPlate: true };

export const driverContract = {
  'scene.resolve': spec<SceneResolution>()(driverInputs.sceneResolve),
  'lot.spots': spec<LotSpots>()(driverInputs.lotOnly),
  'plate.derive': spec<{ plate: string }>()(driverInputs.lotOnly),
  'plates.list': spec<PlateList>()(driverInputs.nothing),
  'plates.forget': spec<PlateList>()(driverInputs.plate),
  'session.quote': spec<Quote>()(driverInputs.quote),
  'entry.prepay': spec<StartOutcome>()(driverInputs.atGate),
  'entry.checkIn': spec<StartOutcome>()(driverInputs.atGate),
  'exit.pay': spec<ExitOutcome>()(driverInputs.payAt),
  'exit.choices': spec<ExitChoices>()(driverInputs.gateOnly),
  'booking.create': spec<StartOutcome>()(driverInputs.atSpot),
  'booking.cancel': spec<SessionOnly>()(driverInputs.bySession),
  'booking.arrive': spec<SessionOnly>()(driverInputs.bySession),
  'booking.leave': spec<ExitOutcome>()(driverInputs.bySession),
  'payment.confirm': spec<Confirmation>()(driverInputs.bySession),
  'sessions.mine': spec<MySessions>()(driverInputs.mine),
  'session.detail': spec<SessionDetail>()(driverInputs.bySession),
};
