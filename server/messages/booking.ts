import { z } from 'zod';
import { formatChinaDateTime } from '../../core/parking/china-time';
import type { Session } from '../../core/parking/session';
import type { Database } from '../cloud/database';
import { loadSpot } from '../parking/places';
import { filled, send, templateId, type SendStatus } from './send';

/** PARKING_BOOKING_REMINDER_MINUTES: how long before a hold ends its driver is reminded (5). */
export function bookingReminderSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .max(120)
    .safeParse(env.PARKING_BOOKING_REMINDER_MINUTES ?? 5);
  return (parsed.success ? parsed.data : 5) * 60;
}

/** A booking whose hold ends soon (once per booking and hold end); never throws. */
export async function sendBookingReleasing(
  db: Database,
  session: Session,
  now: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SendStatus> {
  try {
    const id = templateId('bookingReleasing', env);
    if (!id || !session.openid || session.holdUntil === undefined || !session.spotId) {
      return undefined;
    }
    const spot = await loadSpot(db, session.spotId);
    return await send(
      db,
      {
        _id: `booking_releasing:${session.id}:${session.holdUntil}`,
        kind: 'booking_releasing',
        openid: session.openid,
        templateId: id,
        page: `pages/receipt/receipt?sessionId=${session.id}`,
        data: filled('bookingReleasing', {
          // The spot as drivers see it on the entry page (its name, which operators write with the code).
          thing1: { value: (spot?.name || spot?.code || '预订车位').slice(0, 20) },
          car_number2: { value: session.plate },
          time3: { value: formatChinaDateTime(session.holdUntil) },
          thing4: { value: '车位即将释放，请尽快到达' },
        }),
        at: now,
      },
      env,
    );
  } catch {
    return undefined;
  }
}
