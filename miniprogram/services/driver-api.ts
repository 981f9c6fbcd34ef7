import { callApi } from './call-api';
import type {
  ConfirmResult,
  ExitChoices,
  ExitOutcome,
  LotSpots,
  MySessions,
  PlateChoice,
  Quote,
  SceneResolution,
  SessionDetail,
  SessionStart,
  SessionView,
} from './driver-types';

// One typed function per driver route of the `api` function (server/parking/README.md).
// Each throws ApiCallError with the server's code and Chinese message.

export const resolveScene = (scene: string) => callApi<SceneResolution>('scene.resolve', { scene });

export const lotSpots = (lotId: string) => callApi<LotSpots>('lot.spots', { lotId });

export const derivePlate = (lotId: string) => callApi<{ plate: string }>('plate.derive', { lotId });

export const listPlates = () => callApi<{ plates: string[] }>('plates.list', {});

export const forgetPlate = (plate: string) =>
  callApi<{ plates: string[] }>('plates.forget', { plate });

export type QuoteTarget =
  { sessionId: string } | ({ gateId: string } & PlateChoice) | ({ lotId: string } & PlateChoice);

export const quoteSession = (target: QuoteTarget) => callApi<Quote>('session.quote', target);

export const prepayEntry = (gateId: string, plate: PlateChoice) =>
  callApi<SessionStart>('entry.prepay', { gateId, ...plate });

export const checkIn = (gateId: string, plate: PlateChoice) =>
  callApi<Omit<SessionStart, 'payment'>>('entry.checkIn', { gateId, ...plate });

/** `gateId`: the exit (or pay station) whose code was scanned; at an exit the scan is the exit. */
export const payExit = (sessionId: string, gateId?: string) =>
  callApi<ExitOutcome>('exit.pay', { sessionId, ...(gateId !== undefined && { gateId }) });

export const exitChoices = (gateId: string) => callApi<ExitChoices>('exit.choices', { gateId });

export const createBooking = (spotId: string, plate: PlateChoice) =>
  callApi<SessionStart>('booking.create', { spotId, ...plate });

export const arriveBooking = (sessionId: string) =>
  callApi<{ session: SessionView }>('booking.arrive', { sessionId });

export const cancelBooking = (sessionId: string) =>
  callApi<{ session: SessionView }>('booking.cancel', { sessionId });

export const leaveBooking = (sessionId: string) =>
  callApi<ExitOutcome>('booking.leave', { sessionId });

export const confirmPayment = (sessionId: string) =>
  callApi<ConfirmResult>('payment.confirm', { sessionId });

export const mySessions = (page: { before?: number; limit?: number } = {}) =>
  callApi<MySessions>('sessions.mine', page);

export const sessionDetail = (sessionId: string) =>
  callApi<SessionDetail>('session.detail', { sessionId });
