import { amountDue } from './amount-due';
import { sessionIn } from './session-fixtures';
import { HOUR, MIN, T0 } from './test-fixtures';

describe('amountDue', () => {
  it('before any payment, is the fee of the whole stay minus what was charged', () => {
    const open = sessionIn('exit_pay', 'open')!;
    expect(amountDue(open, T0 + 10 * MIN)).toMatchObject({
      ok: true,
      value: { due: 0, charged: 0 },
    });
    expect(amountDue(open, T0 + 2 * HOUR)).toMatchObject({
      ok: true,
      value: { due: 1000, charged: 0 },
    });
  });

  it('counts parking of a booking from arrival and leaves the booking fee out', () => {
    const parked = sessionIn('roadside_booking', 'parked')!; // arrived at T0+10min, booking fee 200 finished
    const r = amountDue(parked, T0 + 10 * MIN + 2 * HOUR);
    expect(r).toMatchObject({ ok: true, value: { due: 1000, charged: 0 } });
    expect(amountDue(sessionIn('roadside_booking', 'booked')!, T0 + HOUR)).toMatchObject({
      ok: false,
      code: 'NOT_ARRIVED',
    });
  });

  it('never goes below zero and quotes from the start when asked before it', () => {
    const paid = sessionIn('entry_prepay', 'paid')!;
    expect(amountDue(paid, T0 + 5 * MIN)).toMatchObject({
      ok: true,
      value: { due: 0, charged: 1000 },
    });
    expect(amountDue(paid, T0 - 100)).toMatchObject({ ok: true, value: { due: 0 } });
  });
});
