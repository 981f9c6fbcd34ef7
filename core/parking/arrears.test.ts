import { arrearsOf } from './arrears';
import { run, sessionIn } from './session-fixtures';
import { HOUR, T0 } from './test-fixtures';

describe('arrearsOf: a roadside stay closed with something owed', () => {
  const open = sessionIn('roadside_booking', 'open')!; // the platform finished the freeze, more is due
  const at = T0 + 30 * HOUR;

  it('the car gone unseen with a fee due: the evidence', () => {
    const closed = run(open, { type: 'exit_not_recorded', at });
    const a = arrearsOf(open, closed);
    expect(a).toMatchObject({ sessionId: open.id, plate: open.plate, to: at });
    expect(a!.due).toBeGreaterThan(0);
    expect(a!.due).toBe(a!.fee - a!.charged);
    // Only the change into closed records it: a later change of a closed session does not.
    expect(arrearsOf(closed, closed)).toBeUndefined();
  });

  it('none when paid in full, when an operator closes it, or for a gated stay', () => {
    const paid = sessionIn('roadside_booking', 'paid')!;
    const closedPaid = sessionIn('roadside_booking', 'closed')!;
    expect(arrearsOf(paid, closedPaid)).toBeUndefined();
    const byOperator = run(open, { type: 'operator_closed', at, by: 'o-op', reason: '减免' });
    expect(arrearsOf(open, byOperator)).toBeUndefined();
    const gated = sessionIn('exit_pay', 'open')!;
    expect(
      arrearsOf(gated, run(gated, { type: 'exit_not_recorded', at: gated.inTime + HOUR })),
    ).toBeUndefined();
  });
});
