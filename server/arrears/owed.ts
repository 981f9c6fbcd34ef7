import type { Lot } from '../../core/parking/lot';
import type { Database } from '../cloud/database';
import { loadLot } from '../parking/places';
import { type ArrearsDoc, arrearsCollection } from './record';

/** A plate has few open arrears; more than this is a case for the operator, not a list. */
const MOST = 50;

export type OwedArrears = ArrearsDoc & { lotName: string };

/**
 * The open arrears of `plate` owed to the operator of `lot`: those recorded at any lot paid to
 * the same merchant (cusid), since that is whom the driver owes. Read by `plate_1_state_1`.
 */
export async function arrearsOwedAt(
  db: Database,
  lot: Pick<Lot, 'cusid'>,
  plate: string,
): Promise<OwedArrears[]> {
  const docs = await arrearsCollection(db).find({ plate, state: 'open' }, { limit: MOST });
  const lots = new Map<string, Lot | undefined>();
  const owed: OwedArrears[] = [];
  for (const doc of docs) {
    if (!lots.has(doc.lotId))
      lots.set(doc.lotId, await loadLot(db, doc.lotId).catch(() => undefined));
    const at = lots.get(doc.lotId);
    if (at?.cusid === lot.cusid) owed.push({ ...doc, lotName: at.name });
  }
  return owed.sort((a, b) => a.to - b.to);
}

export const totalDue = (items: readonly Pick<ArrearsDoc, 'due'>[]) =>
  items.reduce((sum, a) => sum + a.due, 0);
