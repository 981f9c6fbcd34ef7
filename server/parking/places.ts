import type { z } from 'zod';
import { type Gate, gateSchema } from '../../core/parking/gate';
import { type Lot, lotSchema } from '../../core/parking/lot';
import { type Spot, spotSchema } from '../../core/parking/spot';
import { type Tariff, tariffSchema } from '../../core/parking/tariff';
import type { Database } from '../cloud/database';
import { COLLECTIONS, type CollectionName } from '../store/collections';
import { parkingErrors } from './app-errors';

/**
 * Lots, gates, spots and tariffs as stored (`_id` = our id, fields of the core/parking schema).
 * Every read is parsed with the domain schema: a record an operator broke is refused, not used.
 */
type Stored = { _id: string } & Record<string, unknown>;

export class CorruptRecordError extends Error {
  constructor(collection: string, id: string, detail: string) {
    super(`${collection}/${id} does not match its schema: ${detail}`);
    this.name = 'CorruptRecordError';
  }
}

async function load<S extends z.ZodType>(
  db: Database,
  collection: CollectionName,
  schema: S,
  id: string,
): Promise<z.output<S> | undefined> {
  const doc = await db.collection<Stored>(collection).get(id);
  if (!doc) return undefined;
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    throw new CorruptRecordError(collection, id, parsed.error.issues[0]?.message ?? '');
  }
  return parsed.data;
}

export const loadLot = (db: Database, id: string): Promise<Lot | undefined> =>
  load(db, COLLECTIONS.lots, lotSchema, id);
export const loadGate = (db: Database, id: string): Promise<Gate | undefined> =>
  load(db, COLLECTIONS.gates, gateSchema, id);
export const loadSpot = (db: Database, id: string): Promise<Spot | undefined> =>
  load(db, COLLECTIONS.spots, spotSchema, id);
export const loadTariff = (db: Database, id: string): Promise<Tariff | undefined> =>
  load(db, COLLECTIONS.tariffs, tariffSchema, id);

export async function requireLot(db: Database, id: string): Promise<Lot> {
  const lot = await loadLot(db, id);
  if (!lot) throw parkingErrors.lotNotFound();
  return lot;
}

export async function requireGate(db: Database, id: string): Promise<Gate> {
  const gate = await loadGate(db, id);
  if (!gate) throw parkingErrors.gateNotFound();
  return gate;
}

export async function requireSpot(db: Database, id: string): Promise<Spot> {
  const spot = await loadSpot(db, id);
  if (!spot) throw parkingErrors.spotNotFound();
  return spot;
}

/** A lot with the tariff it points at (the tariff a new session copies). */
export async function requireLotWithTariff(
  db: Database,
  lotId: string,
): Promise<{ lot: Lot; tariff: Tariff }> {
  const lot = await requireLot(db, lotId);
  const tariff = await loadTariff(db, lot.tariffId);
  if (!tariff) throw new CorruptRecordError(COLLECTIONS.lots, lot.id, 'its tariff does not exist');
  return { lot, tariff };
}

export async function spotsOfLot(db: Database, lotId: string): Promise<Spot[]> {
  const docs = await db
    .collection<Stored>(COLLECTIONS.spots)
    .find({ lotId }, { orderBy: [['_id', 'asc']], limit: 1000 });
  return docs.flatMap((doc) => {
    const parsed = spotSchema.safeParse(doc);
    return parsed.success ? [parsed.data] : [];
  });
}
