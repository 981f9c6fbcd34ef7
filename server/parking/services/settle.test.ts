import { FREEZE, sessionIn } from '../../../core/parking/session-fixtures';
import { transition } from '../../../core/parking/session-machine';
import { DAY, HOUR, MIN, T0 } from '../../../core/parking/test-fixtures';
import { settlementEvent } from './settle';

describe('settlementEvent (ending a freeze, protocol note 7)', () => {
  const frozen = sessionIn('entry_prepay', 'frozen')!;

  it('finishes what is due with feeType 9; the rest returns by itself', () => {
    const event = settlementEvent(frozen, T0 + 2 * HOUR, 'charge_due', 'exit', 'O1', 'driver');
    expect(event).toMatchObject({
      type: 'settlement_requested',
      call: 'finish',
      amount: 1000,
      due: 1000,
    });
    expect(transition(frozen, event as never)).toMatchObject({ ok: true, to: 'settling' });
  });

  it('cancels everything when nothing is due (a finish may not be 0)', () => {
    expect(settlementEvent(frozen, T0 + 10 * MIN, 'charge_due', 'exit', 'O1')).toMatchObject({
      call: 'cancel',
      amount: FREEZE,
      due: 0,
    });
  });

  it('finishes the whole freeze when more is due; the balance is paid by pay', () => {
    expect(
      settlementEvent(frozen, T0 + 2 * DAY + 2 * HOUR, 'charge_due', 'exit', 'O1'),
    ).toMatchObject({
      call: 'finish',
      amount: FREEZE,
      due: 7000,
    });
  });

  it('returns it all under road 9 before endTime', () => {
    expect(settlementEvent(frozen, T0 + 23 * HOUR, 'return_all', 'before_end', 'O1')).toMatchObject(
      {
        call: 'cancel',
        amount: FREEZE,
        due: 3000,
        purpose: 'before_end',
      },
    );
  });

  it('refuses when nothing is frozen', () => {
    const paid = sessionIn('entry_prepay', 'paid')!;
    expect(settlementEvent(paid, T0 + 3 * HOUR, 'charge_due', 'exit', 'O2')).toMatchObject({
      ok: false,
      code: 'NOTHING_FROZEN',
    });
  });
});
