import {
  type EntryVerdict,
  LIST_KINDS,
  type Privilege,
  entryVerdict,
  exitText,
  listEntryId,
} from '../../core/passes';
import type { ListEntry } from '../../core/passes';
import type { Database } from '../cloud/database';
import { findLiveByPlate } from '../parking/session-store';
import { loadPass, passOfPlate, plateLists } from './store';

/**
 * The lane's question at entry, for `/gate` and the camera endpoint alike: reads the plate's
 * list entries, its pass and the cars inside on that pass, and asks core/passes entryVerdict.
 */
export async function laneEntryVerdict(
  db: Database,
  lotId: string,
  plate: string,
  now: number,
): Promise<EntryVerdict> {
  const lists: ListEntry[] = [];
  for (const kind of LIST_KINDS) {
    const entry = await plateLists(db).get(listEntryId(lotId, kind, plate));
    if (entry) lists.push(entry);
  }
  const pass = await passOfPlate(db, lotId, plate);
  if (!pass) return entryVerdict({ now, lists });
  let insideOnPass = 0;
  for (const other of pass.plates) {
    if (other === plate) continue;
    const live = await findLiveByPlate(db, lotId, other);
    if (live?.privilege?.kind === 'pass' && live.privilege.refId === pass.id) insideOnPass += 1;
  }
  return entryVerdict({ now, lists, pass: { pass, insideOnPass } });
}

/** The LED's farewell to a car that came in free (its pass's days left, or 白名单车辆). */
export async function laneExitText(
  db: Database,
  privilege: Privilege,
  now: number,
): Promise<string> {
  const pass = privilege.kind === 'pass' ? await loadPass(db, privilege.refId) : undefined;
  return exitText(privilege, pass, now);
}
