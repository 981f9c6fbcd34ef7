import type { Notification } from '../../../core/allinpay/responses';
import { P1, sessionIn } from '../../../core/parking/session-fixtures';
import { transition } from '../../../core/parking/session-machine';
import { HOUR, T0 } from '../../../core/parking/test-fixtures';
import { decideNotification } from './decide';

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
