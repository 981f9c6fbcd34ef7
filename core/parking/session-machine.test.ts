import { OPEN_CALL_STATUSES, type PlatformCall, type Session, frozenLeft } from './session';
import type { SessionEvent, SessionEventType } from './session-events';
import { SESSION_EVENT_TYPES } from './session-events';
import { FIXTURE_PATHS, sessionIn } from './session-fixtures';
import { GUARDS } from './session-guards';
import { canTransition, eventsFrom, expectedFrom, transition } from './session-machine';
import { repeatOf } from './session-repeats';
import {
  FINAL_STATES,
  SESSION_FLOWS,
  SESSION_STATES,
  type SessionFlow,
  type SessionState,
} from './session-states';
import { DONE_STATES, SAME, TRANSITIONS, type TransitionRule } from './session-transitions';

const openCall = (s: Session, kinds: PlatformCall['kind'][]) =>
  s.calls.find((c) => kinds.includes(c.kind) && OPEN_CALL_STATUSES.includes(c.status));
const givenUpCall = (s: Session, kind: PlatformCall['kind']) =>
  s.calls.find((c) => c.kind === kind && (c.status === 'failed' || c.status === 'abandoned'));
const withCall = (s: Session, call: PlatformCall): Session => ({ ...s, calls: [...s.calls, call] });
const later = (s: Session) => s.updatedAt + 60;

const given = (id: string, kind: 'pay' | 'prepay', at: number): PlatformCall => ({
  id,
  kind,
  reqsn: id,
  purpose: kind === 'pay' ? 'payment' : 'freeze',
  amount: 700,
  status: 'abandoned',
  requestedAt: at,
  resolvedAt: at,
});

/** The event (and, where a row needs one, a prepared session) that satisfies `row` from `s`. */
function buildFor(
  row: TransitionRule,
  s: Session,
): { session: Session; event: SessionEvent } | undefined {
  const at = later(s);
  const plain = (event: SessionEvent) => ({ session: s, event });
  switch (row.event) {
    case 'pay_requested':
      return plain({
        type: 'pay_requested',
        at: s.state === 'paid' ? (s.mayLeaveUntil ?? 0) + 1 : at,
        callId: 'PNEW',
        amount: 700,
      });
    case 'request_accepted':
    case 'call_outcome_unknown':
    case 'payment_failed':
    case 'payment_abandoned': {
      const kinds: PlatformCall['kind'][] =
        row.guard === 'openPay'
          ? ['pay']
          : row.guard === 'openPrepay'
            ? ['prepay']
            : ['pay', 'prepay', 'finish', 'cancel'];
      const call = openCall(s, kinds);
      if (!call) return undefined;
      if (row.event === 'payment_failed')
        return plain({ type: row.event, at, callId: call.id, code: '3999', message: '失败' });
      if (row.event === 'payment_abandoned') return plain({ type: row.event, at, callId: call.id });
      return plain({ type: row.event, at, callId: call.id });
    }
    case 'payment_succeeded': {
      if (row.guard === 'openPayAtExit') {
        const call = openCall(s, ['pay']);
        if (!call) return undefined;
        const session = {
          ...s,
          calls: s.calls.map((c) => (c.id === call.id ? { ...c, atExit: true as const } : c)),
        };
        return {
          session,
          event: { type: 'payment_succeeded', at, callId: call.id, amount: call.amount },
        };
      }
      if (row.guard === 'openPay' || row.guard === 'openPrepay') {
        const call = openCall(s, [row.guard === 'openPay' ? 'pay' : 'prepay']);
        return (
          call && plain({ type: 'payment_succeeded', at, callId: call.id, amount: call.amount })
        );
      }
      if (row.guard === 'latePay') {
        const session = withCall(s, given('PLATE', 'pay', s.updatedAt));
        return { session, event: { type: 'payment_succeeded', at, callId: 'PLATE', amount: 700 } };
      }
      if (row.guard === 'latePrepay') {
        const call = givenUpCall(s, 'prepay');
        return (
          call && plain({ type: 'payment_succeeded', at, callId: call.id, amount: call.amount })
        );
      }
      // strayPayment: a given-up call that no earlier row claims
      const session = withCall(
        s,
        given('PSTRAY', s.state === 'open' ? 'prepay' : 'pay', s.updatedAt),
      );
      return { session, event: { type: 'payment_succeeded', at, callId: 'PSTRAY', amount: 700 } };
    }
    case 'arrival_recorded':
      return plain({ type: 'arrival_recorded', at });
    case 'arrival_requested':
      return plain({ type: 'arrival_requested', at, callId: 'ONEW', amount: 200 });
    case 'settlement_requested': {
      const amount = Math.min(1000, frozenLeft(s));
      return plain({
        type: 'settlement_requested',
        at,
        callId: 'ONEW',
        call: 'finish',
        amount,
        due: amount,
        purpose: 'exit',
      });
    }
    case 'cancel_requested':
      return plain({ type: 'cancel_requested', at, callId: 'ONEW', amount: frozenLeft(s) });
    case 'no_show_requested':
      return plain({
        type: 'no_show_requested',
        at: Math.max(at, s.holdUntil ?? 0),
        callId: 'ONEW',
        call: 'finish',
        amount: 200,
      });
    case 'freeze_call_succeeded': {
      let session = s;
      let call = openCall(s, ['finish', 'cancel']);
      if (!call) return undefined;
      if (row.guard === 'settledToStay' || row.guard === 'settledAtExit') {
        const changed: PlatformCall =
          row.guard === 'settledToStay'
            ? { ...call, purpose: 'before_end' }
            : { ...call, purpose: 'exit', atExit: true };
        session = { ...s, calls: s.calls.map((c) => (c.id === changed.id ? changed : c)) };
        call = changed;
      }
      const a = s.amounts;
      const totals =
        call.kind === 'cancel'
          ? { fee: a.frozen, finished: a.finished, returned: a.returned + call.amount }
          : call.feeType === 1
            ? { fee: a.frozen, finished: a.finished + call.amount, returned: a.returned }
            : {
                fee: a.frozen,
                finished: a.finished + call.amount,
                returned: a.frozen - a.finished - call.amount,
              };
      return { session, event: { type: 'freeze_call_succeeded', at, callId: call.id, totals } };
    }
    case 'freeze_call_failed': {
      const call = openCall(s, ['finish', 'cancel']);
      return (
        call &&
        plain({ type: 'freeze_call_failed', at, callId: call.id, code: '3999', message: '失败' })
      );
    }
    case 'platform_settled': {
      if (s.endTime === undefined) return undefined;
      const a = s.amounts;
      const left = frozenLeft(s);
      const totals =
        s.policy.road === 1
          ? { fee: a.frozen, finished: a.finished + left, returned: a.returned }
          : { fee: a.frozen, finished: a.finished, returned: a.returned + left };
      return plain({ type: 'platform_settled', at: Math.max(at, s.endTime), totals });
    }
    case 'exit_reported':
      return plain({ type: 'exit_reported', at, amountDue: 0 });
    case 'operator_closed':
      return plain({ type: 'operator_closed', at, by: 'op1', reason: '道闸故障，人工放行' });
    case 'exit_not_recorded':
      return plain({ type: 'exit_not_recorded', at });
    case 'stale_flagged':
      return plain({ type: 'stale_flagged', at });
    case 'anomaly_recorded':
      return plain({ type: 'anomaly_recorded', at, code: 'other', detail: 'test' });
    case 'anomalies_resolved': {
      const r = transition(s, {
        type: 'anomaly_recorded',
        at,
        code: 'other',
        detail: 'to resolve',
      });
      if (!r.ok) return undefined;
      return {
        session: r.session,
        event: { type: 'anomalies_resolved', at: at + 1, by: 'op1', reason: '已处理' },
      };
    }
  }
}

const flowsOf = (row: TransitionRule) => row.flows ?? SESSION_FLOWS;

interface Case {
  row: TransitionRule;
  rowIndex: number;
  flow: SessionFlow;
  from: SessionState;
  session: Session;
}

const CASES: Case[] = TRANSITIONS.flatMap((row, rowIndex) =>
  row.from.flatMap((from) =>
    flowsOf(row).flatMap((flow) => {
      const session = sessionIn(flow, from);
      return session ? [{ row, rowIndex, flow, from, session }] : [];
    }),
  ),
);

describe('the transition table', () => {
  it('names only existing guards, covers every event, and has no duplicate row', () => {
    for (const row of TRANSITIONS) if (row.guard) expect(GUARDS[row.guard]).toBeDefined();
    for (const type of SESSION_EVENT_TYPES)
      expect(TRANSITIONS.some((r) => r.event === type)).toBe(true);
    const keys = TRANSITIONS.map((r) => JSON.stringify([r.event, r.from, r.to, r.flows, r.guard]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every non-final state a way to another state, and none from a final state but late money', () => {
    for (const state of SESSION_STATES) {
      const leaving = TRANSITIONS.filter(
        (r) => r.from.includes(state) && r.to !== SAME && r.to !== state,
      );
      if (FINAL_STATES.includes(state)) {
        expect(leaving.every((r) => r.event === 'payment_succeeded')).toBe(true);
      } else {
        expect(leaving.length).toBeGreaterThan(0);
      }
    }
  });

  it('reaches every state in some flow', () => {
    const reachable = new Set(SESSION_FLOWS.flatMap((f) => Object.keys(FIXTURE_PATHS[f])));
    expect([...reachable].sort()).toEqual([...SESSION_STATES].sort());
  });

  it('is exercised from every state of every row', () => {
    for (const [i, row] of TRANSITIONS.entries()) {
      for (const from of row.from) {
        expect({
          row: i,
          from,
          tested: CASES.some((c) => c.rowIndex === i && c.from === from),
        }).toEqual({
          row: i,
          from,
          tested: true,
        });
      }
    }
  });
});

describe('every allowed transition', () => {
  it.each(
    CASES.map((c) => [
      `${c.row.event} ${c.from} -> ${c.row.to} [${c.flow}${c.row.guard ? `, ${c.row.guard}` : ''}]`,
      c,
    ]),
  )('%s applies, and a repeat is already', (_name, c) => {
    const built = buildFor(c.row, c.session);
    expect(built).toBeDefined();
    const { session, event } = built!;
    const expected = c.row.to === SAME ? c.from : c.row.to;

    expect(expectedFrom(event.type, c.flow)).toContain(c.from);
    expect(canTransition(session, event)).toBe(true);
    const r = transition(session, event);
    expect(r).toMatchObject({ ok: true, outcome: 'applied', from: c.from, to: expected });
    if (!r.ok) return;
    expect(r.session.state).toBe(expected);
    expect(r.session.version).toBe(session.version + 1);
    expect(r.session.history.at(-1)).toMatchObject({
      event: event.type,
      from: c.from,
      to: expected,
      at: event.at,
    });

    const again = transition(r.session, event);
    expect(again).toMatchObject({ ok: true, outcome: 'already' });
    if (again.ok) expect(again.session).toBe(r.session);
    expect(canTransition(r.session, event)).toBe(false);
  });
});

/** An event of `type` that is new to `s` (fresh call ids), for the refusal tests. */
function freshEvent(type: SessionEventType, s: Session): SessionEvent {
  const at = later(s);
  const totals = {
    fee: s.amounts.frozen,
    finished: s.amounts.finished,
    returned: s.amounts.returned,
  };
  const events: Record<SessionEventType, SessionEvent> = {
    pay_requested: { type, at, callId: 'PFRESH', amount: 700 } as SessionEvent,
    request_accepted: { type: 'request_accepted', at, callId: 'XFRESH' },
    call_outcome_unknown: { type: 'call_outcome_unknown', at, callId: 'XFRESH' },
    payment_succeeded: { type: 'payment_succeeded', at, callId: 'XFRESH', amount: 700 },
    payment_failed: { type: 'payment_failed', at, callId: 'XFRESH', code: '3999', message: 'x' },
    payment_abandoned: { type: 'payment_abandoned', at, callId: 'XFRESH' },
    arrival_recorded: { type: 'arrival_recorded', at },
    arrival_requested: { type: 'arrival_requested', at, callId: 'OFRESH', amount: 200 },
    settlement_requested: {
      type: 'settlement_requested',
      at,
      callId: 'OFRESH',
      call: 'finish',
      amount: 100,
      due: 100,
      purpose: 'exit',
    },
    cancel_requested: { type: 'cancel_requested', at, callId: 'OFRESH', amount: 100 },
    no_show_requested: {
      type: 'no_show_requested',
      at,
      callId: 'OFRESH',
      call: 'finish',
      amount: 100,
    },
    freeze_call_succeeded: { type: 'freeze_call_succeeded', at, callId: 'XFRESH', totals },
    freeze_call_failed: {
      type: 'freeze_call_failed',
      at,
      callId: 'XFRESH',
      code: '3999',
      message: 'x',
    },
    platform_settled: { type: 'platform_settled', at: Math.max(at, s.endTime ?? 0), totals },
    exit_reported: { type: 'exit_reported', at, amountDue: 0 },
    operator_closed: { type: 'operator_closed', at, by: 'op1', reason: 'x' },
    exit_not_recorded: { type: 'exit_not_recorded', at },
    stale_flagged: { type: 'stale_flagged', at },
    anomaly_recorded: { type: 'anomaly_recorded', at, code: 'other', detail: 'x' },
    anomalies_resolved: { type: 'anomalies_resolved', at, by: 'op1', reason: 'x' },
  };
  return events[type];
}

const DISALLOWED = SESSION_FLOWS.flatMap((flow) =>
  SESSION_STATES.flatMap((state) => {
    const session = sessionIn(flow, state);
    if (!session) return [];
    return SESSION_EVENT_TYPES.filter(
      (type) =>
        !TRANSITIONS.some(
          (r) => r.event === type && r.from.includes(state) && (!r.flows || r.flows.includes(flow)),
        ) && !DONE_STATES[type].includes(state),
    ).map((type) => ({ flow, state, type, session }));
  }),
);

describe('every disallowed transition', () => {
  it('is a long list', () => {
    expect(DISALLOWED.length).toBeGreaterThan(100);
  });

  it.each(DISALLOWED.map((d) => [`${d.type} from ${d.state} [${d.flow}]`, d]))(
    '%s is refused with a code',
    (_n, d) => {
      const event = freshEvent(d.type, d.session);
      const r = transition(d.session, event);
      if (r.ok && r.outcome === 'already') {
        // Only a genuine repeat may answer 'already' here (e.g. arrival_recorded after arrival).
        expect(repeatOf(d.session, event)).toBe('already');
        return;
      }
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toMatch(/^[A-Z_]+$/);
        expect(r.message.length).toBeGreaterThan(0);
      }
      expect(canTransition(d.session, event)).toBe(false);
      expect(expectedFrom(d.type, d.flow)).not.toContain(d.state);
    },
  );
});

describe('idempotency when someone else did the work (DONE_STATES)', () => {
  it.each(
    SESSION_FLOWS.flatMap((flow) =>
      SESSION_EVENT_TYPES.flatMap((type) =>
        DONE_STATES[type].flatMap((state) => {
          const session = sessionIn(flow, state);
          const hasRow = TRANSITIONS.some(
            (r) =>
              r.event === type && r.from.includes(state) && (!r.flows || r.flows.includes(flow)),
          );
          return session && !hasRow
            ? [[`${type} in ${state} [${flow}]`, type, session] as const]
            : [];
        }),
      ),
    ),
  )('%s is already', (_n, type, session) => {
    expect(transition(session, freshEvent(type, session))).toMatchObject({
      ok: true,
      outcome: 'already',
    });
  });

  it('answers a second pay request while one is out with already, and gives no new call', () => {
    const s = sessionIn('exit_pay', 'awaiting_payment')!;
    const r = transition(s, {
      type: 'pay_requested',
      at: later(s),
      callId: 'PSECOND',
      amount: 1000,
    });
    expect(r).toMatchObject({ ok: true, outcome: 'already' });
    if (r.ok) expect(r.session.calls.map((c) => c.id)).not.toContain('PSECOND');
  });

  it('answers a pay request inside the grace time with already', () => {
    const s = sessionIn('exit_pay', 'paid')!;
    const r = transition(s, {
      type: 'pay_requested',
      at: s.mayLeaveUntil!,
      callId: 'PSECOND',
      amount: 100,
    });
    expect(r).toMatchObject({ ok: true, outcome: 'already' });
  });
});

describe('refusals by guard', () => {
  const ex = (flow: SessionFlow, state: SessionState) => sessionIn(flow, state)!;

  it.each<[string, Session, SessionEvent, string]>([
    [
      'a tampered fee',
      ex('exit_pay', 'awaiting_payment'),
      {
        type: 'payment_succeeded',
        at: 1e9 + 1,
        callId: 'P250101120000AAAAAAAAAAAAAAAA',
        amount: 1,
      },
      'AMOUNT_MISMATCH',
    ],
    [
      'a tampered fee on a repeat',
      ex('exit_pay', 'paid'),
      { type: 'payment_succeeded', at: 2e9, callId: 'P250101120000AAAAAAAAAAAAAAAA', amount: 999 },
      'AMOUNT_MISMATCH',
    ],
    [
      'a payment for a call never made',
      ex('exit_pay', 'awaiting_payment'),
      { type: 'payment_succeeded', at: 2e9, callId: 'PNOPE', amount: 1000 },
      'UNKNOWN_CALL',
    ],
    [
      'a failure after success',
      ex('exit_pay', 'paid'),
      {
        type: 'payment_failed',
        at: 2e9,
        callId: 'P250101120000AAAAAAAAAAAAAAAA',
        code: '3999',
        message: 'x',
      },
      'CALL_SUCCEEDED',
    ],
    [
      'a finish result for a pay',
      ex('exit_pay', 'paid'),
      {
        type: 'freeze_call_succeeded',
        at: 2e9,
        callId: 'P250101120000AAAAAAAAAAAAAAAA',
        totals: { fee: 0, finished: 0, returned: 0 },
      },
      'CALL_KIND_MISMATCH',
    ],
    [
      'a call id reused for another amount',
      ex('exit_pay', 'awaiting_payment'),
      { type: 'pay_requested', at: 2e9, callId: 'P250101120000AAAAAAAAAAAAAAAA', amount: 5 },
      'CALL_ID_REUSED',
    ],
    [
      'a finish over what is frozen',
      ex('entry_prepay', 'frozen'),
      {
        type: 'settlement_requested',
        at: 2e9,
        callId: 'O9',
        call: 'finish',
        amount: 5001,
        due: 6000,
        purpose: 'exit',
      },
      'AMOUNT_OVER_FROZEN',
    ],
    [
      'a partial cancel at exit',
      ex('entry_prepay', 'frozen'),
      {
        type: 'settlement_requested',
        at: 2e9,
        callId: 'O9',
        call: 'cancel',
        amount: 100,
        due: 0,
        purpose: 'exit',
      },
      'CANCEL_NOT_ALL',
    ],
    [
      'a partial booking cancel',
      ex('roadside_booking', 'booked'),
      { type: 'cancel_requested', at: 2e9, callId: 'O9', amount: 4999 },
      'CANCEL_NOT_ALL',
    ],
    [
      'a booking fee over the freeze',
      ex('roadside_booking', 'booked'),
      { type: 'arrival_requested', at: 1735697000, callId: 'O9', amount: 5001 },
      'AMOUNT_OVER_FROZEN',
    ],
    [
      'an arrival after the hold is over',
      ex('roadside_booking', 'booked'),
      { type: 'arrival_requested', at: 2e9, callId: 'O9', amount: 200 },
      'HOLD_EXPIRED',
    ],
    [
      'an arrival without booking fee after the hold is over',
      ex('roadside_booking', 'booked'),
      { type: 'arrival_recorded', at: 2e9 },
      'HOLD_EXPIRED',
    ],
    [
      'a no-show before the hold is over',
      ex('roadside_booking', 'booked'),
      { type: 'no_show_requested', at: 1735697000, callId: 'O9', call: 'finish', amount: 200 },
      'HOLD_NOT_OVER',
    ],
    [
      'a platform settlement before endTime',
      ex('entry_prepay', 'frozen'),
      {
        type: 'platform_settled',
        at: 1735697000,
        totals: { fee: 5000, finished: 0, returned: 5000 },
      },
      'END_TIME_NOT_PASSED',
    ],
    [
      'platform totals for another freeze',
      ex('entry_prepay', 'frozen'),
      { type: 'platform_settled', at: 2e9, totals: { fee: 6000, finished: 0, returned: 6000 } },
      'TOTALS_MISMATCH',
    ],
    [
      'finish totals that do not add up',
      ex('entry_prepay', 'settling'),
      {
        type: 'freeze_call_succeeded',
        at: 2e9,
        callId: 'O1',
        totals: { fee: 5000, finished: 3000, returned: 4000 },
      },
      'TOTALS_MISMATCH',
    ],
    [
      'a fraction of fen',
      ex('exit_pay', 'open'),
      { type: 'pay_requested', at: 2e9, callId: 'P2', amount: 10.5 },
      'INVALID_EVENT',
    ],
    [
      'a zero pay',
      ex('exit_pay', 'open'),
      { type: 'pay_requested', at: 2e9, callId: 'P2', amount: 0 },
      'INVALID_EVENT',
    ],
    [
      'a call id with "_"',
      ex('exit_pay', 'open'),
      { type: 'pay_requested', at: 2e9, callId: 'P_2', amount: 10 },
      'INVALID_EVENT',
    ],
    [
      'an unknown event',
      ex('exit_pay', 'open'),
      { type: 'teleported', at: 2e9 } as unknown as SessionEvent,
      'INVALID_EVENT',
    ],
  ])('refuses %s', (_n, session, event, code) => {
    const r = transition(session, event);
    expect(r).toMatchObject({ ok: false, code });
  });

  it('refuses a finish result after the call was recorded as failed', () => {
    const s = sessionIn('entry_prepay', 'settling')!;
    const failed = transition(s, {
      type: 'freeze_call_failed',
      at: 2e9,
      callId: 'O1',
      code: '3999',
      message: 'x',
    });
    expect(failed).toMatchObject({ ok: true, to: 'frozen' });
    if (!failed.ok) return;
    const late = transition(failed.session, {
      type: 'freeze_call_succeeded',
      at: 2e9 + 1,
      callId: 'O1',
      totals: { fee: 5000, finished: 1000, returned: 4000 },
    });
    expect(late).toMatchObject({ ok: false, code: 'CALL_FAILED' });
  });
});

describe('expectedFrom and eventsFrom', () => {
  it('lists the states of the rows, by flow', () => {
    expect(expectedFrom('settlement_requested').sort()).toEqual(['frozen', 'parked']);
    expect(expectedFrom('arrival_recorded', 'exit_pay')).toEqual([]);
    expect(expectedFrom('arrival_recorded', 'roadside_booking')).toEqual(['booked']);
    expect(expectedFrom('payment_succeeded').sort()).toEqual([...SESSION_STATES].sort());
    expect(expectedFrom('exit_reported').sort()).toEqual(['awaiting_payment', 'open', 'paid']);
  });

  it('lists the events with a row from a state', () => {
    expect(eventsFrom('booked', 'roadside_booking')).toEqual(
      expect.arrayContaining([
        'arrival_recorded',
        'arrival_requested',
        'cancel_requested',
        'no_show_requested',
        'platform_settled',
      ]),
    );
    expect(eventsFrom('frozen', 'entry_prepay')).not.toContain('arrival_requested');
  });
});
