import type { z } from 'zod';
import { type driverContract, driverInputs } from '../../contract/driver';
import { route } from '../../api-kit/router';
import { cancelBooking, arrive, leave } from '../services/booking';
import { confirmPayment } from '../services/confirm';
import { bookSpot, checkIn, startEntryPrepay } from '../services/entry';
import { startExitPayment } from '../services/exit';
import { exitChoices } from '../services/exit-choices';
import { mySessions, sessionDetail } from '../services/my-sessions';
import {
  derivedPlateFor,
  forgetMyPlate,
  lotSpots,
  myPlates,
  resolveScene,
} from '../services/places';
import { quoteSession } from '../services/quote';
import type { ApiContext, ApiShell, RoutesFor } from './context';

/**
 * The driver routes of the `api` function (the mini-program's calls), implementing
 * server/contract/driver.ts: its schemas validate every input before a service runs, and each
 * handler must return the contract's output (tsc checks the table against it). The caller is
 * `ctx.openid` from the cloud context, never the input. Results are `{ ok: true, data }` or
 * `{ ok: false, error: { code, message } }` (api-kit).
 */

const driver = <S extends z.ZodType, R>(
  input: S,
  handle: (ctx: ApiContext, data: z.output<S>) => Promise<R>,
) => route<S, ApiContext, R>({ audience: 'driver', input, handle });

export const driverRoutes = {
  'scene.resolve': driver(driverInputs.sceneResolve, (ctx, d) =>
    resolveScene(ctx.deps, ctx.openid, d.scene),
  ),
  'lot.spots': driver(driverInputs.lotOnly, (ctx, d) => lotSpots(ctx.deps, ctx.openid, d.lotId)),
  'plate.derive': driver(driverInputs.lotOnly, (ctx, d) =>
    derivedPlateFor(ctx.deps, ctx.openid, d.lotId),
  ),
  'plates.list': driver(driverInputs.nothing, (ctx) => myPlates(ctx.deps, ctx.openid)),
  'plates.forget': driver(driverInputs.plate, (ctx, d) =>
    forgetMyPlate(ctx.deps, ctx.openid, d.plate),
  ),
  'session.quote': driver(driverInputs.quote, (ctx, d) => quoteSession(ctx.deps, ctx.openid, d)),
  'entry.prepay': driver(driverInputs.atGate, (ctx, d) =>
    startEntryPrepay(ctx.deps, ctx.openid, d),
  ),
  'entry.checkIn': driver(driverInputs.atGate, (ctx, d) => checkIn(ctx.deps, ctx.openid, d)),
  'exit.pay': driver(driverInputs.payAt, (ctx, d) =>
    startExitPayment(ctx.deps, ctx.openid, d.sessionId, d.gateId),
  ),
  'exit.choices': driver(driverInputs.gateOnly, (ctx, d) =>
    exitChoices(ctx.deps, ctx.openid, d.gateId),
  ),
  'booking.create': driver(driverInputs.atSpot, (ctx, d) => bookSpot(ctx.deps, ctx.openid, d)),
  'booking.cancel': driver(driverInputs.bySession, (ctx, d) =>
    cancelBooking(ctx.deps, ctx.openid, d.sessionId),
  ),
  'booking.arrive': driver(driverInputs.bySession, (ctx, d) =>
    arrive(ctx.deps, ctx.openid, d.sessionId),
  ),
  'booking.leave': driver(driverInputs.bySession, (ctx, d) =>
    leave(ctx.deps, ctx.openid, d.sessionId),
  ),
  'payment.confirm': driver(driverInputs.bySession, (ctx, d) =>
    confirmPayment(ctx.deps, ctx.openid, d.sessionId),
  ),
  'sessions.mine': driver(driverInputs.mine, (ctx, d) => mySessions(ctx.deps, ctx.openid, d)),
  'session.detail': driver(driverInputs.bySession, (ctx, d) =>
    sessionDetail(ctx.deps, ctx.openid, d.sessionId),
  ),
} satisfies RoutesFor<typeof driverContract>;

export type DriverRouteName = keyof typeof driverRoutes;

/** The driver's shell of the `api` function: its routes, none of them for operators. */
export const driverShell = { routes: driverRoutes } satisfies ApiShell;
