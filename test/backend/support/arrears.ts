import { LOTS, SPOTS } from './seed';
import { type BackendStack, eventually } from './stack';

const HOUR = 3600;
type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
export type PlateChoice = { plate: string } | { noPlate: true };

export const road9Spots = SPOTS.filter((s) => s.lotId === LOTS.road9.id);

/**
 * A stay at road 9's spot `spot` whose freeze is returned at endTime and whose car leaves
 * unseen: the car's next booking, at spot `next`, closes it owing the fee. Answers the closed
 * session's id (the arrears record's id).
 */
export async function oweArrears(
  stack: BackendStack,
  driver: string,
  car: PlateChoice,
  spot: number,
  next: number,
): Promise<string> {
  const booked = await stack.ok<{ session: { id: string }; payment: Payment }>(
    driver,
    'booking.create',
    { spotId: road9Spots[spot]!.id, ...car },
  );
  const sessionId = booked.session.id;
  await stack.cashierPay(booked.payment.requestPayment);
  await stack.ok(driver, 'payment.confirm', { sessionId });
  await eventually(() => stack.session(sessionId).state === 'booked', 'booked');
  await stack.ok(driver, 'booking.arrive', { sessionId });
  // Past the settlement before endTime: road 9 returns the freeze; the stay is owed by pay.
  await stack.advanceClock(2 * HOUR);
  await stack.fireReconcile();
  await eventually(async () => {
    if (stack.session(sessionId).state !== 'open') await stack.fireReconcile();
    return stack.session(sessionId).state === 'open';
  }, 'the freeze returned');
  // The car left unpaid: its next booking closes the old session as 未记录出场.
  await stack.ok(driver, 'booking.create', { spotId: road9Spots[next]!.id, ...car });
  if (stack.session(sessionId).state !== 'closed') throw new Error('the stay was not closed');
  return sessionId;
}
