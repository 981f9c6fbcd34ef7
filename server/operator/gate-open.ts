import { AppError } from '../api-kit/app-error';
import type { GateOpenOutcome } from '../contract/operator-views';
import type { ApiContext } from '../parking/api/context';
import { parkingErrors } from '../parking/app-errors';
import { newCallId } from '../parking/ids';
import { loadGate } from '../parking/places';
import { COLLECTIONS } from '../store/collections';
import { requireRight, sessionForRight } from './access';
import { audited, endSession } from './session-actions';

/**
 * An operator opens a gate, with a reason. The command is stored in `gate_events`
 * (type 'operator_open') for the lot's controller; with a session, the vehicle is let out as by
 * finish (what its freeze covers is charged, anything else is waived) so that the record does
 * not stay open behind a car that has gone.
 */
export type { GateOpenOutcome };

export async function openGate(
  ctx: ApiContext,
  input: { gateId: string; reason: string; sessionId?: string },
): Promise<GateOpenOutcome> {
  const gate = await loadGate(ctx.deps.db, input.gateId);
  if (!gate) throw parkingErrors.gateNotFound();
  await requireRight(ctx, gate.lotId, 'gate.open');
  if (input.sessionId !== undefined) {
    // Another lot's session the caller may not view is SESSION_NOT_FOUND (sessionForRight).
    const doc = await sessionForRight(ctx, input.sessionId, 'session.view');
    if (doc.lotId !== gate.lotId) {
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
