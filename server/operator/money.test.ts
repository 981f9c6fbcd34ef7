import { newSession, type Session } from '../../core/parking/session';
import { run } from '../../core/parking/session-fixtures';
import { GATED_LOT, HOUR, T0, TARIFF } from '../../core/parking/test-fixtures';
import { moneyMovements, totalsBetween, touchedBetween } from './money';
import { revenueRows } from './revenue';
import { chinaDateOf, dayRange } from './china-dates';

const R = 'R250101100000AAAAAAAAAAAAAAAA';
const O = 'O250101130000AAAAAAAAAAAAAAAA';
const P = 'P250102130000AAAAAAAAAAAAAAAA';

function prepaid(): Session {
  const created = newSession({
    id: 'S1',
    lot: GATED_LOT,
    tariff: TARIFF,
    flow: 'entry_prepay',
    plate: '粤BD12345',
    at: T0,
    gateId: 'G1',
    prepayReqsn: R,
  });
  if (!created.ok) throw new Error(created.message);
  return run(created.value, {
    type: 'payment_succeeded',
    at: T0 + 60,
    callId: R,
    amount: 5000,
    aip: 30,
  });
}

/** Finished 1500 out of 5000 three hours after entry: 3500 returned by the finish itself. */
function finished(): Session {
  return run(
    prepaid(),
    {
      type: 'settlement_requested',
      at: T0 + 3 * HOUR,
      callId: O,
      call: 'finish',
      amount: 1500,
      due: 1500,
      purpose: 'exit',
    },
    {
      type: 'freeze_call_succeeded',
      at: T0 + 3 * HOUR + 5,
      callId: O,
      totals: { fee: 5000, finished: 1500, returned: 3500, aip: 30 },
    },
  );
}

describe('moneyMovements', () => {
  it('counts the charge and the return of a finish when it succeeded, the handling fee at the prepay', () => {
    expect(moneyMovements(finished())).toEqual([
      { at: T0 + 60, charged: 0, returned: 0, aip: 30 },
      { at: T0 + 3 * HOUR + 5, charged: 1500, returned: 0, aip: 0 },
      { at: T0 + 3 * HOUR + 5, charged: 0, returned: 3500, aip: 0 },
    ]);
  });

  it('counts what the platform settled at endTime on the day it was learnt', () => {
    const settled = run(prepaid(), {
      type: 'platform_settled',
      at: T0 + 25 * HOUR,
      totals: { fee: 5000, finished: 5000, returned: 0 },
    });
    const moves = moneyMovements(settled);
    expect(moves.filter((m) => m.charged > 0)).toEqual([
      { at: T0 + 25 * HOUR, charged: 5000, returned: 0, aip: 0 },
    ]);
  });

  it('counts a later pay on its own day', () => {
    const open = run(
      prepaid(),
      {
        type: 'settlement_requested',
        at: T0 + 3 * HOUR,
        callId: O,
        call: 'finish',
        amount: 5000,
        due: 6000,
        purpose: 'exit',
      },
      {
        type: 'freeze_call_succeeded',
        at: T0 + 3 * HOUR,
        callId: O,
        totals: { fee: 5000, finished: 5000, returned: 0 },
      },
    );
    expect(open.state).toBe('open');
    const paid = run(
      open,
      { type: 'pay_requested', at: T0 + 27 * HOUR, callId: P, amount: 1000 },
      { type: 'payment_succeeded', at: T0 + 27 * HOUR, callId: P, amount: 1000, aip: 6 },
    );
    const { start, end } = dayRange(chinaDateOf(T0 + 27 * HOUR), chinaDateOf(T0 + 27 * HOUR));
    expect(totalsBetween([paid], start, end)).toEqual({
      charged: 1000,
      returned: 0,
      handlingFee: 6,
      net: 994,
    });
    expect(touchedBetween(paid, start, end)).toBe(true);
    expect(touchedBetween(prepaid(), start, end)).toBe(false);
  });
});

describe('revenueRows', () => {
  it('gives one row per day and lot, zero days included', () => {
    const first = chinaDateOf(T0);
    const { start, end, days } = dayRange(first, chinaDateOf(T0 + 2 * 24 * HOUR));
    const rows = revenueRows(new Map([['L1', [finished()]]]), days, start, end);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      date: first,
      lotId: 'L1',
      charged: 1500,
      returned: 3500,
      handlingFee: 30,
      net: 1470,
    });
    expect(rows.slice(1).every((r) => r.charged === 0 && r.net === 0)).toBe(true);
  });
});
