import { newSession, type Session } from '../../core/parking/session';
import { run } from '../../core/parking/session-fixtures';
import { GATED_LOT, HOUR, ROADSIDE_LOT, T0, TARIFF } from '../../core/parking/test-fixtures';
import { formatFintime } from '../../core/parking/china-time';
import { moneyMovements, totalsBetween, touchedBetween } from './money';
import { defaultRange, revenueRows } from './revenue';
import { chinaDateOf, dayRange } from './china-dates';
import { dayOf } from './reconciliation';
import { completedAtOf } from '../../core/parking/completed-at';

const R = 'R250101100000AAAAAAAAAAAAAAAA';
const O = 'O250101130000AAAAAAAAAAAAAAAA';
const P = 'P250102130000AAAAAAAAAAAAAAAA';
const Q = 'P250102140000AAAAAAAAAAAAAAAA';
/** T0 is 10:00 China time on 2025-01-01: midnight is 14 hours later. */
const MIDNIGHT = T0 + 14 * HOUR;
const DAY1 = dayRange('2025-01-01', '2025-01-01');
const DAY2 = dayRange('2025-01-02', '2025-01-02');

function prepaid(at = T0): Session {
  const created = newSession({
    id: 'S1',
    lot: GATED_LOT,
    tariff: TARIFF,
    flow: 'entry_prepay',
    plate: '粤BD12345',
    at,
    gateId: 'G1',
    prepayReqsn: R,
  });
  if (!created.ok) throw new Error(created.message);
  // A prepay's notification carries feeAIP=0: nothing is charged yet (sandbox/README.md).
  return run(created.value, {
    type: 'payment_succeeded',
    at: at + 60,
    callId: R,
    amount: 5000,
    aip: 0,
  });
}

function finishAt(session: Session, at: number, amount: number, aip: number): Session {
  return run(
    session,
    {
      type: 'settlement_requested',
      at,
      callId: O,
      call: 'finish',
      amount,
      due: amount,
      purpose: 'exit',
    },
    {
      type: 'freeze_call_succeeded',
      at: at + 5,
      callId: O,
      totals: { fee: 5000, finished: amount, returned: 5000 - amount, aip },
    },
  );
}

function exitPay(calls: Array<{ id: string; at: number; amount: number; aip: number }>): Session {
  const created = newSession({
    id: 'S2',
    lot: GATED_LOT,
    tariff: TARIFF,
    flow: 'exit_pay',
    plate: '粤BD12346',
    at: T0,
    gateId: 'G1',
  });
  if (!created.ok) throw new Error(created.message);
  let s = created.value;
  for (const c of calls) {
    s = run(
      s,
      { type: 'pay_requested', at: c.at, callId: c.id, amount: c.amount },
      { type: 'payment_succeeded', at: c.at + 10, callId: c.id, amount: c.amount, aip: c.aip },
    );
  }
  return s;
}

describe('moneyMovements', () => {
  it('counts the charge, its handling fee and the return of a finish when it succeeded', () => {
    expect(moneyMovements(finishAt(prepaid(), T0 + 3 * HOUR, 1500, 9))).toEqual([
      {
        at: T0 + 3 * HOUR + 5,
        kind: 'finish',
        reqsn: R,
        charged: 1500,
        returned: 3500,
        aip: 9,
      },
    ]);
  });

  // Walkthrough defect: 收费 ¥0.00 with 手续费 ¥0.04 (net −¥0.04) on the prepay's day.
  it('puts a prepay’s handling fee on the day of the finish that charges it, not the freeze’s', () => {
    const s = finishAt(prepaid(MIDNIGHT - 20 * 60), MIDNIGHT + 30 * 60, 700, 4);
    expect(totalsBetween([s], DAY1.start, DAY1.end)).toEqual({
      charged: 0,
      returned: 0,
      handlingFee: 0,
      net: 0,
    });
    expect(totalsBetween([s], DAY2.start, DAY2.end)).toEqual({
      charged: 700,
      returned: 4300,
      handlingFee: 4,
      net: 696,
    });
  });

  it('dates the platform’s settlement at endTime, even when learnt the next day', () => {
    const start = MIDNIGHT - 25 * HOUR;
    const s = prepaid(start);
    const endTime = s.endTime as number;
    expect(endTime).toBeLessThan(MIDNIGHT);
    const settled = run(s, {
      type: 'platform_settled',
      at: MIDNIGHT + HOUR,
      totals: { fee: 5000, finished: 5000, returned: 0, aip: 30 },
    });
    expect(moneyMovements(settled)).toEqual([
      { at: endTime, kind: 'settle', reqsn: R, charged: 5000, returned: 0, aip: 30 },
    ]);
    expect(totalsBetween([settled], DAY2.start, DAY2.end).charged).toBe(0);
  });

  it('splits the handling fee between an arrival finish and the settlement', () => {
    const created = newSession({
      id: 'S3',
      lot: ROADSIDE_LOT,
      tariff: TARIFF,
      flow: 'roadside_booking',
      plate: '粤BD12345',
      at: T0,
      spotId: 'S1',
      prepayReqsn: R,
    });
    if (!created.ok) throw new Error(created.message);
    let s = run(
      created.value,
      { type: 'payment_succeeded', at: T0 + 60, callId: R, amount: 5000, aip: 0 },
      { type: 'arrival_requested', at: T0 + 600, callId: P, amount: 300 },
      {
        type: 'freeze_call_succeeded',
        at: T0 + 600,
        callId: P,
        totals: { fee: 5000, finished: 300, returned: 0, aip: 2 },
      },
    );
    s = run(s, {
      type: 'platform_settled',
      at: (s.endTime as number) + 60,
      totals: { fee: 5000, finished: 5000, returned: 0, aip: 30 },
    });
    const moves = moneyMovements(s);
    expect(moves.map((m) => [m.kind, m.at, m.charged, m.aip])).toEqual([
      ['finish', T0 + 600, 300, 2],
      ['settle', s.endTime, 4700, 28],
    ]);
  });

  it('dates a pay by the platform’s fintime when the notification gave one', () => {
    let s = exitPay([]);
    s = run(
      s,
      { type: 'pay_requested', at: MIDNIGHT - 60, callId: P, amount: 800 },
      {
        type: 'payment_succeeded',
        at: MIDNIGHT + 600,
        callId: P,
        amount: 800,
        aip: 5,
        ...completedAtOf(formatFintime(MIDNIGHT - 30), MIDNIGHT + 600),
      },
    );
    expect(moneyMovements(s).map((m) => m.at)).toEqual([MIDNIGHT - 30]);
    expect(totalsBetween([s], DAY1.start, DAY1.end).charged).toBe(800);
  });

  it('counts a later pay on its own day', () => {
    const paid = exitPay([
      { id: P, at: T0 + 3 * HOUR, amount: 600, aip: 4 },
      { id: Q, at: T0 + 27 * HOUR, amount: 200, aip: 1 },
    ]);
    expect(totalsBetween([paid], DAY2.start, DAY2.end)).toEqual({
      charged: 200,
      returned: 0,
      handlingFee: 1,
      net: 199,
    });
    expect(touchedBetween(paid, DAY2.start, DAY2.end)).toBe(true);
    expect(touchedBetween(prepaid(), DAY2.start, DAY2.end)).toBe(false);
  });
});

describe('completedAtOf', () => {
  it('reads a fintime, refuses a malformed one, and never dates after now', () => {
    expect(completedAtOf('20250101235930', MIDNIGHT + 60)).toEqual({ completedAt: MIDNIGHT - 30 });
    expect(completedAtOf('2025-01-01', MIDNIGHT)).toEqual({});
    expect(completedAtOf(undefined, MIDNIGHT)).toEqual({});
    expect(completedAtOf('20250102010000', MIDNIGHT)).toEqual({ completedAt: MIDNIGHT });
  });
});

// Walkthrough defect: by day, reconciliation counted the same ¥6 on two days (¥14 against ¥8).
describe('dayOf (reconciliation’s day figures)', () => {
  it('counts each payment of a session on its own day only', () => {
    const s = exitPay([
      { id: P, at: MIDNIGHT - HOUR, amount: 600, aip: 4 },
      { id: Q, at: MIDNIGHT + HOUR, amount: 200, aip: 1 },
    ]);
    const day1 = dayOf(s, DAY1.start, DAY1.end);
    const day2 = dayOf(s, DAY2.start, DAY2.end);
    expect(day1).toEqual({ charged: 600, returned: 0, aip: 4 });
    expect(day2).toEqual({ charged: 200, returned: 0, aip: 1 });
    expect(day1.charged + day2.charged).toBe(800);
  });
});

describe('revenue', () => {
  it('gives one row per day and lot, zero days included', () => {
    const first = chinaDateOf(T0);
    const { start, end, days } = dayRange(first, chinaDateOf(T0 + 2 * 24 * HOUR));
    const rows = revenueRows(
      new Map([['L1', [finishAt(prepaid(), T0 + 3 * HOUR, 1500, 9)]]]),
      days,
      start,
      end,
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      date: first,
      lotId: 'L1',
      charged: 1500,
      returned: 3500,
      handlingFee: 9,
      net: 1491,
    });
    expect(rows.slice(1).every((r) => r.charged === 0 && r.net === 0)).toBe(true);
  });

  // Walkthrough defect: the default range left out today (the device's date, not the server's).
  it('defaults to the 7 China days up to today by the server’s clock', () => {
    expect(defaultRange(MIDNIGHT + 60, {})).toEqual({ from: '2024-12-27', to: '2025-01-02' });
    expect(defaultRange(MIDNIGHT - 60, {})).toEqual({ from: '2024-12-26', to: '2025-01-01' });
    expect(defaultRange(MIDNIGHT, { to: '2025-01-10' })).toEqual({
      from: '2025-01-04',
      to: '2025-01-10',
    });
  });
});
