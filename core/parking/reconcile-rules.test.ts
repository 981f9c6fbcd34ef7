import { notLeft, reconcileActions } from './reconcile-rules';
import { run, sessionIn } from './session-fixtures';
import { transition } from './session-machine';
import { DAY, GATED_LOT, MIN, T0 } from './test-fixtures';

const LOT_RULES = GATED_LOT;

describe('reconcileActions', () => {
  it('queries first whenever a call is open', () => {
    expect(
      reconcileActions(sessionIn('exit_pay', 'awaiting_payment')!, GATED_LOT, T0 + 30 * DAY),
    ).toEqual(['query']);
    expect(reconcileActions(sessionIn('roadside_booking', 'settling')!, GATED_LOT, T0)).toEqual([
      'query',
    ]);
  });

  it('settles a no-show once the hold is over, not before', () => {
    const booked = sessionIn('roadside_booking', 'booked')!;
    expect(reconcileActions(booked, GATED_LOT, booked.holdUntil! - 1)).toEqual(['none']);
    expect(reconcileActions(booked, GATED_LOT, booked.holdUntil!)).toEqual(['no_show']);
  });

  it('settles a freeze from settleBeforeEndSeconds before endTime', () => {
    const frozen = sessionIn('entry_prepay', 'frozen')!;
    const from = frozen.endTime! - GATED_LOT.settleBeforeEndSeconds;
    expect(reconcileActions(frozen, GATED_LOT, from - 1)).toEqual(['none']);
    expect(reconcileActions(frozen, GATED_LOT, from)).toEqual(['settle_before_end']);
    expect(reconcileActions(sessionIn('roadside_booking', 'parked')!, GATED_LOT, from)).toEqual([
      'settle_before_end',
    ]);
  });

  it('flags a stale session once, and never a finished one', () => {
    const open = sessionIn('exit_pay', 'open')!;
    const late = T0 + GATED_LOT.staleSeconds + 1;
    expect(reconcileActions(open, GATED_LOT, late - 1)).toEqual(['none']);
    expect(reconcileActions(open, GATED_LOT, late)).toEqual(['flag_stale']);
    const flagged = transition(open, { type: 'stale_flagged', at: late });
    expect(flagged.ok && reconcileActions(flagged.session, GATED_LOT, late + 10 * MIN)).toEqual([
      'none',
    ]);
    expect(reconcileActions(sessionIn('exit_pay', 'closed')!, GATED_LOT, late)).toEqual(['none']);
  });
});

describe('paid and not seen leaving', () => {
  it('flags a gated session paid at a pay station once its leave window is over, once', () => {
    const paid = sessionIn('exit_pay', 'paid')!;
    const until = paid.mayLeaveUntil as number;
    expect(reconcileActions(paid, LOT_RULES, until)).not.toContain('flag_not_left');
    expect(reconcileActions(paid, LOT_RULES, until + 1)).toContain('flag_not_left');
    const flagged = run(paid, {
      type: 'anomaly_recorded',
      at: until + 1,
      code: 'not_left',
      detail: 'x',
    });
    expect(reconcileActions(flagged, LOT_RULES, until + 60)).not.toContain('flag_not_left');
  });

  it('leaves roadside sessions to be closed instead', () => {
    const paid = sessionIn('roadside_booking', 'paid')!;
    expect(notLeft(paid, (paid.mayLeaveUntil as number) + 60)).toBe(false);
  });
});
