import { sessionIn } from '../../../core/parking/session-fixtures';
import { HOUR, MIN } from '../../../core/parking/test-fixtures';
import { REENTRY_AFTER_SECONDS, frozenLeftUnseen, leftUnseen } from './supersede';

// When a new entry of a plate means its live session's car left without its exit being seen.
describe('leftUnseen', () => {
  it('a paid session: yes once the new entry is after the payment', () => {
    const paid = sessionIn('exit_pay', 'paid')!;
    expect(leftUnseen(paid, (paid.paidAt as number) + HOUR)).toBe(true);
    // A late report of the old entry is not a new visit.
    expect(leftUnseen(paid, paid.inTime)).toBe(false);
  });

  it('an open session: only when older than a repeated tap or a double camera read', () => {
    const open = sessionIn('exit_pay', 'open')!;
    expect(leftUnseen(open, open.inTime + MIN)).toBe(false);
    expect(leftUnseen(open, open.inTime + REENTRY_AFTER_SECONDS)).toBe(true);
  });

  it('never while money is frozen or a call is out', () => {
    expect(leftUnseen(sessionIn('entry_prepay', 'frozen')!, 2e9)).toBe(false);
    expect(leftUnseen(sessionIn('exit_pay', 'awaiting_payment')!, 2e9)).toBe(false);
  });
});

// A frozen entry prepay is left unseen too, but its freeze is settled before it closes.
describe('frozenLeftUnseen', () => {
  it('a frozen entry prepay older than a repeat: yes; a second tap or camera read: no', () => {
    const frozen = sessionIn('entry_prepay', 'frozen')!;
    expect(frozenLeftUnseen(frozen, frozen.inTime + MIN)).toBe(false);
    expect(frozenLeftUnseen(frozen, frozen.inTime + REENTRY_AFTER_SECONDS)).toBe(true);
  });

  it('never while a call is out, nor for a roadside booking or a session not frozen', () => {
    expect(frozenLeftUnseen(sessionIn('entry_prepay', 'settling')!, 2e9)).toBe(false);
    expect(frozenLeftUnseen(sessionIn('entry_prepay', 'awaiting_prepay')!, 2e9)).toBe(false);
    expect(frozenLeftUnseen(sessionIn('roadside_booking', 'parked')!, 2e9)).toBe(false);
    expect(frozenLeftUnseen(sessionIn('exit_pay', 'open')!, 2e9)).toBe(false);
  });
});
