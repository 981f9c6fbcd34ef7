import { sessionOf } from '../../cloud/session-doc';
import { bookingReminderSeconds, sendBookingReleasing } from '../../messages/booking';
import type { ReconcileRun } from './run';

/**
 * Bookings whose hold ends within the reminder window (index state_1_holdUntil_1, the no-shows'):
 * their drivers are reminded once (the message's id carries the hold's end).
 */
export async function remindBookings(run: ReconcileRun): Promise<void> {
  const { deps, now, sessions } = run;
  const { cmd } = deps.db;
  const soon = await sessions.find(
    { state: 'booked', holdUntil: cmd.lte(now + bookingReminderSeconds()) },
    { limit: run.batch },
  );
  for (const doc of soon) {
    const session = sessionOf(doc);
    if ((session.holdUntil ?? 0) <= now) continue; // over: a no-show, not a reminder
    await sendBookingReleasing(deps.db, session, now);
  }
}
