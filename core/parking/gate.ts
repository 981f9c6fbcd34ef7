import { z } from 'zod';
import type { Lot } from './lot';
import { displayName, entityId } from './primitives';
import { formatScene } from './scene';

export const GATE_KINDS = ['entry', 'exit', 'paystation'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

export const gateSchema = z
  .object({
    id: entityId,
    lotId: entityId,
    kind: z.enum(GATE_KINDS),
    name: displayName(30),
    /** The QR scene of this gate, always `g:<id>` (scene.ts). */
    scene: z.string(),
  })
  // Compared as text: formatScene throws on a bad id, which the id's own check reports.
  .refine((g) => g.scene === `g:${g.id}`, {
    message: 'scene must be the scene of this gate',
    path: ['scene'],
  });
export type Gate = z.infer<typeof gateSchema>;

/** A gate from its fields, with its scene filled in. */
export function newGate(fields: Omit<Gate, 'scene'>): Gate {
  return { ...fields, scene: formatScene({ kind: 'gate', id: fields.id }) };
}

/** Gates belong to gated lots; roadside lots have spots. */
export function gateFitsLot(gate: Pick<Gate, 'lotId'>, lot: Pick<Lot, 'id' | 'kind'>): boolean {
  return gate.lotId === lot.id && lot.kind === 'gated';
}
