import { z } from 'zod';
import type { Lot } from './lot';
import { displayName, entityId } from './primitives';
import { formatScene } from './scene';

/** A roadside parking spot: what a driver books and arrives at. */
export const spotSchema = z
  .object({
    id: entityId,
    lotId: entityId,
    /** The number painted on the road, e.g. `A-012`. */
    code: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'code must be 1 to 16 letters, digits or "-"'),
    name: displayName(30),
    /** The QR scene of this spot, always `s:<id>` (scene.ts). */
    scene: z.string(),
  })
  // Compared as text: formatScene throws on a bad id, which the id's own check reports.
  .refine((s) => s.scene === `s:${s.id}`, {
    message: 'scene must be the scene of this spot',
    path: ['scene'],
  });
export type Spot = z.infer<typeof spotSchema>;

/** A spot from its fields, with its scene filled in. */
export function newSpot(fields: Omit<Spot, 'scene'>): Spot {
  return { ...fields, scene: formatScene({ kind: 'spot', id: fields.id }) };
}

/** Spots belong to roadside lots; gated lots have gates. */
export function spotFitsLot(spot: Pick<Spot, 'lotId'>, lot: Pick<Lot, 'id' | 'kind'>): boolean {
  return spot.lotId === lot.id && lot.kind === 'roadside';
}
