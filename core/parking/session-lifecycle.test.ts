import { neverStarted } from './session';
import { FREEZE, P1, R1, run, sessionIn } from './session-fixtures';
import { transition } from './session-machine';
import { STATE_INFO } from './session-states';
import { HOUR, MIN, T0 } from './test-fixtures';

/**
 * The lifecycle rules of a day in a lot: a prepay never made is no parking; the scan at an exit
 * gate is the exit; a plate that enters again closes what it left open; a late arrival follows
 * the no-show rule.
 */
describe('a prepay never made', () => {
  it('abandoned at the cashier: 未完成支付, no parking, nothing to bill', () => {
    const s = run(sessionIn('entry_prepay', 'awaiting_prepay')!, {
      type: 'payment_abandoned',
      at: T0 + 60,
      callId: R1,
    });
    expect(s.state).toBe('failed');
    expect(STATE_INFO[s.state]).toMatchObject({ label: '未完成支付', final: true });
    expect(neverStarted(s)).toBe(true);
  });

  it('a booking given up before payment stays a cancelled booking, also never started', () => {
    const s = sessionIn('roadside_booking', 'cancelled')!;
    expect(neverStarted(s)).toBe(true);
    expect(neverStarted(sessionIn('roadside_booking', 'no_show')!)).toBe(false);
    expect(neverStarted(sessionIn('exit_pay', 'closed')!)).toBe(false);
  });

  it('a late prepay after the abandon still revives it (the money stands)', () => {
    const failed = sessionIn('entry_prepay', 'failed')!;
    const r = transition(failed, {
      type: 'payment_succeeded',
      at: T0 + 120,
      callId: R1,
      amount: FREEZE,
    });
    expect(r).toMatchObject({ ok: true, to: 'frozen' });
  });
});

describe('the scan at an exit gate is the exit', () => {
  it('a pay started at the exit closes the session when it succeeds, the exit at the scan', () => {
    const open = sessionIn('exit_pay', 'open')!;
    const asked = run(open, {
      type: 'pay_requested',
      at: T0 + 2 * HOUR,
      callId: P1,
      amount: 1000,
      atExit: true,
    });
    expect(asked.calls.at(-1)).toMatchObject({ atExit: true });
    const done = run(asked, {
      type: 'payment_succeeded',
      at: T0 + 2 * HOUR + 40,
      callId: P1,
      amount: 1000,
    });
    expect(done).toMatchObject({
      state: 'closed',
      outTime: T0 + 2 * HOUR,
      paidAt: T0 + 2 * HOUR + 40,
      amounts: { paid: 1000 },
      flagged: false,
    });
    expect(done.mayLeaveUntil).toBe(T0 + 2 * HOUR + 40 + open.policy.graceSeconds);
  });

  it('a pay at a pay station (not at the exit) leaves the session paid, to leave in the window', () => {
    const paid = sessionIn('exit_pay', 'paid')!;
    expect(paid.state).toBe('paid');
    expect(paid.outTime).toBeUndefined();
  });

  it('a settlement from the freeze started at the exit closes the session', () => {
    const frozen = sessionIn('entry_prepay', 'frozen')!;
    const s = run(
      frozen,
      {
        type: 'settlement_requested',
        at: T0 + 2 * HOUR,
        callId: 'O1',
        call: 'finish',
        amount: 1000,
        due: 1000,
        purpose: 'exit',
        atExit: true,
      },
      {
        type: 'freeze_call_succeeded',
        at: T0 + 2 * HOUR + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: 1000, returned: FREEZE - 1000 },
      },
    );
    expect(s).toMatchObject({ state: 'closed', outTime: T0 + 2 * HOUR });
    expect(s.amounts).toMatchObject({ finished: 1000, returned: FREEZE - 1000 });
  });

  it('a settlement at the exit that leaves a balance does not close: the balance is paid', () => {
    const frozen = sessionIn('entry_prepay', 'frozen')!;
    const s = run(
      frozen,
      {
        type: 'settlement_requested',
        at: T0 + 30 * HOUR,
        callId: 'O1',
        call: 'finish',
        amount: FREEZE,
        due: FREEZE + 500,
        purpose: 'exit',
        atExit: true,
      },
      {
        type: 'freeze_call_succeeded',
        at: T0 + 30 * HOUR + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: FREEZE, returned: 0 },
      },
    );
    expect(s.state).toBe('open');
  });
});

describe('the same plate enters again', () => {
  it('closes a paid session as exit not recorded, with what it paid, flagged', () => {
    const paid = sessionIn('exit_pay', 'paid')!;
    const s = run(paid, { type: 'exit_not_recorded', at: T0 + 9 * HOUR, by: 'gate' });
    // The exit is put where the payment was billed: the receipt's fee is what it paid.
    expect(s).toMatchObject({ state: 'closed', outTime: T0 + 2 * HOUR, flagged: true });
    expect(s.anomalies.map((a) => a.code)).toEqual(['exit_not_recorded']);
    expect(s.amounts.paid).toBe(paid.amounts.paid);
  });

  it('closes an unpaid open session at the new entry, flagged; a repeat is already', () => {
    const open = sessionIn('exit_pay', 'open')!;
    const s = run(open, { type: 'exit_not_recorded', at: T0 + 3 * HOUR });
    expect(s).toMatchObject({ state: 'closed', outTime: T0 + 3 * HOUR, flagged: true });
    expect(transition(s, { type: 'exit_not_recorded', at: T0 + 3 * HOUR + 1 })).toMatchObject({
      ok: true,
      outcome: 'already',
    });
  });

  it('refuses it while money is frozen or moving', () => {
    for (const state of ['frozen', 'settling', 'awaiting_prepay'] as const) {
      const r = transition(sessionIn('entry_prepay', state)!, {
        type: 'exit_not_recorded',
        at: T0 + 3 * HOUR,
      });
      expect(r).toMatchObject({ ok: false, code: 'TRANSITION_NOT_ALLOWED' });
    }
  });
});

describe('an arrival after the hold', () => {
  it('is refused with HOLD_EXPIRED (reconcile then applies the no-show rule)', () => {
    const booked = sessionIn('roadside_booking', 'booked')!;
    const late = (booked.holdUntil as number) + MIN;
    expect(
      transition(booked, { type: 'arrival_requested', at: late, callId: 'O1', amount: 200 }),
    ).toMatchObject({ ok: false, code: 'HOLD_EXPIRED' });
    expect(
      transition(booked, {
        type: 'arrival_requested',
        at: booked.holdUntil as number,
        callId: 'O1',
        amount: 200,
      }),
    ).toMatchObject({ ok: true, to: 'arriving' });
  });
});
