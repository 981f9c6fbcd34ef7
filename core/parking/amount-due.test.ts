import { amountDue } from './amount-due';
import { newSession } from './session';
import { P1, run, sessionIn } from './session-fixtures';
import { GATED_LOT, HOUR, MIN, T0, TARIFF } from './test-fixtures';

describe('amountDue', () => {
  it('before any payment, is the fee of the whole stay minus what was charged', () => {
    const open = sessionIn('exit_pay', 'open')!;
    expect(amountDue(open, T0 + 10 * MIN)).toMatchObject({
      ok: true,
      value: { due: 0, charged: 0 },
    });
    expect(amountDue(open, T0 + 2 * HOUR)).toMatchObject({
      ok: true,
      value: { due: 1000, charged: 0 },
    });
  });

  it('counts parking of a booking from arrival and leaves the booking fee out', () => {
    const parked = sessionIn('roadside_booking', 'parked')!; // arrived at T0+10min, booking fee 200 finished
    const r = amountDue(parked, T0 + 10 * MIN + 2 * HOUR);
    expect(r).toMatchObject({ ok: true, value: { due: 1000, charged: 0 } });
    expect(amountDue(sessionIn('roadside_booking', 'booked')!, T0 + HOUR)).toMatchObject({
      ok: false,
      code: 'NOT_ARRIVED',
    });
  });

  it('never goes below zero and quotes from the start when asked before it', () => {
    const paid = sessionIn('entry_prepay', 'paid')!;
    expect(amountDue(paid, T0 + 5 * MIN)).toMatchObject({
      ok: true,
      value: { due: 0, charged: 1000 },
    });
    expect(amountDue(paid, T0 - 100)).toMatchObject({ ok: true, value: { due: 0 } });
  });
});

describe('amountDue of a session opened at an exit with no entry record', () => {
  const made = newSession({
    id: 'S-no-entry',
    lot: GATED_LOT,
    tariff: TARIFF,
    flow: 'exit_pay',
    plate: '粤BD12345',
    gateId: 'G-OUT',
    noEntryFee: 2000,
    at: T0,
  });
  if (!made.ok) throw new Error(made.message);
  const session = made.value;

  it('is flagged for the operator and owes the fixed fee whatever the time', () => {
    expect(session).toMatchObject({ state: 'open', flagged: true, noEntryFee: 2000 });
    expect(session.anomalies).toEqual([
      expect.objectContaining({ code: 'no_entry', detail: 'fixed fee 2000 fen' }),
    ]);
    for (const at of [T0, T0 + 5 * MIN, T0 + 30 * HOUR]) {
      const due = amountDue(session, at);
      expect(due).toMatchObject({ ok: true, value: { due: 2000, charged: 0 } });
    }
    const lines = (amountDue(session, T0) as { ok: true; value: { quote: { lines: unknown } } })
      .value.quote.lines;
    expect(lines).toEqual([
      { kind: 'no_entry', text: '无入场记录，固定收费 ¥20.00', amount: 2000 },
      { kind: 'total', text: '合计 ¥20.00', amount: 2000 },
    ]);
  });

  it('owes nothing once the fee is paid, even after the leave window', () => {
    const paid = run(
      session,
      { type: 'pay_requested', at: T0 + MIN, callId: P1, amount: 2000 },
      { type: 'payment_succeeded', at: T0 + 2 * MIN, callId: P1, amount: 2000 },
    );
    expect(paid.flagged).toBe(true); // still the operator's to look at
    expect(amountDue(paid, T0 + 3 * HOUR)).toMatchObject({ ok: true, value: { due: 0 } });
  });

  it('is only an exit payment', () => {
    const prepay = newSession({
      id: 'S-x',
      lot: GATED_LOT,
      tariff: TARIFF,
      flow: 'entry_prepay',
      plate: '粤BD12345',
      prepayReqsn: P1,
      noEntryFee: 2000,
      at: T0,
    });
    expect(prepay).toMatchObject({ ok: false, code: 'FLOW_NOT_OFFERED' });
  });
});
