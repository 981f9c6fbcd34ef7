import { FREEZE, sessionIn } from '../../core/parking/session-fixtures';
import { HOUR, MIN, T0 } from '../../core/parking/test-fixtures';
import { quoteOf, receiptOf, sessionView, spotStatus } from './views';

describe('driver views', () => {
  it('quotes an open stay with its breakdown and the next step', () => {
    const q = quoteOf(sessionIn('exit_pay', 'open')!, T0 + 2 * HOUR);
    expect(q).toMatchObject({ fee: 1000, due: 1000, charged: 0, next: 'pay' });
    expect(q.mayLeave).toMatchObject({ allowed: false, reason: 'payment_required' });
    expect(q.lines.at(-1)).toMatchObject({ kind: 'total', amount: 1000 });
  });

  it('says settle for a freeze, confirm while a call is out, leave when paid', () => {
    expect(quoteOf(sessionIn('entry_prepay', 'frozen')!, T0 + HOUR).next).toBe('settle');
    expect(quoteOf(sessionIn('exit_pay', 'awaiting_payment')!, T0 + 2 * HOUR).next).toBe('confirm');
    const paid = sessionIn('exit_pay', 'paid')!;
    expect(quoteOf(paid, paid.mayLeaveUntil! - 1)).toMatchObject({
      next: 'leave',
      mayLeave: { allowed: true },
    });
    expect(quoteOf(sessionIn('roadside_booking', 'booked')!, T0 + MIN).next).toBe('arrive');
  });

  it('gives a receipt with charged, returned, booking fee and the handling fee', () => {
    const closed = sessionIn('roadside_booking', 'closed')!;
    const r = receiptOf(closed, closed.outTime! + HOUR);
    expect(r).toMatchObject({
      charged: 1200,
      bookingFee: 200,
      returned: FREEZE - 1200,
      frozen: FREEZE,
      // billed to the exit settlement at 2 h: the report of the exit 2 min later moves nothing
      parkingFee: 1000,
      session: { state: 'closed', final: true },
    });
    expect(r.parkingFee + r.bookingFee).toBe(r.charged);
    expect(r.durationSeconds).toBe(closed.outTime! - closed.arrivedAt!);
    expect(r.payments.map((p) => p.kind)).toEqual(['prepay', 'finish', 'finish']);
  });

  it('shows no platform details', () => {
    const view = sessionView(sessionIn('exit_pay', 'awaiting_payment')!);
    expect(view).not.toHaveProperty('calls');
    expect(view).not.toHaveProperty('history');
    expect(view).not.toHaveProperty('anomalies');
    expect(JSON.stringify(view)).not.toMatch(/P250101/);
  });

  it('tells a spot booked from one occupied', () => {
    expect(spotStatus(undefined)).toBe('free');
    expect(spotStatus(sessionIn('roadside_booking', 'booked'))).toBe('booked');
    expect(spotStatus(sessionIn('roadside_booking', 'parked'))).toBe('occupied');
  });
});
