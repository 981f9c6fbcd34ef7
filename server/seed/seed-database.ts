import type { DocumentEngine } from '../../emulator';
import { COLLECTIONS } from '../store/collections';
import type { DemoData } from './demo-data';

/** The part of the emulator's engine the seeder needs. */
export type SeedTarget = Pick<DocumentEngine, 'count' | 'applyBatch'>;

/**
 * Writes the demo data in one batch when the database has no lot yet, and says whether it did:
 * a restart never overwrites what an operator changed.
 */
export function seedIfEmpty(target: SeedTarget, data: DemoData): boolean {
  if (target.count(COLLECTIONS.lots, {}) > 0) return false;
  const put = (collection: string, id: string, doc: object) => ({
    collection,
    id,
    doc: { ...doc, _id: id },
  });
  target.applyBatch([
    ...data.tariffs.map((t) => put(COLLECTIONS.tariffs, t.id, t)),
    ...data.lots.map((l) => put(COLLECTIONS.lots, l.id, l)),
    ...data.gates.map((g) => put(COLLECTIONS.gates, g.id, g)),
    ...data.spots.map((s) => put(COLLECTIONS.spots, s.id, s)),
    ...data.operators.map((o) => put(COLLECTIONS.operators, `${o.lotId}:${o.openid}`, o)),
    ...data.lotSecrets.map((s) => put(COLLECTIONS.lotSecrets, s.id, { secret: s.secret })),
  ]);
  return true;
}
