import { amountDue } from './amount-due';
import type { SessionEvent } from './session-events';
import { run, sessionIn } from './session-fixtures';
import { HOUR, MIN, T0 } from './test-fixtures';

// The fixture's exit pay: ¥10.00 requested at T0+2h (10:00 China + 2h), paid at T0+2h01m;
// the lot's leave window is 15 minutes, so it ends at T0+2h16m (12:16 China). Day ¥5/h.
const WINDOW_END = T0 + 2 * HOUR + 16 * MIN;

const pay = (at: number, amount: number, callId: string): SessionEvent[] => [
  { type: 'pay_requested', at, callId, amount },
  { type: 'payment_succeeded', at: at + MIN, callId, amount },
];

describe('amountDue after a payment (leave window, overstay)', () => {
  it('owes nothing inside the leave window, though the whole stay has grown a unit', () => {
    const paid = sessionIn('exit_pay', 'paid')!;
    expect(paid.mayLeaveUntil).toBe(WINDOW_END);
    const r = amountDue(paid, T0 + 2 * HOUR + 10 * MIN);
    expect(r).toMatchObject({ ok: true, value: { due: 0, charged: 1000, quote: { total: 1000 } } });
    expect(r.ok && r.value.overstay).toBeUndefined();
    expect(r.ok && r.value.quote.lines.map((l) => l.kind)).toContain('leave_window');
  });

  it('after the window charges only the time from its end, with no free minutes', () => {
    const paid = sessionIn('exit_pay', 'paid')!;
    // 54 minutes after the window: one unit (¥5), not the 4th and 3rd hours of the stay (¥10).
    const r = amountDue(paid, WINDOW_END + 54 * MIN);
    expect(r).toMatchObject({
      ok: true,
      value: { due: 500, charged: 1000, overstay: { windowEnd: WINDOW_END, fee: 500, due: 500 } },
    });
    expect(r.ok && r.value.quote.total).toBe(1500);
    const overstayLine = r.ok ? r.value.quote.lines.find((l) => l.kind === 'overstay') : undefined;
    expect(overstayLine).toMatchObject({ amount: 500 });
    expect(overstayLine?.text).toContain('超时离场');
    // One second after the window is a started unit (the free minutes are not given again).
    expect(amountDue(paid, WINDOW_END + 1)).toMatchObject({ ok: true, value: { due: 500 } });
  });

  it('keeps the cap of the whole stay: the total never exceeds what one stay costs', () => {
    // Paid ¥30.00 (the 24 h cap) after 9 hours; the overstay (19:16 day ¥5 + 20:16 night ¥2)
    // would be ¥7.00, but the whole stay of 11 hours is still ¥30.00.
    const capped = run(
      sessionIn('exit_pay', 'open')!,
      ...pay(T0 + 9 * HOUR, 3000, 'P250101190000CAPCAPCAPCAPCAPCA'),
    );
    const r = amountDue(capped, T0 + 11 * HOUR);
    expect(r).toMatchObject({
      ok: true,
      value: { due: 0, overstay: { fee: 700, due: 0 }, quote: { total: 3000 } },
    });
    expect(r.ok && r.value.quote.lines.some((l) => l.kind === 'cap' && l.amount === -700)).toBe(
      true,
    );
  });

  it('counts a second overstay from the end of the window of the overstay payment', () => {
    const paid = sessionIn('exit_pay', 'paid')!;
    // The overstay is paid at T0+3h10m (¥5, window to T0+3h26m); the car still does not leave.
    const again = run(paid, ...pay(WINDOW_END + 54 * MIN, 500, 'P250101131000OVEROVEROVEROVER'));
    expect(again.mayLeaveUntil).toBe(T0 + 3 * HOUR + 26 * MIN);
    expect(amountDue(again, T0 + 3 * HOUR + 20 * MIN)).toMatchObject({
      ok: true,
      value: { due: 0, quote: { total: 1500 } },
    });
    // 30 minutes after the second window: one unit, from T0+3h26m; the whole stay would owe ¥10.
    expect(amountDue(again, T0 + 3 * HOUR + 56 * MIN)).toMatchObject({
      ok: true,
      value: { due: 500, charged: 1500, overstay: { windowEnd: T0 + 3 * HOUR + 26 * MIN } },
    });
  });

  it('bills a closed session to what it paid when it left inside the window', () => {
    const closed = sessionIn('exit_pay', 'closed')!; // exit at T0+2h05m, paid ¥10.00
    expect(amountDue(closed, closed.outTime!)).toMatchObject({
      ok: true,
      value: { due: 0, quote: { total: 1000 } },
    });
  });
});
