import { checkRight } from '../../core/parking/operator';
import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { parkingErrors } from '../parking/app-errors';
import { newCallId } from '../parking/ids';
import { loadGate } from '../parking/places';
import { readSessionDoc } from '../parking/session-store';
import { COLLECTIONS } from '../store/collections';
import { grantsOf, requireRight } from './access';
import { audited, endSession, type EndOutcome } from './session-actions';

/**
 * An operator opens a gate, with a reason. The command is stored in `gate_events`
 * (type 'operator_open') for the lot's controller; with a session, the vehicle is let out as by
 * finish (what its freeze covers is charged, anything else is waived) so that the record does
 * not stay open behind a car that has gone.
 */
export interface GateOpenOutcome {
  outcome: 'applied' | 'already' | 'pending';
  gateId: string;
  commandId: string;
  session?: EndOutcome['session'];
}

export async function openGate(
  ctx: ApiContext,
  input: { gateId: string; reason: string; sessionId?: string },
): Promise<GateOpenOutcome> {
  const gate = await loadGate(ctx.deps.db, input.gateId);
  if (!gate) throw parkingErrors.gateNotFound();
  await requireRight(ctx, gate.lotId, 'gate.open');
  if (input.sessionId !== undefined) {
    const doc = await readSessionDoc(ctx.deps.db, input.sessionId);
    if (!doc) throw parkingErrors.sessionNotFound();
    if (doc.lotId !== gate.lotId) {
      // A session of a lot the caller may not see is not found, so its existence does not leak.
      const grants = await grantsOf(ctx.deps.db, ctx.openid);
      if (!checkRight(grants, ctx.openid, doc.lotId, 'session.view').ok) {
        throw parkingErrors.sessionNotFound();
      }
      throw new AppError('WRONG_LOT', '该停车记录不属于此道闸所在的停车场');
    }
  }
  return audited(
    ctx,
    {
      lotId: gate.lotId,
      gateId: gate.id,
      action: 'gate.open',
      reason: input.reason,
      ...(input.sessionId !== undefined && { sessionId: input.sessionId }),
    },
    async () => {
      const ended =
        input.sessionId === undefined
          ? undefined
          : await endSession(ctx, input.sessionId, 'finish', input.reason);
      const now = await ctx.deps.clock.now();
      const commandId = newCallId('op', now, ctx.deps.random);
      await ctx.deps.db
        .collection<Record<string, unknown> & { _id: string }>(COLLECTIONS.gateEvents)
        .insert({
          _id: commandId,
          lotId: gate.lotId,
          gateId: gate.id,
          type: 'operator_open',
          at: now,
          receivedAt: now,
          by: ctx.openid,
          reason: input.reason,
          ...(input.sessionId !== undefined && { sessionId: input.sessionId }),
        });
      // Opening a gate is an act in itself: applied even when the session had already ended.
      return {
        outcome: ended?.outcome === 'pending' ? ('pending' as const) : ('applied' as const),
        gateId: gate.id,
        commandId,
        ...(ended && { session: ended.session }),
      };
    },
  );
}
