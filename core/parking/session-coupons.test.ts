/**
 * Coupons of a pay (issue 11, Deliver 5): the notification carries no couponList, so they come
 * with the pay's success when learnt by query, or later by a query of a success already recorded;
 * either way they count once, however often the success repeats.
 */
import type { Session } from './session';
import type { SessionEvent } from './session-events';
import { P1, sessionIn } from './session-fixtures';
import { transition } from './session-machine';
import { HOUR, T0 } from './test-fixtures';

const AT = T0 + 2 * HOUR;

function apply(s: Session, e: SessionEvent): { session: Session; outcome: string } {
  const r = transition(s, e);
  if (!r.ok) throw new Error(`${e.type}: ${r.code}`);
  return { session: r.session, outcome: r.outcome };
}

const succeeded = (at: number, coupons?: number): SessionEvent => ({
  type: 'payment_succeeded',
  at,
  callId: P1,
  amount: 1200,
  ...(coupons !== undefined && { coupons }),
});

function awaitingPay(): Session {
  const open = sessionIn('exit_pay', 'open')!;
  return apply(open, { type: 'pay_requested', at: AT, callId: P1, amount: 1200 }).session;
}

const payCall = (s: Session) => s.calls.find((c) => c.id === P1)!;

describe('coupons of a pay', () => {
  it('records the coupons of a success learnt by query once, across repeats', () => {
    let s = apply(awaitingPay(), succeeded(AT + 10, 500)).session;
    expect(s.state).toBe('paid');
    expect(payCall(s).coupons).toBe(500);
    expect(s.amounts).toMatchObject({ paid: 1200, coupons: 500 });
    for (const repeat of [succeeded(AT + 20, 500), succeeded(AT + 30), succeeded(AT + 40, 700)]) {
      const r = apply(s, repeat);
      expect(r.outcome).toBe('already');
      s = r.session;
    }
    expect(s.amounts).toMatchObject({ paid: 1200, coupons: 500 });
    expect(s.anomalies).toEqual([]);
  });

  it('learns the coupons of a success by notification from a later query, once', () => {
    let s = apply(awaitingPay(), succeeded(AT + 10)).session;
    expect(payCall(s).coupons).toBeUndefined();
    expect(s.amounts.coupons).toBe(0);
    expect(apply(s, succeeded(AT + 15)).outcome).toBe('already');

    const learnt = apply(s, succeeded(AT + 20, 500));
    expect(learnt.outcome).toBe('applied');
    s = learnt.session;
    expect(s.state).toBe('paid');
    expect(payCall(s)).toMatchObject({ status: 'succeeded', coupons: 500, resolvedAt: AT + 10 });
    expect(s.amounts).toMatchObject({ paid: 1200, coupons: 500 });
    expect(s.paidAt).toBe(AT + 10);
    expect(s.anomalies).toEqual([]);

    for (const repeat of [succeeded(AT + 30, 500), succeeded(AT + 40), succeeded(AT + 50, 300)]) {
      expect(apply(s, repeat).outcome).toBe('already');
    }
  });

  it('marks a query that found no coupons as known (0), so it is not asked again', () => {
    let s = apply(awaitingPay(), succeeded(AT + 10)).session;
    s = apply(s, succeeded(AT + 20, 0)).session;
    expect(payCall(s).coupons).toBe(0);
    expect(apply(s, succeeded(AT + 30, 500)).outcome).toBe('already');
    expect(s.amounts.coupons).toBe(0);
  });

  it('still refuses a repeat of another amount', () => {
    const s = apply(awaitingPay(), succeeded(AT + 10)).session;
    const r = transition(s, { ...succeeded(AT + 20, 500), amount: 700 } as SessionEvent);
    expect(r).toMatchObject({ ok: false, code: 'AMOUNT_MISMATCH' });
  });
});
