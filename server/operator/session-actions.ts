import { refuse } from '../../core/parking/result';
import { type Session, findCall, frozenLeft, openCalls } from '../../core/parking/session';
import type { SessionEvent } from '../../core/parking/session-events';
import { isFinal } from '../../core/parking/session-states';
import { AppError } from '../api-kit/app-error';
import { applySessionEvent, type EventFactory } from '../cloud/session-cas';
import { sessionOf } from '../cloud/session-doc';
import type { ApiContext } from '../parking/api/context';
import { fromRefusal, parkingErrors } from '../parking/app-errors';
import { recordAndSend, resolveOpenCalls } from '../parking/calls/execute';
import { newCallId } from '../parking/ids';
import { type SettlePolicy, settlementEvent } from '../parking/services/settle';
import { readSessionDoc } from '../parking/session-store';
import type { OperatorAction } from '../../core/parking/operator';
import { sessionForRight } from './access';
import { type AuditAction, writeAudit } from './audit';
import { type EndPreview, previewEnd } from './session-preview';
import { type OperatorSessionSummary, operatorSessionSummary } from './session-views';
import type { EndOutcome } from '../contract/operator-views';

/**
 * An operator ends a session, with a reason:
 * - finish: what the stay owes is charged from the freeze (finish feeType=9, purpose 'operator';
 *   nothing owed: the freeze is returned), then the session is closed; a session without a
 *   freeze is closed as it is (what it still owes is waived by the operator's decision).
 * - cancel: nothing is charged: a freeze is returned in full (cancel), a booking cancelled, a
 *   prepay not yet paid given up, then the session is closed. A paid session cannot be cancelled
 *   (the protocol has no refund).
 * Every step is a machine event stored by compare-and-set; calls still out are queried first
 * (protocol note 4). A repeat that finds the session already ended answers 'already'.
 */
export type EndKind = 'finish' | 'cancel';

export type { EndOutcome };

const MAX_STEPS = 5;

const pending = () => new AppError('CALL_PENDING', '平台正在处理该记录，请稍后重试');

type Step =
  | { kind: 'done' }
  | { kind: 'pending' }
  | { kind: 'settle'; policy: SettlePolicy }
  | { kind: 'event'; make: (s: Session, now: number) => SessionEvent }
  | {
      kind: 'call';
      make: (s: Session, now: number, callId: string) => SessionEvent | ReturnType<typeof refuse>;
    };

/** The next step towards the end `kind` asks for, from the state alone (pure). */
export function nextStep(session: Session, kind: EndKind, by: string, reason: string): Step {
  const close: Step = {
    kind: 'event',
    make: (_s, now) => ({
      type: 'operator_closed',
      at: now,
      by,
      reason,
      ...(kind === 'cancel' && { operatorCancel: true as const }),
    }),
  };
  if (isFinal(session.state)) return { kind: 'done' };
  switch (session.state) {
    case 'frozen':
    case 'parked':
      return { kind: 'settle', policy: kind === 'finish' ? 'charge_due' : 'return_all' };
    case 'open':
    case 'awaiting_payment':
      return close;
    case 'paid':
      if (kind === 'cancel') {
        throw new AppError('ALREADY_PAID', '该记录已支付，无法取消；如需放行请使用结束');
      }
      return close;
    case 'booked':
      if (kind === 'finish') {
        throw new AppError('NOT_ARRIVED', '预订尚未到场，请使用取消');
      }
      return {
        kind: 'call',
        make: (s, now, callId) => {
          const amount = frozenLeft(s);
          if (amount === 0) return refuse('NOTHING_FROZEN', '没有冻结中的预付金额');
          return { type: 'cancel_requested', at: now, by, callId, amount, reason };
        },
      };
    case 'awaiting_prepay':
      if (kind === 'finish') {
        throw new AppError('NOT_PREPAID', '尚未完成预付，请使用取消');
      }
      return {
        kind: 'event',
        make: (s, now) => {
          const prepay = s.calls.find((c) => c.kind === 'prepay');
          return { type: 'payment_abandoned', at: now, by, callId: prepay?.id ?? '', reason };
        },
      };
    default:
      // settling, arriving, cancelling, no_show_settling: a finish or cancel is out, and its
      // answer (or a query) decides where the session goes: nothing new before that.
      return { kind: 'pending' };
  }
}

function failedCall(session: Session, callId: string | undefined) {
  const call = callId ? findCall(session, callId) : undefined;
  return call?.status === 'failed' ? call : undefined;
}

/** Runs the steps of `kind` on one session; returns how it ended. */
export async function endSession(
  ctx: ApiContext,
  sessionId: string,
  kind: EndKind,
  reason: string,
): Promise<EndOutcome> {
  const { deps, openid } = ctx;
  let changed = false;
  if (openCalls(sessionOf(await loadDoc(ctx, sessionId))).length > 0) {
    await resolveOpenCalls(deps, sessionId);
  }
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const session = sessionOf(await loadDoc(ctx, sessionId));
    const next = nextStep(session, kind, openid, reason);
    const now = await deps.clock.now();
    if (next.kind === 'done' || next.kind === 'pending') {
      const summary = operatorSessionSummary(session);
      if (next.kind === 'pending') {
        if (!changed) throw pending();
        return { outcome: 'pending', session: summary };
      }
      return { outcome: changed ? 'applied' : 'already', session: summary };
    }
    if (next.kind === 'event') {
      const result = await applySessionEvent(deps.db, sessionId, (s) => next.make(s, now));
      if (!result.ok) throw fromRefusal(result);
      changed ||= result.outcome === 'applied';
      continue;
    }
    const make: EventFactory =
      next.kind === 'settle'
        ? (s) => {
            const event = settlementEvent(
              s,
              now,
              next.policy,
              'operator',
              newCallId('op', now, deps.random),
              openid,
            );
            if (!('type' in event)) return event;
            // A cancel's discounts cost the merchant nothing (core/parking/merchant-cost.ts).
            const cancel = next.policy === 'return_all' && { operatorCancel: true as const };
            return { ...event, reason, ...cancel };
          }
        : (s) => next.make(s, now, newCallId('op', now, deps.random));
    const started = await recordAndSend(deps, sessionId, make);
    changed ||= started.outcome === 'applied';
    const failed = failedCall(sessionOf(started.doc), started.callId);
    if (failed) {
      throw new AppError('PLATFORM_REFUSED', '平台拒绝了此次结算，请稍后重试', {
        code: failed.error?.code,
      });
    }
  }
  const last = sessionOf(await loadDoc(ctx, sessionId));
  return { outcome: changed ? 'applied' : 'already', session: operatorSessionSummary(last) };
}

async function loadDoc(ctx: ApiContext, sessionId: string) {
  const doc = await readSessionDoc(ctx.deps.db, sessionId);
  if (!doc) throw parkingErrors.sessionNotFound();
  return doc;
}

/** Runs `work`, then writes its audit record (a refusal too) and passes the result on. */
export async function audited<T extends { outcome: string; session?: { state: string } }>(
  ctx: ApiContext,
  record: {
    lotId: string;
    sessionId?: string;
    gateId?: string;
    action: AuditAction;
    reason: string;
  },
  work: () => Promise<T>,
): Promise<T> {
  try {
    const result = await work();
    await writeAudit(ctx.deps, {
      ...record,
      openid: ctx.openid,
      outcome: result.outcome === 'already' ? 'already' : 'applied',
      detail: result.session ? `${result.outcome}: ${result.session.state}` : result.outcome,
    });
    return result;
  } catch (error) {
    if (error instanceof AppError) {
      await writeAudit(ctx.deps, {
        ...record,
        openid: ctx.openid,
        outcome: 'refused',
        detail: error.code,
      });
    }
    throw error;
  }
}

const RIGHT_OF: Record<EndKind, OperatorAction> = {
  finish: 'session.finish',
  cancel: 'session.cancel',
};

export async function operatorEndSession(
  ctx: ApiContext,
  input: { sessionId: string; reason: string },
  kind: EndKind,
): Promise<EndOutcome> {
  const doc = await sessionForRight(ctx, input.sessionId, RIGHT_OF[kind]);
  return audited(
    ctx,
    {
      lotId: doc.lotId,
      sessionId: input.sessionId,
      action: kind === 'finish' ? 'session.finish' : 'session.cancel',
      reason: input.reason,
    },
    () => endSession(ctx, input.sessionId, kind, input.reason),
  );
}

/** An operator has dealt with a session's open anomalies (the flag clears); a repeat is 'already'. */
export async function resolveAnomalies(
  ctx: ApiContext,
  input: { sessionId: string; reason: string },
): Promise<{ outcome: 'applied' | 'already'; session: OperatorSessionSummary }> {
  const doc = await sessionForRight(ctx, input.sessionId, 'session.finish');
  return audited(
    ctx,
    {
      lotId: doc.lotId,
      sessionId: input.sessionId,
      action: 'session.resolve',
      reason: input.reason,
    },
    async () => {
      const now = await ctx.deps.clock.now();
      const result = await applySessionEvent(ctx.deps.db, input.sessionId, () => ({
        type: 'anomalies_resolved',
        at: now,
        by: ctx.openid,
        reason: input.reason,
      }));
      if (!result.ok) throw fromRefusal(result);
      return { outcome: result.outcome, session: operatorSessionSummary(result.session) };
    },
  );
}

/** What finish or cancel would do now (read-only): the amounts and whether it is possible. */
export async function previewOperatorEnd(
  ctx: ApiContext,
  input: { sessionId: string; action: EndKind },
): Promise<EndPreview> {
  const doc = await sessionForRight(ctx, input.sessionId, RIGHT_OF[input.action]);
  const now = await ctx.deps.clock.now();
  return previewEnd(sessionOf(doc), input.action, now);
}
