/**
 * Sessions in every reachable (flow, state), built by driving the real machine from newSession,
 * for the tests of this folder (and of the backend). Not exported from index.ts.
 */
import { newSession, type Session } from './session';
import type { SessionEvent } from './session-events';
import { transition } from './session-machine';
import type { SessionFlow, SessionState } from './session-states';
import { GATED_LOT, HOUR, MIN, ROADSIDE_LOT, T0, TARIFF } from './test-fixtures';

export const FREEZE = GATED_LOT.prepay.freezeAmount; // 5000
export const R1 = 'R250101100000AAAAAAAAAAAAAAAA';
export const P1 = 'P250101120000AAAAAAAAAAAAAAAA';

/** Applies events one by one; each must apply (not 'already', not refused). */
export function run(session: Session, ...events: SessionEvent[]): Session {
  let s = session;
  for (const e of events) {
    const r = transition(s, e);
    if (!r.ok) throw new Error(`${e.type} from ${s.state}: ${r.code} ${r.message}`);
    if (r.outcome !== 'applied') throw new Error(`${e.type} from ${s.state}: already`);
    s = r.session;
  }
  return s;
}

function created(flow: SessionFlow): Session {
  const lot = flow === 'roadside_booking' ? ROADSIDE_LOT : GATED_LOT;
  const r = newSession({
    id: `S-${flow}`,
    lot,
    tariff: TARIFF,
    flow,
    plate: '粤BD12345',
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    at: T0,
    ...(flow === 'exit_pay' ? { gateId: 'G1' } : {}),
    ...(flow === 'entry_prepay' ? { gateId: 'G1', prepayReqsn: R1 } : {}),
    ...(flow === 'roadside_booking' ? { spotId: 'S1', prepayReqsn: R1 } : {}),
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const ev = {
  pay: (at: number, amount = 1000, callId = P1): SessionEvent => ({
    type: 'pay_requested',
    at,
    callId,
    amount,
  }),
  paid: (at: number, amount: number, callId: string): SessionEvent => ({
    type: 'payment_succeeded',
    at,
    callId,
    amount,
  }),
  ok: (
    at: number,
    callId: string,
    fee: number,
    finished: number,
    returned: number,
  ): SessionEvent => ({
    type: 'freeze_call_succeeded',
    at,
    callId,
    totals: { fee, finished, returned },
  }),
};

type Path = () => Session;

const exitPay: Partial<Record<SessionState, Path>> = {
  open: () => created('exit_pay'),
  awaiting_payment: () => run(created('exit_pay'), ev.pay(T0 + 2 * HOUR)),
  paid: () => run(exitPay.awaiting_payment!(), ev.paid(T0 + 2 * HOUR + MIN, 1000, P1)),
  closed: () =>
    run(exitPay.paid!(), { type: 'exit_reported', at: T0 + 2 * HOUR + 5 * MIN, amountDue: 0 }),
};

const entryPrepay: Partial<Record<SessionState, Path>> = {
  awaiting_prepay: () => created('entry_prepay'),
  frozen: () => run(created('entry_prepay'), ev.paid(T0 + 30, FREEZE, R1)),
  settling: () =>
    run(entryPrepay.frozen!(), {
      type: 'settlement_requested',
      at: T0 + 2 * HOUR,
      callId: 'O1',
      call: 'finish',
      amount: 1000,
      due: 1000,
      purpose: 'exit',
    }),
  paid: () =>
    run(entryPrepay.settling!(), ev.ok(T0 + 2 * HOUR + 1, 'O1', FREEZE, 1000, FREEZE - 1000)),
  closed: () =>
    run(entryPrepay.paid!(), { type: 'exit_reported', at: T0 + 2 * HOUR + 5 * MIN, amountDue: 0 }),
  open: () =>
    run(
      entryPrepay.frozen!(),
      {
        type: 'settlement_requested',
        at: T0 + 23 * HOUR,
        callId: 'O1',
        call: 'cancel',
        amount: FREEZE,
        due: 3000,
        purpose: 'before_end',
      },
      ev.ok(T0 + 23 * HOUR + 1, 'O1', FREEZE, 0, FREEZE),
    ),
  awaiting_payment: () => run(entryPrepay.open!(), ev.pay(T0 + 25 * HOUR, 3000)),
  failed: () =>
    run(created('entry_prepay'), {
      type: 'payment_failed',
      at: T0 + 60,
      callId: R1,
      code: '3999',
      message: '失败',
    }),
};

const booking: Partial<Record<SessionState, Path>> = {
  awaiting_prepay: () => created('roadside_booking'),
  booked: () => run(created('roadside_booking'), ev.paid(T0 + 30, FREEZE, R1)),
  arriving: () =>
    run(booking.booked!(), {
      type: 'arrival_requested',
      at: T0 + 10 * MIN,
      callId: 'O1',
      amount: 200,
    }),
  parked: () => run(booking.arriving!(), ev.ok(T0 + 10 * MIN + 1, 'O1', FREEZE, 200, 0)),
  settling: () =>
    run(booking.parked!(), {
      type: 'settlement_requested',
      at: T0 + 2 * HOUR + 10 * MIN,
      callId: 'O2',
      call: 'finish',
      amount: 1000,
      due: 1000,
      purpose: 'exit',
    }),
  paid: () =>
    run(booking.settling!(), ev.ok(T0 + 2 * HOUR + 11 * MIN, 'O2', FREEZE, 1200, FREEZE - 1200)),
  closed: () =>
    run(booking.paid!(), { type: 'exit_reported', at: T0 + 2 * HOUR + 12 * MIN, amountDue: 0 }),
  cancelling: () =>
    run(booking.booked!(), {
      type: 'cancel_requested',
      at: T0 + 5 * MIN,
      callId: 'O1',
      amount: FREEZE,
    }),
  cancelled: () =>
    run(created('roadside_booking'), { type: 'payment_abandoned', at: T0 + 60, callId: R1 }),
  no_show_settling: () =>
    run(booking.booked!(), {
      type: 'no_show_requested',
      at: T0 + 15 * MIN,
      callId: 'O1',
      call: 'finish',
      amount: 200,
    }),
  no_show: () =>
    run(booking.no_show_settling!(), ev.ok(T0 + 15 * MIN + 1, 'O1', FREEZE, 200, FREEZE - 200)),
  settled_by_platform: () =>
    run(booking.booked!(), {
      type: 'platform_settled',
      at: T0 + 24 * HOUR,
      totals: { fee: FREEZE, finished: FREEZE, returned: 0 },
    }),
  failed: () =>
    run(created('roadside_booking'), {
      type: 'payment_failed',
      at: T0 + 60,
      callId: R1,
      code: '3088',
      message: '未支付',
    }),
  open: () =>
    run(booking.parked!(), {
      type: 'platform_settled',
      at: T0 + 24 * HOUR,
      totals: { fee: FREEZE, finished: FREEZE, returned: 0 },
    }),
  awaiting_payment: () => run(booking.open!(), ev.pay(T0 + 25 * HOUR, 800)),
};

export const FIXTURE_PATHS: Readonly<Record<SessionFlow, Partial<Record<SessionState, Path>>>> = {
  exit_pay: exitPay,
  entry_prepay: entryPrepay,
  roadside_booking: booking,
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A deep-frozen session of `flow` in `state` (so a test notices any mutation), or undefined if unreachable. */
export function sessionIn(flow: SessionFlow, state: SessionState): Session | undefined {
  const path = FIXTURE_PATHS[flow][state];
  return path ? deepFreeze(path()) : undefined;
}
