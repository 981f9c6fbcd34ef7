/**
 * Whole journeys through the machine, written from the flows of issue 4 rather than from the
 * table, so that a change of the table that breaks a journey fails here.
 */
import { amountDue } from './amount-due';
import { mayLeave } from './may-leave';
import { type Session, frozenLeft, newSession } from './session';
import type { SessionEvent } from './session-events';
import { FREEZE, P1, R1, run, sessionIn } from './session-fixtures';
import { transition } from './session-machine';
import { GATED_LOT, HOUR, MIN, ROADSIDE_LOT, T0, TARIFF, DAY } from './test-fixtures';
import { noShowCharge } from './tariff';

function apply(s: Session, e: SessionEvent): Session {
  const r = transition(s, e);
  if (!r.ok) throw new Error(`${e.type}: ${r.code}`);
  return r.session;
}

function due(s: Session, now: number): number {
  const r = amountDue(s, now);
  if (!r.ok) throw new Error(r.code);
  return r.value.due;
}

describe('exit pay', () => {
  it('pays at the exit, survives duplicate notifications and leaves', () => {
    let s = sessionIn('exit_pay', 'open')!;
    const now = T0 + 2 * HOUR;
    expect(mayLeave(s, now, due(s, now)).allowed).toBe(false);
    s = run(
      s,
      { type: 'pay_requested', at: now, callId: P1, amount: due(s, now) },
      { type: 'request_accepted', at: now, callId: P1, trxid: 'T1' },
      { type: 'payment_succeeded', at: now + 30, callId: P1, amount: 1000, aip: 6 },
    );
    expect(s).toMatchObject({ state: 'paid', paidAt: now + 30, mayLeaveUntil: now + 30 + 900 });
    expect(s.amounts).toMatchObject({ paid: 1000, aip: 6 });
    // the platform sends the notification again (protocol note 11): already, nothing changes
    const dup = transition(s, {
      type: 'payment_succeeded',
      at: now + 330,
      callId: P1,
      amount: 1000,
    });
    expect(dup).toMatchObject({ ok: true, outcome: 'already' });
    expect(mayLeave(s, now + 60)).toEqual({ allowed: true, reason: 'paid' });
    s = apply(s, { type: 'exit_reported', at: now + 120, amountDue: 0 });
    expect(s).toMatchObject({ state: 'closed', outTime: now + 120, flagged: false });
  });

  it('lets a stay within the free minutes out without paying', () => {
    let s = sessionIn('exit_pay', 'open')!;
    const now = T0 + 14 * MIN;
    expect(due(s, now)).toBe(0);
    expect(mayLeave(s, now, 0).allowed).toBe(true);
    s = apply(s, { type: 'exit_reported', at: now, amountDue: 0 });
    expect(s).toMatchObject({ state: 'closed', flagged: false });
  });

  it('asks an overstaying driver for the difference only', () => {
    let s = sessionIn('exit_pay', 'paid')!; // paid 1000 at T0+2h+1min
    const later = s.mayLeaveUntil! + 40 * MIN; // T0 + 2h56min: 3 units
    expect(mayLeave(s, later, due(s, later))).toEqual({ allowed: false, reason: 'grace_expired' });
    expect(due(s, later)).toBe(500);
    s = run(
      s,
      { type: 'pay_requested', at: later, callId: 'P2', amount: 500 },
      { type: 'payment_succeeded', at: later + 20, callId: 'P2', amount: 500 },
    );
    expect(s).toMatchObject({
      state: 'paid',
      amounts: { paid: 1500 },
      mayLeaveUntil: later + 20 + 900,
    });
  });

  it('returns to open when the payer gives up, and a later success of that pay still counts', () => {
    let s = sessionIn('exit_pay', 'awaiting_payment')!;
    s = apply(s, { type: 'payment_abandoned', at: T0 + 3 * HOUR, callId: P1, reason: '用户取消' });
    expect(s.state).toBe('open');
    s = apply(s, { type: 'payment_succeeded', at: T0 + 3 * HOUR + 60, callId: P1, amount: 1000 });
    expect(s).toMatchObject({ state: 'paid', amounts: { paid: 1000 }, flagged: false });
  });

  it('flags a second payment made while another was already paid', () => {
    let s = sessionIn('exit_pay', 'awaiting_payment')!;
    s = run(
      s,
      { type: 'payment_abandoned', at: T0 + 3 * HOUR, callId: P1 },
      { type: 'pay_requested', at: T0 + 3 * HOUR + 10, callId: 'P2', amount: 1500 },
      { type: 'payment_succeeded', at: T0 + 3 * HOUR + 20, callId: 'P2', amount: 1500 },
    );
    s = apply(s, { type: 'payment_succeeded', at: T0 + 3 * HOUR + 30, callId: P1, amount: 1000 });
    expect(s).toMatchObject({ state: 'paid', amounts: { paid: 2500 }, flagged: true });
    expect(s.anomalies.map((a) => a.code)).toEqual(['double_payment']);
  });

  it('resolves a lost answer by query: success, and not-found (protocol note 4)', () => {
    const s = run(sessionIn('exit_pay', 'awaiting_payment')!, {
      type: 'call_outcome_unknown',
      at: T0 + 2 * HOUR + 10,
      callId: P1,
    });
    expect(s.calls[0]).toMatchObject({ status: 'unknown' });
    expect(s.state).toBe('awaiting_payment');
    expect(
      apply(s, { type: 'payment_succeeded', at: T0 + 2 * HOUR + 70, callId: P1, amount: 1000 })
        .state,
    ).toBe('paid');
    const notFound = apply(s, {
      type: 'payment_failed',
      at: T0 + 2 * HOUR + 70,
      callId: P1,
      code: '1001',
      message: '交易不存在',
    });
    expect(notFound.state).toBe('open');
    expect(notFound.calls[0]).toMatchObject({ status: 'failed', error: { code: '1001' } });
  });

  it('keeps waiting through "processing" (2000) until the success', () => {
    let s = run(sessionIn('exit_pay', 'awaiting_payment')!, {
      type: 'request_accepted',
      at: T0 + 2 * HOUR,
      callId: P1,
    });
    // a query answering 2000 changes nothing: the backend applies no event, or a repeat of accepted
    expect(
      transition(s, { type: 'request_accepted', at: T0 + 2 * HOUR + 5, callId: P1 }),
    ).toMatchObject({ outcome: 'already' });
    s = apply(s, { type: 'payment_succeeded', at: T0 + 2 * HOUR + 60, callId: P1, amount: 1000 });
    expect(s.state).toBe('paid');
  });

  it('refuses a tampered fee and lets the anomaly be recorded without a state change', () => {
    let s = sessionIn('exit_pay', 'awaiting_payment')!;
    expect(
      transition(s, { type: 'payment_succeeded', at: T0 + 2 * HOUR + 30, callId: P1, amount: 1 }),
    ).toMatchObject({
      ok: false,
      code: 'AMOUNT_MISMATCH',
    });
    const anomaly: SessionEvent = {
      type: 'anomaly_recorded',
      at: T0 + 2 * HOUR + 30,
      code: 'fee_mismatch',
      detail: `${P1}: fee 1 != 1000`,
    };
    s = apply(s, anomaly);
    expect(s).toMatchObject({ state: 'awaiting_payment', flagged: true });
    expect(transition(s, { ...anomaly, at: anomaly.at + 300 })).toMatchObject({
      outcome: 'already',
    });
    s = apply(s, {
      type: 'anomalies_resolved',
      at: T0 + 3 * HOUR,
      by: 'op1',
      reason: '已核实为伪造通知',
    });
    expect(s.flagged).toBe(false);
    expect(s.anomalies[0]).toMatchObject({ resolvedBy: 'op1', resolution: '已核实为伪造通知' });
  });

  it('closes a vehicle that left while its pay was out, and keeps the late payment on record', () => {
    let s = apply(sessionIn('exit_pay', 'awaiting_payment')!, {
      type: 'exit_reported',
      at: T0 + 2 * HOUR + 60,
      amountDue: 1000,
    });
    expect(s).toMatchObject({ state: 'closed', anomalies: [{ code: 'left_unpaid' }] });
    s = apply(s, { type: 'payment_succeeded', at: T0 + 2 * HOUR + 90, callId: P1, amount: 1000 });
    expect(s).toMatchObject({ state: 'closed', amounts: { paid: 1000 } });
    expect(s.anomalies.map((a) => a.code)).toEqual(['left_unpaid', 'late_payment']);
  });

  it('flags a vehicle that left owing, and a stale session that an operator closes', () => {
    const left = apply(sessionIn('exit_pay', 'open')!, {
      type: 'exit_reported',
      at: T0 + 5 * HOUR,
      amountDue: 2500,
    });
    expect(left).toMatchObject({
      state: 'closed',
      flagged: true,
      anomalies: [{ code: 'left_unpaid' }],
    });

    let stale = apply(sessionIn('exit_pay', 'open')!, { type: 'stale_flagged', at: T0 + 8 * DAY });
    expect(stale).toMatchObject({ state: 'open', flagged: true });
    expect(transition(stale, { type: 'stale_flagged', at: T0 + 8 * DAY + 60 })).toMatchObject({
      outcome: 'already',
    });
    stale = run(
      stale,
      { type: 'operator_closed', at: T0 + 9 * DAY, by: 'op1', reason: '车辆早已离场，出口未识别' },
      { type: 'anomalies_resolved', at: T0 + 9 * DAY, by: 'op1', reason: '已关闭' },
    );
    expect(stale).toMatchObject({ state: 'closed', flagged: false });
    expect(stale.history.at(-2)).toMatchObject({
      event: 'operator_closed',
      by: 'op1',
      note: '车辆早已离场，出口未识别',
    });
  });
});

describe('entry prepay then finish at exit', () => {
  it('charges the fee with feeType 9 and returns the rest', () => {
    let s = sessionIn('entry_prepay', 'frozen')!;
    const now = T0 + 2 * HOUR;
    expect(mayLeave(s, now, due(s, now)).reason).toBe('settlement_required');
    const fee = due(s, now);
    expect(fee).toBe(1000);
    s = run(
      s,
      {
        type: 'settlement_requested',
        at: now,
        callId: 'O1',
        call: 'finish',
        amount: fee,
        due: fee,
        purpose: 'exit',
      },
      {
        type: 'freeze_call_succeeded',
        at: now + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: 1000, returned: 4000, aip: 30 },
      },
    );
    expect(s).toMatchObject({
      state: 'paid',
      outTime: now,
      amounts: { frozen: 5000, finished: 1000, returned: 4000, aip: 30 },
    });
    expect(frozenLeft(s)).toBe(0);
    expect(s.calls.find((c) => c.id === 'O1')).toMatchObject({
      reqsn: R1,
      feeType: 9,
      status: 'succeeded',
    });
    expect(mayLeave(s, now + 60).allowed).toBe(true);
    expect(apply(s, { type: 'exit_reported', at: now + 60, amountDue: 0 }).state).toBe('closed');
  });

  it('returns the whole freeze when nothing is due (a finish may not be 0, protocol note 7)', () => {
    const now = T0 + 10 * MIN;
    const s = run(
      sessionIn('entry_prepay', 'frozen')!,
      {
        type: 'settlement_requested',
        at: now,
        callId: 'O1',
        call: 'cancel',
        amount: FREEZE,
        due: 0,
        purpose: 'exit',
      },
      {
        type: 'freeze_call_succeeded',
        at: now + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: 0, returned: FREEZE },
      },
    );
    expect(s).toMatchObject({ state: 'paid', amounts: { finished: 0, returned: FREEZE } });
  });

  it('charges the whole freeze and asks for the balance by pay when the fee is larger', () => {
    const now = T0 + 2 * DAY + 2 * HOUR; // 3000 + 3000 + 1000
    let s = sessionIn('entry_prepay', 'frozen')!;
    expect(due(s, now)).toBe(7000);
    s = run(
      s,
      {
        type: 'settlement_requested',
        at: now,
        callId: 'O1',
        call: 'finish',
        amount: FREEZE,
        due: 7000,
        purpose: 'exit',
      },
      {
        type: 'freeze_call_succeeded',
        at: now + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: FREEZE, returned: 0 },
      },
    );
    expect(s.state).toBe('open');
    expect(due(s, now)).toBe(2000);
    s = run(
      s,
      { type: 'pay_requested', at: now + 30, callId: 'P2', amount: 2000 },
      { type: 'payment_succeeded', at: now + 60, callId: 'P2', amount: 2000 },
    );
    expect(s.state).toBe('paid');
    expect(due(s, now)).toBe(0);
  });

  it('goes back to frozen when the finish fails, and resolves a timed-out finish by query', () => {
    const settling = sessionIn('entry_prepay', 'settling')!;
    expect(
      apply(settling, {
        type: 'freeze_call_failed',
        at: T0 + 3 * HOUR,
        callId: 'O1',
        code: '3999',
        message: 'x',
      }).state,
    ).toBe('frozen');
    const unknown = apply(settling, {
      type: 'call_outcome_unknown',
      at: T0 + 2 * HOUR + 10,
      callId: 'O1',
    });
    expect(unknown.state).toBe('settling');
    const resolved = apply(unknown, {
      type: 'freeze_call_succeeded',
      at: T0 + 2 * HOUR + 70,
      callId: 'O1',
      totals: { fee: FREEZE, finished: 1000, returned: 4000 },
    });
    expect(resolved.state).toBe('paid');
  });

  it('lets an operator finish with a chosen amount (with a reason) and lets the vehicle out', () => {
    const now = T0 + 5 * HOUR;
    const s = run(
      sessionIn('entry_prepay', 'frozen')!,
      {
        type: 'settlement_requested',
        at: now,
        callId: 'O1',
        call: 'finish',
        amount: 500,
        due: 2500,
        purpose: 'operator',
        by: 'op1',
        reason: '设备故障减免',
      },
      {
        type: 'freeze_call_succeeded',
        at: now + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: 500, returned: 4500 },
      },
    );
    expect(s.state).toBe('paid');
    expect(s.calls.find((c) => c.id === 'O1')).toMatchObject({
      by: 'op1',
      reason: '设备故障减免',
      purpose: 'operator',
    });
    expect(s.history.at(-2)).toMatchObject({ event: 'settlement_requested', by: 'op1' });
  });

  it('settles before endTime under road=1 by charging what is due so far; the vehicle stays', () => {
    const at = T0 + 23 * HOUR;
    const frozen = sessionIn('entry_prepay', 'frozen')!;
    const owed = due(frozen, at);
    expect(owed).toBe(3000);
    const s = run(
      frozen,
      {
        type: 'settlement_requested',
        at,
        callId: 'O1',
        call: 'finish',
        amount: owed,
        due: owed,
        purpose: 'before_end',
      },
      {
        type: 'freeze_call_succeeded',
        at: at + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: owed, returned: FREEZE - owed },
      },
    );
    expect(s.state).toBe('open');
    expect(s.outTime).toBeUndefined();
    expect(due(s, at + 1)).toBe(0);
    expect(mayLeave(s, at + 1, 0).allowed).toBe(true);
  });

  it('settles before endTime by the lot policy while the vehicle stays, then pays at exit', () => {
    const s = sessionIn('entry_prepay', 'open')!; // road 9: whole freeze returned at T0+23h
    expect(s.amounts).toMatchObject({ finished: 0, returned: FREEZE });
    const exit = T0 + 25 * HOUR;
    expect(due(s, exit)).toBe(3000 + 500); // first 24 h capped, then 10:00–11:00 day
    expect(mayLeave(s, exit, due(s, exit)).reason).toBe('payment_required');
  });

  it('when endTime passes first, follows the platform (road 9 returns) and asks for the fee by pay', () => {
    const s = apply(sessionIn('entry_prepay', 'frozen')!, {
      type: 'platform_settled',
      at: T0 + DAY,
      totals: { fee: FREEZE, finished: 0, returned: FREEZE },
    });
    expect(s).toMatchObject({ state: 'open', settledByPlatformAt: T0 + DAY, flagged: true });
    expect(s.anomalies[0]?.code).toBe('platform_settled');
    expect(due(s, T0 + DAY + HOUR)).toBe(3000 + 500);
  });

  it('fails for good when the prepay fails, and revives if it was paid after all', () => {
    const failed = sessionIn('entry_prepay', 'failed')!;
    expect(mayLeave(failed, T0 + 60, 0).allowed).toBe(false);
    const revived = apply(failed, {
      type: 'payment_succeeded',
      at: T0 + 120,
      callId: R1,
      amount: FREEZE,
    });
    expect(revived).toMatchObject({ state: 'frozen', amounts: { frozen: FREEZE } });
  });

  it('resolves a timed-out prepay by query (protocol note 4)', () => {
    const s = run(
      sessionIn('entry_prepay', 'awaiting_prepay')!,
      { type: 'call_outcome_unknown', at: T0 + 10, callId: R1 },
      { type: 'payment_succeeded', at: T0 + 40, callId: R1, amount: FREEZE },
    );
    expect(s.state).toBe('frozen');
  });
});

describe('roadside booking', () => {
  it('books, arrives (feeType 1 with the booking fee), parks and leaves (feeType 9)', () => {
    const booked = sessionIn('roadside_booking', 'booked')!;
    expect(booked).toMatchObject({ holdUntil: T0 + 15 * MIN, endTime: T0 + DAY });
    const arrive = T0 + 10 * MIN;
    let s = run(
      booked,
      { type: 'arrival_requested', at: arrive, callId: 'O1', amount: TARIFF.bookingFee },
      {
        type: 'freeze_call_succeeded',
        at: arrive + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: 200, returned: 0 },
      },
    );
    expect(s).toMatchObject({
      state: 'parked',
      arrivedAt: arrive,
      amounts: { bookingFee: 200, finished: 200 },
    });
    expect(s.calls.find((c) => c.id === 'O1')).toMatchObject({ feeType: 1, reqsn: R1 });
    const leave = arrive + 90 * MIN;
    const fee = due(s, leave);
    expect(fee).toBe(1000);
    s = run(
      s,
      {
        type: 'settlement_requested',
        at: leave,
        callId: 'O2',
        call: 'finish',
        amount: fee,
        due: fee,
        purpose: 'exit',
      },
      {
        type: 'freeze_call_succeeded',
        at: leave + 1,
        callId: 'O2',
        totals: { fee: FREEZE, finished: 1200, returned: 3800 },
      },
      { type: 'exit_reported', at: leave + 2, amountDue: 0 },
    );
    expect(s).toMatchObject({
      state: 'closed',
      amounts: { finished: 1200, returned: 3800, bookingFee: 200 },
    });
  });

  it('records an arrival without a finish when there is no booking fee', () => {
    const s = apply(sessionIn('roadside_booking', 'booked')!, {
      type: 'arrival_recorded',
      at: T0 + 5 * MIN,
    });
    expect(s).toMatchObject({ state: 'parked', arrivedAt: T0 + 5 * MIN, amounts: { finished: 0 } });
  });

  it('goes back to booked when the arrival finish fails', () => {
    const s = apply(sessionIn('roadside_booking', 'arriving')!, {
      type: 'freeze_call_failed',
      at: T0 + 11 * MIN,
      callId: 'O1',
      code: '3999',
      message: 'x',
    });
    expect(s).toMatchObject({ state: 'booked' });
    expect(s.arrivedAt).toBeUndefined();
  });

  it('cancels a booking and returns the whole freeze', () => {
    const s = run(
      sessionIn('roadside_booking', 'booked')!,
      {
        type: 'cancel_requested',
        at: T0 + 5 * MIN,
        callId: 'O1',
        amount: FREEZE,
        by: 'oDriver',
        reason: '行程取消',
      },
      {
        type: 'freeze_call_succeeded',
        at: T0 + 5 * MIN + 1,
        callId: 'O1',
        totals: { fee: FREEZE, finished: 0, returned: FREEZE },
      },
    );
    expect(s).toMatchObject({ state: 'cancelled', amounts: { returned: FREEZE } });
    expect(s.calls.find((c) => c.id === 'O1')).toMatchObject({
      kind: 'cancel',
      purpose: 'booking_cancel',
      reason: '行程取消',
    });
  });

  it.each([
    ['booking fee', { kind: 'booking_fee' } as const, 'finish' as const, 200],
    ['a fixed charge', { kind: 'fixed', amount: 800 } as const, 'finish' as const, 800],
    ['nothing', { kind: 'none' } as const, 'cancel' as const, FREEZE],
  ])('settles a no-show charging %s', (_n, noShow, call, amount) => {
    const booked = sessionIn('roadside_booking', 'booked')!;
    const charge = noShowCharge({ ...TARIFF, noShow }, frozenLeft(booked));
    expect(charge).toBe(call === 'finish' ? amount : 0);
    const at = booked.holdUntil!;
    const totals =
      call === 'finish'
        ? { fee: FREEZE, finished: amount, returned: FREEZE - amount }
        : { fee: FREEZE, finished: 0, returned: FREEZE };
    const s = run(
      booked,
      { type: 'no_show_requested', at, callId: 'O1', call, amount },
      { type: 'freeze_call_succeeded', at: at + 1, callId: 'O1', totals },
    );
    expect(s).toMatchObject({
      state: 'no_show',
      amounts: { finished: totals.finished, returned: totals.returned },
    });
  });

  it.each([
    [1, { fee: FREEZE, finished: FREEZE, returned: 0 }],
    [9, { fee: FREEZE, finished: 0, returned: FREEZE }],
  ] as const)('follows the platform at endTime for a no-show under road=%s', (road, totals) => {
    const lot = { ...ROADSIDE_LOT, road };
    const created = newSession({
      id: 'B',
      lot,
      tariff: TARIFF,
      flow: 'roadside_booking',
      plate: '粤B12345',
      spotId: 'S1',
      at: T0,
      prepayReqsn: R1,
    });
    if (!created.ok) throw new Error(created.code);
    const s = run(
      created.value,
      { type: 'payment_succeeded', at: T0 + 30, callId: R1, amount: FREEZE },
      { type: 'platform_settled', at: T0 + DAY, totals },
    );
    expect(s).toMatchObject({
      state: 'settled_by_platform',
      policy: { road },
      amounts: { frozen: totals.fee, finished: totals.finished, returned: totals.returned },
      flagged: true,
    });
  });

  it('lets a vehicle that parked past endTime pay the rest by pay', () => {
    const s = sessionIn('roadside_booking', 'open')!; // road 1 completed the whole freeze
    const leave = T0 + 26 * HOUR;
    const fee = due(s, leave); // parked from T0+10min; 5000-200 already charged for parking
    expect(fee).toBe(Math.max(0, 3000 + 1000 - (FREEZE - 200)));
  });

  it('keeps a booking abandoned before payment cancelled, and revives it when the prepay succeeds late', () => {
    const cancelled = sessionIn('roadside_booking', 'cancelled')!;
    expect(cancelled.calls[0]).toMatchObject({ status: 'abandoned' });
    expect(
      apply(cancelled, { type: 'payment_succeeded', at: T0 + 200, callId: R1, amount: FREEZE })
        .state,
    ).toBe('booked');
  });
});

describe('the gate controller and reconcile see the same rules', () => {
  it('never lets a vehicle out from a state where money is unsettled', () => {
    for (const [flow, state] of [
      ['entry_prepay', 'frozen'],
      ['entry_prepay', 'settling'],
      ['roadside_booking', 'parked'],
      ['exit_pay', 'awaiting_payment'],
    ] as const) {
      const s = sessionIn(flow, state)!;
      expect(mayLeave(s, s.updatedAt, 0).allowed).toBe(false);
    }
  });

  it('the lot gives the freeze', () => {
    expect(GATED_LOT.prepay.freezeAmount).toBe(FREEZE);
  });
});

describe('outTime is the end of what was billed', () => {
  it('keeps the exit settlement time when the exit is reported later', () => {
    const paid = sessionIn('roadside_booking', 'paid');
    expect(paid?.outTime).toBeDefined();
    const reported = transition(paid!, {
      type: 'exit_reported',
      at: paid!.outTime! + 59,
      amountDue: 0,
    });
    expect(reported.ok && reported.session.outTime).toBe(paid!.outTime);
  });

  it('takes the report time when nothing was settled at the exit', () => {
    const open = sessionIn('exit_pay', 'paid')!;
    expect(open.outTime).toBeUndefined();
    const reported = transition(open, {
      type: 'exit_reported',
      at: open.inTime + HOUR,
      amountDue: 0,
    });
    expect(reported.ok && reported.session.outTime).toBe(open.inTime + HOUR);
  });
});
