import type { Notification } from '../../../core/allinpay/responses';
import type { Session } from '../../../core/parking/session';
import { P1, run, sessionIn } from '../../../core/parking/session-fixtures';
import { transition } from '../../../core/parking/session-machine';
import { HOUR, T0 } from '../../../core/parking/test-fixtures';
import { decideNotification, ignoredScan } from './decide';

const CUSID = '990440153996000';
const NOW = T0 + 2 * HOUR + 30;
const paying = sessionIn('exit_pay', 'awaiting_payment')!; // pay P1 of 1000

const base: Notification = {
  cusid: CUSID,
  appid: '00000000',
  trxid: 'TX9',
  reqsn: P1,
  trxstatus: '0000',
  fee: '1000',
  feeAIP: '6',
  sign: 'X',
};

describe('decideNotification (protocol note 11)', () => {
  it('applies a matching success as the payment', () => {
    const decision = decideNotification(base, paying, CUSID, NOW);
    expect(decision).toEqual({
      kind: 'apply',
      event: {
        type: 'payment_succeeded',
        at: NOW,
        by: 'notify',
        callId: P1,
        amount: 1000,
        trxid: 'TX9',
        aip: 6,
      },
    });
    if (decision.kind !== 'apply') throw new Error('apply');
    const applied = transition(paying, decision.event);
    expect(applied).toMatchObject({ ok: true, to: 'paid' });
    if (!applied.ok) throw new Error('applied');
    // the same notification again: already (a success reply, no change)
    expect(transition(applied.session, decision.event)).toMatchObject({ outcome: 'already' });
  });

  it.each([
    ['another cusid', { cusid: '990440153996999' }, 'cusid_mismatch'],
    ['an unknown reqsn', { reqsn: 'P-other' }, 'unknown_call'],
    ['another fee', { fee: '1001' }, 'fee_mismatch'],
  ])('records %s as an anomaly that changes nothing else', (_what, patch, verdict) => {
    const decision = decideNotification({ ...base, ...patch }, paying, CUSID, NOW);
    expect(decision).toMatchObject({ kind: 'anomaly', verdict, event: { code: verdict } });
    if (decision.kind !== 'anomaly') throw new Error('anomaly');
    const applied = transition(paying, decision.event);
    expect(applied).toMatchObject({ ok: true, from: 'awaiting_payment', to: 'awaiting_payment' });
    if (!applied.ok) throw new Error('applied');
    expect(applied.session).toMatchObject({ flagged: true, amounts: { paid: 0 } });
    // retried deliveries carry the same detail: recorded once
    expect(transition(applied.session, decision.event)).toMatchObject({ outcome: 'already' });
  });

  it('fails the payment on a failure status and waits on processing', () => {
    expect(decideNotification({ ...base, trxstatus: '3088' }, paying, CUSID, NOW)).toMatchObject({
      kind: 'apply',
      event: { type: 'payment_failed', code: '3088' },
    });
    expect(decideNotification({ ...base, trxstatus: '2000' }, paying, CUSID, NOW)).toEqual({
      kind: 'ignore',
      verdict: 'processing',
    });
  });
});

describe('ignoredScan: `refuse`, only in the browser-redirect flow (protocol notes 11, 12)', () => {
  const B1 = 'P250101120000BBBBBBBBBBBBBBBB';
  const B2 = 'P250101120000CCCCCCCCCCCCCCCC';
  const open = sessionIn('exit_pay', 'open')!;
  const at = T0 + 2 * HOUR;
  const browserPay = (callId: string) => ({
    type: 'pay_requested' as const,
    at,
    callId,
    amount: 1000,
    atExit: true as const,
    exitGateId: 'G-OUT',
    browser: true as const,
  });
  const success = (reqsn: string): Notification => ({ ...base, reqsn });
  /** The session after the notification of `reqsn` is applied as notify applies it. */
  const applied = (session: Session, reqsn: string) => {
    const decision = decideNotification(success(reqsn), session, CUSID, NOW);
    if (decision.kind !== 'apply') throw new Error(decision.kind);
    const result = transition(session, decision.event);
    if (!result.ok) throw new Error(result.code);
    return result;
  };

  it('takes the browser payment the session waits for, and its repeats', () => {
    const waiting = run(open, browserPay(B1));
    expect(ignoredScan(success(B1), waiting)).toBe(false);
    const paid = applied(waiting, B1);
    expect(paid).toMatchObject({ from: 'awaiting_payment', to: 'closed' });
    expect(ignoredScan(success(B1), paid.session)).toBe(false); // a duplicate: success again
  });

  it('refuses a browser payment of a session already paid by another, and its repeats', () => {
    // The page's B1 was given up (its window never opened), B2 then paid; B1 is paid after all.
    const waiting = run(open, browserPay(B1));
    const gaveUp = run(waiting, {
      type: 'payment_abandoned',
      at,
      callId: B1,
      reason: 'test',
    });
    const closed = applied(run(gaveUp, browserPay(B2)), B2).session;
    expect(closed.state).toBe('closed');
    expect(ignoredScan(success(B1), closed)).toBe(true);
    // Kept as money on record (a stray payment, flagged), the state unchanged.
    const stray = applied(closed, B1);
    expect(stray).toMatchObject({ from: 'closed', to: 'closed' });
    expect(stray.session).toMatchObject({ flagged: true, amounts: { paid: 2000 } });
    expect(ignoredScan(success(B1), stray.session)).toBe(true);
  });

  it('answers as ever outside the browser flow, and for failures', () => {
    // A pay from the app (P1) given up, then the H5 page's B2 closes the session: P1 paid after
    // all is a stray payment as ever, never refused (`refuse` is for the browser flow only).
    const appPay = run(
      open,
      { type: 'pay_requested', at, callId: P1, amount: 1000 },
      { type: 'payment_abandoned', at, callId: P1 },
    );
    const closed = applied(run(appPay, browserPay(B2)), B2).session;
    expect(ignoredScan(success(P1), closed)).toBe(false);
    expect(applied(closed, P1)).toMatchObject({ from: 'closed', to: 'closed' });
    // A failure is never refused; a browser pay given up while the car is inside is a late
    // payment that stands.
    const gaveUp = run(run(open, browserPay(B1)), { type: 'payment_abandoned', at, callId: B1 });
    expect(ignoredScan({ ...success(B1), trxstatus: '3088' }, gaveUp)).toBe(false);
    expect(gaveUp.state).toBe('open');
    expect(ignoredScan(success(B1), gaveUp)).toBe(false);
    expect(applied(gaveUp, B1)).toMatchObject({ from: 'open', to: 'paid' });
  });
});
