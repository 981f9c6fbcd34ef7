import type { Lot } from '../../core/parking/lot';
import { LIVE_STATES } from '../../core/parking/session-states';
import type { SessionState } from '../../core/parking/session-states';
import { COLLECTIONS } from '../store/collections';
import type { ParkingDeps } from './deps';

/** States of a car inside a gated lot (a prepay being paid at the gate is not in yet). */
export const INSIDE_STATES: readonly SessionState[] = LIVE_STATES.filter(
  (s) => s !== 'awaiting_prepay' && s !== 'booked' && s !== 'arriving',
);

/**
 * Whether the lot has as many cars inside as spaces (Lot.capacity; never without one). A count
 * of the lot's live sessions by the index `lotId_1_state_1`: bounded by the lot's size, not its
 * history.
 */
export async function lotIsFull(
  deps: ParkingDeps,
  lot: Pick<Lot, 'id' | 'capacity'> | undefined,
): Promise<boolean> {
  if (!lot || lot.capacity === undefined) return false;
  const inside = await deps.db
    .collection<{ _id: string }>(COLLECTIONS.sessions)
    .count({ lotId: lot.id, state: deps.db.cmd.in([...INSIDE_STATES]) });
  return inside >= lot.capacity;
}
