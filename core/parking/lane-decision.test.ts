import { decideLane } from './lane-decision';
import { mayLeave } from './may-leave';
import { newSession } from './session';
import { sessionIn } from './session-fixtures';
import { GATED_LOT, T0, TARIFF } from './test-fixtures';
import { SESSION_FLOWS, SESSION_STATES } from './session-states';

describe('decideLane at an entry', () => {
  it('opens for a plate and starts its session where nothing is taken at entry', () => {
    const d = decideLane({ direction: 'entry', plate: '粤B12345', lot: { entryPrepay: false } });
    expect(d).toEqual({
      direction: 'entry',
      open: true,
      reason: 'welcome',
      action: 'start_session',
      display: { lines: ['粤B12345', '欢迎光临'], voice: '粤B12345，欢迎光临' },
    });
  });

  it('asks the lists and passes: refused with the reason, free even at a prepay lot', () => {
    const ask = (rule: { kind: 'refuse' | 'free' | 'visitor'; text: string }, entryPrepay = true) =>
      decideLane({ direction: 'entry', plate: '粤B12345', lot: { entryPrepay }, rule });
    expect(ask({ kind: 'refuse', text: '禁止入场：欠费' })).toEqual({
      direction: 'entry',
      open: false,
      reason: 'refused',
      action: 'none',
      display: { lines: ['粤B12345', '禁止入场：欠费'], voice: '禁止入场：欠费' },
    });
    expect(ask({ kind: 'free', text: '月卡车 剩余 30 天' })).toMatchObject({
      open: true,
      reason: 'privileged',
      action: 'start_session',
      display: { lines: ['粤B12345', '月卡车 剩余 30 天'] },
    });
    const visitor = { kind: 'visitor' as const, text: '月卡已过期 按临时车收费' };
    expect(ask(visitor, false).display.lines).toEqual(['粤B12345', '月卡已过期 按临时车收费']);
    expect(ask(visitor)).toMatchObject({ open: false, reason: 'prepay_required' });
  });

  it('keeps an unreadable plate out and sends the driver to the code', () => {
    const d = decideLane({ direction: 'entry', lot: { entryPrepay: false } });
    expect(d).toMatchObject({ open: false, reason: 'unreadable', action: 'none' });
    expect(d.display.lines).toEqual(['请扫码入场']);
  });

  it('at a prepay lot opens only once the prepay is frozen', () => {
    const lot = { entryPrepay: true };
    const ask = (state?: 'awaiting_prepay' | 'frozen' | 'open') =>
      decideLane({
        direction: 'entry',
        plate: '粤B12345',
        lot,
        ...(state && { session: { state } }),
      });
    expect(ask()).toMatchObject({ open: false, reason: 'prepay_required', action: 'none' });
    expect(ask().display.lines).toEqual(['粤B12345', '请扫码预付']);
    expect(ask('awaiting_prepay')).toMatchObject({ open: false, reason: 'prepay_pending' });
    expect(ask('frozen')).toMatchObject({ open: true, reason: 'prepaid', action: 'none' });
    expect(ask('open')).toMatchObject({ open: false, reason: 'prepay_required' });
  });

  it('says 车位已满 to a new car at a full lot, never to a car already let in', () => {
    const ask = (
      entryPrepay: boolean,
      state?: 'open' | 'frozen' | 'awaiting_prepay',
      plate = '粤B12345',
    ) =>
      decideLane({
        direction: 'entry',
        ...(plate !== '' && { plate }),
        lot: { entryPrepay },
        full: true,
        ...(state && { session: { state } }),
      });
    expect(ask(false)).toMatchObject({ open: false, reason: 'lot_full', action: 'none' });
    expect(ask(false).display).toEqual({ lines: ['粤B12345', '车位已满'], voice: '车位已满' });
    expect(ask(false, undefined, '').display.lines).toEqual(['车位已满']);
    expect(ask(true)).toMatchObject({ open: false, reason: 'lot_full' });
    expect(ask(true, 'awaiting_prepay')).toMatchObject({ open: false, reason: 'lot_full' });
    // Already inside (its session goes on) or its prepay frozen: let in.
    expect(ask(false, 'open')).toMatchObject({ open: true, reason: 'welcome' });
    expect(ask(true, 'frozen')).toMatchObject({ open: true, reason: 'prepaid' });
  });
});

describe('decideLane at an exit', () => {
  it('asks the same question as mayLeave for every flow and state', () => {
    for (const flow of SESSION_FLOWS) {
      for (const state of SESSION_STATES) {
        const session = sessionIn(flow, state);
        if (!session) continue;
        for (const due of [undefined, 0, 1200]) {
          const now = session.inTime + 600;
          const verdict = mayLeave(session, now, due);
          const d = decideLane({
            direction: 'exit',
            plate: session.plate,
            session,
            now,
            ...(due !== undefined && { due }),
          });
          expect({ flow, state, due, open: d.open, reason: d.reason }).toEqual({
            flow,
            state,
            due,
            open: verdict.allowed,
            reason: verdict.reason,
          });
          expect(d.action).toBe(verdict.allowed ? 'record_exit' : 'none');
        }
      }
    }
  });

  it('says the amount due on the display and the speaker', () => {
    const session = sessionIn('exit_pay', 'open')!;
    const d = decideLane({
      direction: 'exit',
      plate: session.plate,
      session,
      now: session.inTime + 3600,
      due: 1200,
    });
    expect(d).toMatchObject({ open: false, reason: 'payment_required', due: 1200 });
    expect(d.display).toEqual({
      lines: [session.plate, '请扫码缴费 ¥12.00'],
      voice: '请扫码缴费12.00元',
    });
  });

  it('wishes a paid car a good journey', () => {
    const session = sessionIn('exit_pay', 'paid')!;
    const d = decideLane({
      direction: 'exit',
      plate: session.plate,
      session,
      now: session.paidAt!,
    });
    expect(d).toMatchObject({ open: true, reason: 'paid', action: 'record_exit' });
    expect(d.display.lines).toEqual([session.plate, '一路顺风']);
    const free = decideLane({
      direction: 'exit',
      plate: session.plate,
      session,
      now: session.paidAt!,
      freeText: '月卡车 剩余 29 天 一路顺风',
    });
    expect(free.display.lines).toEqual([session.plate, '月卡车 剩余 29 天 一路顺风']);
  });

  it('keeps out a plate with no entry and an unreadable one', () => {
    expect(decideLane({ direction: 'exit', plate: '粤B12345', now: 0 })).toMatchObject({
      open: false,
      reason: 'not_inside',
      display: { lines: ['粤B12345', '无入场记录'] },
    });
    expect(decideLane({ direction: 'exit', now: 0 })).toMatchObject({
      open: false,
      reason: 'unreadable',
      display: { lines: ['请扫码出场'] },
    });
  });

  it('keeps a plate with no entry out either way: for the operator, or owing the lot’s fixed fee', () => {
    const closedForOperator = decideLane({ direction: 'exit', plate: '粤B12345', now: 0 });
    expect(closedForOperator).toEqual({
      direction: 'exit',
      open: false,
      reason: 'not_inside',
      action: 'none',
      display: { lines: ['粤B12345', '无入场记录'], voice: '无入场记录，请联系管理员' },
    });
    const fixedFee = decideLane({ direction: 'exit', plate: '粤B12345', now: 0, noEntryFee: 2000 });
    expect(fixedFee).toEqual({
      direction: 'exit',
      open: false,
      reason: 'no_entry',
      action: 'open_no_entry',
      due: 2000,
      display: {
        lines: ['粤B12345', '无入场记录', '请扫码缴费 ¥20.00'],
        voice: '无入场记录，请扫码缴费20.00元',
      },
    });
    // Nothing read: the driver scans the code, whatever the setting.
    expect(decideLane({ direction: 'exit', now: 0, noEntryFee: 2000 })).toMatchObject({
      reason: 'unreadable',
      action: 'none',
    });
  });

  it('takes a car that has left (closed, its window over) as no record; one inside never', () => {
    const closed = sessionIn('exit_pay', 'closed')!;
    const long = closed.outTime! + 86_400;
    const after = decideLane({
      direction: 'exit',
      plate: closed.plate,
      session: closed,
      now: long,
      noEntryFee: 2000,
    });
    expect(after).toMatchObject({ open: false, reason: 'no_entry', action: 'open_no_entry' });
    // Within its leave window it passes; a live session is judged as ever.
    const within = decideLane({
      direction: 'exit',
      plate: closed.plate,
      session: closed,
      now: closed.outTime!,
      noEntryFee: 2000,
    });
    expect(within).toMatchObject({ open: true, action: 'record_exit' });
    const open = sessionIn('exit_pay', 'open')!;
    const owing = decideLane({
      direction: 'exit',
      plate: open.plate,
      session: open,
      now: open.inTime + 7200,
      due: 1000,
      noEntryFee: 2000,
    });
    expect(owing).toMatchObject({ reason: 'payment_required', action: 'none', due: 1000 });
    expect(owing.display.lines).toEqual([open.plate, '请扫码缴费 ¥10.00']);
  });

  it('says 无入场记录 again on the next read of the session it opened, which owes the fee', () => {
    const made = newSession({
      id: 'S-no-entry',
      lot: GATED_LOT,
      tariff: TARIFF,
      flow: 'exit_pay',
      plate: '粤B12345',
      gateId: 'G-OUT',
      noEntryFee: 2000,
      at: T0,
    });
    if (!made.ok) throw new Error(made.message);
    const again = decideLane({
      direction: 'exit',
      plate: '粤B12345',
      session: made.value,
      now: T0 + 30,
      due: 2000,
      noEntryFee: 2000,
    });
    expect(again).toMatchObject({
      open: false,
      reason: 'payment_required',
      action: 'none', // never a second session
      due: 2000,
      display: {
        lines: ['粤B12345', '无入场记录', '请扫码缴费 ¥20.00'],
        voice: '无入场记录，请扫码缴费20.00元',
      },
    });
  });
});
