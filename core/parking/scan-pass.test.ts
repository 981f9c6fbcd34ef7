import { ENTRY_SCAN_SECONDS, scanPass, scanPassAwaitsPayment } from './scan-pass';
import { P1, run, sessionIn } from './session-fixtures';
import { HOUR, MIN, T0 } from './test-fixtures';

// Which cars a driver's scan lets through a camera's lane (the heartbeat raises the barrier).

const ENTRY = { id: 'G1', kind: 'entry' as const };
const EXIT = { id: 'G2', kind: 'exit' as const };
const PAY_AT_EXIT = { entryPrepay: false };
const PREPAY = { entryPrepay: true };

/** An exit_pay session whose pay was started at `gateId`'s code, not yet paid. */
function payingAtExit(gateId: string) {
  return run(sessionIn('exit_pay', 'open')!, {
    type: 'pay_requested',
    at: T0 + 2 * HOUR,
    callId: P1,
    amount: 1200,
    atExit: true,
    exitGateId: gateId,
  });
}

/** An exit_pay session paid at `gateId`'s code, closed by the payment there. */
function paidAtExit(gateId: string) {
  return run(payingAtExit(gateId), {
    type: 'payment_succeeded',
    at: T0 + 2 * HOUR + MIN,
    callId: P1,
    amount: 1200,
  });
}

describe('scanPass at an entry', () => {
  const open = sessionIn('exit_pay', 'open')!;

  it('lets in the car whose driver started its session at this gate, for a while', () => {
    expect(scanPass(ENTRY, PAY_AT_EXIT, open, T0 + 5)).toEqual({
      sessionId: open.id,
      plate: open.plate,
    });
    expect(scanPass(ENTRY, PAY_AT_EXIT, open, T0 + ENTRY_SCAN_SECONDS)).toBeDefined();
    expect(scanPass(ENTRY, PAY_AT_EXIT, open, T0 + ENTRY_SCAN_SECONDS + 1)).toBeUndefined();
  });

  it('not at another gate, nor a camera’s session a driver claimed later', () => {
    expect(scanPass({ id: 'G9', kind: 'entry' }, PAY_AT_EXIT, open, T0 + 5)).toBeUndefined();
    expect(scanPass(ENTRY, PAY_AT_EXIT, { ...open, claimed: true }, T0 + 5)).toBeUndefined();
    const { openid: _none, ...byCamera } = open;
    expect(scanPass(ENTRY, PAY_AT_EXIT, byCamera, T0 + 5)).toBeUndefined();
  });

  it('at an entry-prepay lot only once the prepay is frozen', () => {
    expect(scanPass(ENTRY, PREPAY, sessionIn('entry_prepay', 'awaiting_prepay')!, T0 + 5)).toBe(
      undefined,
    );
    expect(scanPass(ENTRY, PREPAY, sessionIn('entry_prepay', 'frozen')!, T0 + 60)).toBeDefined();
  });

  it('never a session that is over', () => {
    expect(scanPass(ENTRY, PAY_AT_EXIT, sessionIn('exit_pay', 'closed')!, T0 + 5)).toBeUndefined();
  });
});

describe('scanPass at an exit', () => {
  it('lets out the car closed by a payment at this exit’s code, within its leave window', () => {
    const closed = paidAtExit(EXIT.id);
    expect(closed).toMatchObject({ state: 'closed', outGateId: EXIT.id, outTime: T0 + 2 * HOUR });
    const until = closed.mayLeaveUntil!;
    expect(scanPass(EXIT, PAY_AT_EXIT, closed, until)).toEqual({
      sessionId: closed.id,
      plate: closed.plate,
    });
    expect(scanPass(EXIT, PAY_AT_EXIT, closed, until + 1)).toBeUndefined();
  });

  it('not at another exit, nor a car whose exit a camera or controller reported', () => {
    expect(
      scanPass({ id: 'G3', kind: 'exit' }, PAY_AT_EXIT, paidAtExit(EXIT.id), T0 + 2 * HOUR),
    ).toBe(undefined);
    const reported = sessionIn('exit_pay', 'closed')!;
    expect(reported.outGateId).toBeUndefined();
    expect(scanPass(EXIT, PAY_AT_EXIT, reported, reported.outTime!)).toBeUndefined();
  });

  it('a driver’s scan with nothing due closes at that exit (exit_reported with its gate)', () => {
    const closed = run(sessionIn('exit_pay', 'paid')!, {
      type: 'exit_reported',
      at: T0 + 2 * HOUR + 5 * MIN,
      amountDue: 0,
      gateId: EXIT.id,
    });
    expect(closed.outGateId).toBe(EXIT.id);
    expect(scanPass(EXIT, PAY_AT_EXIT, closed, T0 + 2 * HOUR + 6 * MIN)).toBeDefined();
  });
});

describe('scanPassAwaitsPayment: the heartbeat asks the platform for these', () => {
  it('a pay started at this exit’s code and still open; not at another exit, not once paid', () => {
    const paying = payingAtExit(EXIT.id);
    expect(scanPassAwaitsPayment(EXIT, paying, T0 + 2 * HOUR + 5)).toBe(true);
    expect(scanPassAwaitsPayment({ id: 'G3', kind: 'exit' }, paying, T0 + 2 * HOUR + 5)).toBe(
      false,
    );
    expect(scanPassAwaitsPayment(EXIT, paidAtExit(EXIT.id), T0 + 2 * HOUR + 5 * MIN)).toBe(false);
    expect(scanPassAwaitsPayment(ENTRY, paying, T0 + 2 * HOUR + 5)).toBe(false);
  });

  it('a prepay of a session its driver started at this entry, for as long as a scan lets in', () => {
    const awaiting = sessionIn('entry_prepay', 'awaiting_prepay')!;
    expect(scanPassAwaitsPayment(ENTRY, awaiting, T0 + 5)).toBe(true);
    expect(scanPassAwaitsPayment(ENTRY, awaiting, T0 + ENTRY_SCAN_SECONDS + 1)).toBe(false);
    expect(scanPassAwaitsPayment({ id: 'G9', kind: 'entry' }, awaiting, T0 + 5)).toBe(false);
    expect(scanPassAwaitsPayment(ENTRY, { ...awaiting, claimed: true }, T0 + 5)).toBe(false);
    expect(scanPassAwaitsPayment(ENTRY, sessionIn('entry_prepay', 'frozen')!, T0 + 5)).toBe(false);
  });
});
