import type { PlateChoice } from '../../server/contract';
import { callApi } from './call-api';

// One function per driver route of the `api` function (server/contract/driver.ts); inputs and
// outputs are the contract's. Each throws ApiCallError with the server's code and Chinese message.

export const resolveScene = (scene: string) => callApi('scene.resolve', { scene });

export const lotSpots = (lotId: string) => callApi('lot.spots', { lotId });

export const derivePlate = (lotId: string) => callApi('plate.derive', { lotId });

export const listPlates = () => callApi('plates.list', {});

export const forgetPlate = (plate: string) => callApi('plates.forget', { plate });

export type QuoteTarget =
  { sessionId: string } | ({ gateId: string } & PlateChoice) | ({ lotId: string } & PlateChoice);

export const quoteSession = (target: QuoteTarget) => callApi('session.quote', target);

export const prepayEntry = (gateId: string, plate: PlateChoice) =>
  callApi('entry.prepay', { gateId, ...plate });

export const checkIn = (gateId: string, plate: PlateChoice) =>
  callApi('entry.checkIn', { gateId, ...plate });

/** `gateId`: the exit (or pay station) whose code was scanned; at an exit the scan is the exit. */
export const payExit = (sessionId: string, gateId?: string) =>
  callApi('exit.pay', { sessionId, ...(gateId !== undefined && { gateId }) });

export const exitChoices = (gateId: string) => callApi('exit.choices', { gateId });

export const createBooking = (spotId: string, plate: PlateChoice) =>
  callApi('booking.create', { spotId, ...plate });

export const arriveBooking = (sessionId: string) => callApi('booking.arrive', { sessionId });

export const cancelBooking = (sessionId: string) => callApi('booking.cancel', { sessionId });

export const leaveBooking = (sessionId: string) => callApi('booking.leave', { sessionId });

export const confirmPayment = (sessionId: string) => callApi('payment.confirm', { sessionId });

export const mySessions = (page: { before?: number; limit?: number } = {}) =>
  callApi('sessions.mine', page);

export const sessionDetail = (sessionId: string) => callApi('session.detail', { sessionId });

/** The open roadside arrears of the driver's remembered plates (issue 14). */
export const myArrears = () => callApi('arrears.mine');
/** Starts paying arrears (the same open payment on a second tap); confirm after the cashier. */
/** Before a booking or an entry: the plate's arrears owed to the lot's operator, and its policy. */
export const checkArrears = (lotId: string, plate: PlateChoice) =>
  callApi('arrears.check', { lotId, ...plate });
export const payArrears = (arrearsId: string) => callApi('arrears.pay', { arrearsId });
export const confirmArrears = (reqsn: string) => callApi('arrears.confirm', { reqsn });
