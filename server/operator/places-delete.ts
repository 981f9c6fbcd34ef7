import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { parkingErrors } from '../parking/app-errors';
import { loadGate, loadSpot } from '../parking/places';
import { LIVE_STATES } from '../../core/parking/session-states';
import { COLLECTIONS } from '../store/collections';
import { requireRight } from './access';
import { writeAudit } from './audit';
import { gateSubject, spotSubject } from './audit-changes';
import type { Gate } from '../../core/parking/gate';
import type { Spot } from '../../core/parking/spot';

/**
 * Removing a gate or a spot (an owner's). Refused while a live session stands on it, so that no
 * car is left with a session whose place is gone; removing what is already gone is a success.
 * Its printed QR codes then resolve to nothing (scene.resolve answers "not found").
 */
export async function deletePlace(
  ctx: ApiContext,
  input: { lotId: string; kind: 'gate' | 'spot'; id: string; reason?: string },
): Promise<{ outcome: 'applied' | 'already'; id: string }> {
  const { db } = ctx.deps;
  await requireRight(ctx, input.lotId, 'place.manage');
  const place = input.kind === 'gate' ? await loadGate(db, input.id) : await loadSpot(db, input.id);
  if (!place) return { outcome: 'already', id: input.id };
  if (place.lotId !== input.lotId) {
    throw input.kind === 'gate' ? parkingErrors.gateNotFound() : parkingErrors.spotNotFound();
  }
  const field = input.kind === 'gate' ? 'gateId' : 'spotId';
  const live = await db
    .collection<{ _id: string }>(COLLECTIONS.sessions)
    .count({ lotId: input.lotId, [field]: input.id, state: db.cmd.in(LIVE_STATES) });
  if (live > 0) {
    throw new AppError(
      'PLACE_IN_USE',
      input.kind === 'gate'
        ? '该道闸还有在场车辆的记录，暂不能删除'
        : '该泊位正在使用中，暂不能删除',
    );
  }
  const collection = input.kind === 'gate' ? COLLECTIONS.gates : COLLECTIONS.spots;
  const removed = await db.collection<{ _id: string }>(collection).removeWhere({ _id: input.id });
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: input.lotId,
    ...(input.kind === 'gate' && { gateId: input.id }),
    action: input.kind === 'gate' ? 'gate.delete' : 'spot.delete',
    reason: input.reason ?? '',
    outcome: removed > 0 ? 'applied' : 'already',
    detail: input.id,
    subject: input.kind === 'gate' ? gateSubject(place as Gate) : spotSubject(place as Spot),
  });
  return { outcome: removed > 0 ? 'applied' : 'already', id: input.id };
}
