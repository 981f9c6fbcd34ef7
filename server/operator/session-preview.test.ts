import { sessionIn } from '../../core/parking/session-fixtures';
import { HOUR } from '../../core/parking/test-fixtures';
import { previewEnd } from './session-preview';

// What an operator's finish / cancel would do, from the session alone (before a reason is typed).
describe('previewEnd', () => {
  it('finish of a freeze charges the fee due from it and returns the rest', () => {
    const frozen = sessionIn('entry_prepay', 'frozen')!;
    const p = previewEnd(frozen, 'finish', frozen.inTime + 2 * HOUR);
    expect(p.possible).toBe(true);
    expect(p.due).toBeGreaterThan(0);
    expect(p).toMatchObject({ charge: p.due, fromFreeze: p.due, waived: 0, canCancel: true });
    expect(p.charge + p.returned).toBe(frozen.amounts.frozen);
  });

  it('finish of a fee beyond the freeze charges the freeze and says what is waived', () => {
    const frozen = sessionIn('entry_prepay', 'frozen')!;
    const p = previewEnd(frozen, 'finish', frozen.inTime + 30 * HOUR);
    expect(p.charge).toBe(frozen.amounts.frozen);
    expect(p.returned).toBe(0);
    expect(p.waived).toBe(p.due - p.charge);
    expect(p.waived).toBeGreaterThan(0);
  });

  it('cancel of a freeze charges nothing and returns it all', () => {
    const parked = sessionIn('roadside_booking', 'parked')!;
    const p = previewEnd(parked, 'cancel', (parked.arrivedAt as number) + HOUR);
    expect(p).toMatchObject({ possible: true, charge: 0, canCancel: true });
    expect(p.returned).toBe(parked.amounts.frozen - parked.amounts.finished);
  });

  it('finish of an open session without freeze charges nothing: the fee is waived', () => {
    const open = sessionIn('exit_pay', 'open')!;
    const p = previewEnd(open, 'finish', open.inTime + 3 * HOUR);
    expect(p).toMatchObject({ possible: true, charge: 0, returned: 0 });
    expect(p.waived).toBe(p.due);
  });

  it('says why not before any reason: a paid session cannot be cancelled, a booking not finished', () => {
    const paid = sessionIn('exit_pay', 'paid')!;
    expect(previewEnd(paid, 'cancel', paid.updatedAt)).toMatchObject({
      possible: false,
      code: 'ALREADY_PAID',
      canCancel: false,
      charge: 0,
    });
    expect(previewEnd(paid, 'finish', paid.updatedAt)).toMatchObject({
      possible: true,
      canCancel: false,
      cancelWhyNot: expect.stringContaining('已支付'),
    });
    const booked = sessionIn('roadside_booking', 'booked')!;
    expect(previewEnd(booked, 'finish', booked.updatedAt)).toMatchObject({
      possible: false,
      code: 'NOT_ARRIVED',
      canCancel: true,
    });
  });

  it('is not possible while a call is out or once the session ended', () => {
    const settling = sessionIn('entry_prepay', 'settling')!;
    expect(previewEnd(settling, 'finish', settling.updatedAt)).toMatchObject({
      possible: false,
      code: 'CALL_PENDING',
    });
    const closed = sessionIn('exit_pay', 'closed')!;
    expect(previewEnd(closed, 'cancel', closed.updatedAt)).toMatchObject({
      possible: false,
      code: 'ALREADY_ENDED',
      canCancel: false,
    });
  });
});
