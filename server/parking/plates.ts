import { z } from 'zod';
import type { Lot } from '../../core/parking/lot';
import { validatePlate } from '../../core/plate/classify';
import { derivePlateFromOpenid } from '../../core/plate/derive';
import { AppError } from '../api-kit/app-error';
import type { Database } from '../cloud/database';
import { COLLECTIONS } from '../store/collections';

/**
 * A driver names the car by its plate, or says it has none: the plate is then derived from the
 * openid with the lot's province characters (protocol note 15). A typed plate may not be a
 * derived one (`allowDerived: false`), so nobody can pass as another driver's plateless car.
 */
export const plateChoiceSchema = z
  .object({
    plate: z.string().min(1).max(16).optional(),
    noPlate: z.literal(true).optional(),
  })
  .refine((v) => (v.plate === undefined) !== (v.noPlate === undefined), {
    message: 'give plate or noPlate: true',
    path: ['plate'],
  });
export type PlateChoice = z.infer<typeof plateChoiceSchema>;

export function derivedPlate(lot: Pick<Lot, 'noPlateProvince'>, openid: string): string {
  return derivePlateFromOpenid(openid, lot.noPlateProvince);
}

/** The plate the driver means, validated; refuses a malformed plate with the reason. */
export function resolveDriverPlate(
  choice: PlateChoice,
  lot: Pick<Lot, 'noPlateProvince'>,
  openid: string,
): { plate: string; derived: boolean } {
  if (choice.noPlate) return { plate: derivedPlate(lot, openid), derived: true };
  const checked = validatePlate(choice.plate ?? '', { allowDerived: false });
  if (!checked.ok) throw new AppError('PLATE_INVALID', checked.message);
  return { plate: checked.plate, derived: false };
}

interface DriverDoc {
  _id: string;
  plates: Array<{ plate: string; usedAt: number }>;
}

export const MAX_REMEMBERED_PLATES = 5;

export async function rememberedPlates(db: Database, openid: string): Promise<string[]> {
  const doc = await db.collection<DriverDoc>(COLLECTIONS.drivers).get(openid);
  return (doc?.plates ?? []).map((p) => p.plate);
}

/** The most recently used first; a derived plate is not remembered (it is always re-derived). */
export async function rememberPlate(
  db: Database,
  openid: string,
  plate: string,
  now: number,
): Promise<void> {
  const drivers = db.collection<DriverDoc>(COLLECTIONS.drivers);
  const doc = await drivers.get(openid);
  const others = (doc?.plates ?? []).filter((p) => p.plate !== plate);
  const plates = [{ plate, usedAt: now }, ...others].slice(0, MAX_REMEMBERED_PLATES);
  await drivers.set(openid, { plates });
}

export async function forgetPlate(db: Database, openid: string, plate: string): Promise<string[]> {
  const drivers = db.collection<DriverDoc>(COLLECTIONS.drivers);
  const doc = await drivers.get(openid);
  if (!doc) return [];
  const plates = doc.plates.filter((p) => p.plate !== plate);
  await drivers.set(openid, { plates });
  return plates.map((p) => p.plate);
}
