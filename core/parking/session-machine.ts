import { refuse, type DomainRefusal } from './result';
import type { Session } from './session';
import { applyEffect } from './session-effects';
import { type SessionEvent, type SessionEventType, sessionEventSchema } from './session-events';
import { GUARDS } from './session-guards';
import { repeatOf } from './session-repeats';
import type { SessionFlow, SessionState } from './session-states';
import { DONE_STATES, SAME, TRANSITIONS, type TransitionRule } from './session-transitions';

export type TransitionResult =
  | {
      ok: true;
      /** 'applied': store `session` with a compare-and-set; 'already': the work was done, store nothing. */
      outcome: 'applied' | 'already';
      session: Session;
      from: SessionState;
      to: SessionState;
    }
  | DomainRefusal;

function rowsFor(state: SessionState, flow: SessionFlow, type: SessionEventType): TransitionRule[] {
  return TRANSITIONS.filter(
    (r) => r.event === type && r.from.includes(state) && (!r.flows || r.flows.includes(flow)),
  );
}

/**
 * Applies `event` to `session`, purely. The caller stores the result with a compare-and-set on
 * the state it read (and on `version`, which every applied event raises): when the set finds the
 * session changed, read it again and call `transition` again; it then answers 'already' if
 * someone else did the work.
 */
export function transition(session: Session, input: SessionEvent): TransitionResult {
  const parsed = sessionEventSchema.safeParse(input);
  if (!parsed.success) {
    return refuse(
      'INVALID_EVENT',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const event = parsed.data;
  const from = session.state;
  const already = { ok: true as const, outcome: 'already' as const, session, from, to: from };

  const repeat = repeatOf(session, event);
  if (repeat === 'already') return already;
  if (repeat) return repeat;

  const rows = rowsFor(from, session.flow, event.type);
  let firstRefusal: DomainRefusal | undefined;
  for (const row of rows) {
    const refusal = row.guard ? GUARDS[row.guard].check(session, event) : undefined;
    if (refusal) {
      firstRefusal ??= refusal;
      continue;
    }
    const to = row.to === SAME ? from : row.to;
    const { session: changed, note } = applyEffect(session, event, from, to);
    const next: Session = {
      ...changed,
      state: to,
      version: session.version + 1,
      updatedAt: Math.max(session.updatedAt, event.at),
      flagged: changed.anomalies.some((a) => a.resolvedAt === undefined),
      history: [
        ...changed.history,
        {
          at: event.at,
          event: event.type,
          from,
          to,
          ...(event.by !== undefined && { by: event.by }),
          ...('callId' in event && { callId: event.callId }),
          ...(note !== undefined && { note }),
        },
      ],
    };
    return { ok: true, outcome: 'applied', session: next, from, to };
  }
  if (DONE_STATES[event.type].includes(from)) return already;
  return (
    firstRefusal ??
    refuse('TRANSITION_NOT_ALLOWED', `当前状态（${from}）不能执行此操作（${event.type}）`)
  );
}

/** Whether `event` would change `session` now ('already' and refusals are not changes). */
export function canTransition(session: Session, event: SessionEvent): boolean {
  const result = transition(session, event);
  return result.ok && result.outcome === 'applied';
}

/**
 * The states an event may be applied from: the backend's compare-and-set condition
 * (`where state in expectedFrom(type, flow)`). Without a flow, the union over all flows.
 */
export function expectedFrom(type: SessionEventType, flow?: SessionFlow): SessionState[] {
  const states = new Set<SessionState>();
  for (const r of TRANSITIONS) {
    if (r.event === type && (!flow || !r.flows || r.flows.includes(flow)))
      r.from.forEach((s) => states.add(s));
  }
  return [...states];
}

/** The events that have a row from `state` in `flow` (e.g. to offer actions to an operator). */
export function eventsFrom(state: SessionState, flow: SessionFlow): SessionEventType[] {
  const types = new Set<SessionEventType>();
  for (const r of TRANSITIONS) {
    if (r.from.includes(state) && (!r.flows || r.flows.includes(flow))) types.add(r.event);
  }
  return [...types];
}
