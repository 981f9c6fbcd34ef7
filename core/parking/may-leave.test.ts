import { mayLeave, MAY_LEAVE_TEXT } from './may-leave';
import { sessionIn } from './session-fixtures';
import { SESSION_FLOWS, SESSION_STATES } from './session-states';

describe('mayLeave', () => {
  it('lets a paid vehicle out until the end of the grace time, not one second later', () => {
    const s = sessionIn('exit_pay', 'paid')!;
    const until = s.mayLeaveUntil!;
    expect(until).toBe(s.paidAt! + 900);
    expect(mayLeave(s, until)).toEqual({ allowed: true, reason: 'paid' });
    expect(mayLeave(s, until + 1)).toEqual({ allowed: false, reason: 'grace_expired' });
    expect(mayLeave(s, until + 1, 0)).toEqual({ allowed: true, reason: 'nothing_due' });
    expect(mayLeave(s, until + 1, 300)).toEqual({ allowed: false, reason: 'grace_expired' });
  });

  it('lets out an open session only when nothing is due', () => {
    const s = sessionIn('exit_pay', 'open')!;
    expect(mayLeave(s, s.inTime + 60)).toEqual({ allowed: false, reason: 'payment_required' });
    expect(mayLeave(s, s.inTime + 60, 0)).toEqual({ allowed: true, reason: 'nothing_due' });
    expect(mayLeave(s, s.inTime + 60, 1)).toEqual({ allowed: false, reason: 'payment_required' });
  });

  it('tells the gate what to do for pending and frozen sessions', () => {
    expect(mayLeave(sessionIn('exit_pay', 'awaiting_payment')!, 0, 0).reason).toBe(
      'payment_pending',
    );
    expect(mayLeave(sessionIn('entry_prepay', 'frozen')!, 0, 0).reason).toBe('settlement_required');
    expect(mayLeave(sessionIn('roadside_booking', 'parked')!, 0).reason).toBe(
      'settlement_required',
    );
    expect(mayLeave(sessionIn('entry_prepay', 'settling')!, 0).reason).toBe('settlement_pending');
    const closed = sessionIn('entry_prepay', 'closed')!;
    // Within its leave window a closed session (closed at the exit's scan) still passes; after, not.
    expect(mayLeave(closed, closed.outTime!, 0).reason).toBe('paid');
    expect(mayLeave(closed, closed.outTime! + 3600, 0).reason).toBe('not_inside');
  });

  it('allows only paid and nothing-due, and has a Chinese text for every reason', () => {
    for (const flow of SESSION_FLOWS) {
      for (const state of SESSION_STATES) {
        const s = sessionIn(flow, state);
        if (!s) continue;
        const r = mayLeave(s, s.updatedAt, 0);
        expect(r.allowed).toBe(r.reason === 'paid' || r.reason === 'nothing_due');
        expect(r.allowed).toBe(state === 'paid' || state === 'open' || state === 'closed');
        expect(MAY_LEAVE_TEXT[r.reason]).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
