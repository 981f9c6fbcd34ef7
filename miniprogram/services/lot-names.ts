import { resolveScene } from './driver-api';

// The name of a lot by its id, for pages that only know the id (history, receipts): asked once
// per lot through the lot's scene (`l:<id>`, core/parking/scene.ts) and remembered.

const known: Record<string, Promise<string | undefined>> = {};

export function lotNameOf(lotId: string): Promise<string | undefined> {
  if (!lotId) return Promise.resolve(undefined);
  if (!(lotId in known)) {
    known[lotId] = resolveScene(`l:${lotId}`).then(
      (found) => found.lot.name,
      () => {
        // Not remembered: the next page asks again.
        delete known[lotId];
        return undefined;
      },
    );
  }
  return known[lotId]!;
}

/** Tests start from an empty memory. */
export function forgetLotNames(): void {
  for (const key of Object.keys(known)) delete known[key];
}
