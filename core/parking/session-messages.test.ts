import type { Session } from './session';
import type { SessionEvent } from './session-events';
import { P1, sessionIn } from './session-fixtures';
import { sessionMessages } from './session-messages';
import { transition } from './session-machine';
import { HOUR, T0 } from './test-fixtures';

function apply(s: Session, e: SessionEvent): Session {
  const r = transition(s, e);
  if (!r.ok) throw new Error(`${e.type}: ${r.code}`);
  return r.session;
}

const AT = T0 + 3 * HOUR;
const awaiting = () => sessionIn('exit_pay', 'awaiting_payment')!;
const paid: SessionEvent = { type: 'payment_succeeded', at: AT, callId: P1, amount: 1000 };

describe('sessionMessages', () => {
  it('a pay that succeeds earns one receipt for the driver who paid', () => {
    const before = awaiting();
    const after = apply(before, paid);
    expect(sessionMessages(before, after)).toEqual([
      expect.objectContaining({
        kind: 'parking_receipt',
        id: `parking_receipt:${P1}`,
        openid: before.openid,
        callId: P1,
        amount: 1000,
      }),
    ]);
  });

  it('a repeat of the success earns nothing more', () => {
    const after = apply(awaiting(), paid);
    const again = transition(after, { ...paid, at: AT + 10 });
    expect(again.ok && sessionMessages(after, again.session)).toEqual([]);
  });

  it('a payment without openid (camera, H5) earns nothing', () => {
    const before = { ...awaiting(), openid: undefined };
    expect(sessionMessages(before, apply(before, paid))).toEqual([]);
  });

  it('a refused pay earns one failure message', () => {
    const before = awaiting();
    const after = apply(before, {
      type: 'payment_failed',
      at: AT,
      callId: P1,
      code: '3999',
      message: '余额不足',
    });
    expect(sessionMessages(before, after)).toEqual([
      expect.objectContaining({ kind: 'payment_failed', id: `payment_failed:${P1}` }),
    ]);
  });

  it('a write that moves no call earns nothing', () => {
    const s = awaiting();
    expect(sessionMessages(s, s)).toEqual([]);
  });
});
