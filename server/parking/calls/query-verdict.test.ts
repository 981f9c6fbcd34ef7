import type { PlatformCall, Session } from '../../../core/parking/session';
import { FREEZE, P1, R1, sessionIn } from '../../../core/parking/session-fixtures';
import { transition } from '../../../core/parking/session-machine';
import { DAY, HOUR, T0 } from '../../../core/parking/test-fixtures';
import type { AllinpayResult } from '../../allinpay-client';
import { type QueryContext, settledByPlatform, verdictFromQuery } from './query-verdict';

function answer(trxstatus: string, totals: AllinpayResult['totals'] = {}): AllinpayResult {
  const outcome =
    trxstatus === '0000'
      ? 'success'
      : ['2000', '2008'].includes(trxstatus)
        ? 'processing'
        : 'failure';
  return {
    endpoint: 'query',
    reqsn: R1,
    trxstatus,
    outcome,
    description: 'd',
    totals,
    couponList: [],
    raw: {},
    trxid: 'TX1',
  };
}

const ctx = (patch: Partial<QueryContext> = {}): QueryContext => ({
  now: T0 + 3 * HOUR,
  hasPaySheet: true,
  senderDone: true,
  ...patch,
});
const call = (s: Session, id: string) => s.calls.find((c) => c.id === id) as PlatformCall;

describe('a pay or prepay', () => {
  const paying = sessionIn('exit_pay', 'awaiting_payment')!;
  const pay = call(paying, P1);

  it('0000 with the same fee is the payment, which the machine accepts', () => {
    const event = verdictFromQuery(paying, pay, answer('0000', { fee: 1000, feeAIP: 6 }), ctx());
    expect(event).toEqual({
      type: 'payment_succeeded',
      at: T0 + 3 * HOUR,
      by: 'query',
      callId: P1,
      amount: 1000,
      trxid: 'TX1',
      aip: 6,
      coupons: 0,
    });
    expect(transition(paying, event!)).toMatchObject({ ok: true, to: 'paid' });
  });

  it("0000 carries the pay's coupons from couponList (only query answers have it)", () => {
    const withCoupon = {
      ...answer('0000', { fee: 1000 }),
      couponList: [{ couponId: 'C1', couponFee: '500' }],
    };
    const event = verdictFromQuery(paying, pay, withCoupon, ctx());
    expect(event).toMatchObject({ type: 'payment_succeeded', coupons: 500 });
    const r = transition(paying, event!);
    expect(r).toMatchObject({ ok: true, to: 'paid', session: { amounts: { coupons: 500 } } });
  });

  it('0000 with another fee is an anomaly, not a payment (protocol note 11)', () => {
    const event = verdictFromQuery(paying, pay, answer('0000', { fee: 1001 }), ctx());
    expect(event).toMatchObject({ type: 'anomaly_recorded', code: 'fee_mismatch' });
  });

  it('2000 waits while the payer holds the sheet', () => {
    expect(verdictFromQuery(paying, pay, answer('2000'), ctx())).toBeUndefined();
  });

  it('2000 with the sheet lost gives the payment up, since nobody can pay it', () => {
    expect(
      verdictFromQuery(paying, pay, answer('2000'), ctx({ hasPaySheet: false })),
    ).toMatchObject({
      type: 'payment_abandoned',
      callId: P1,
    });
  });

  it('a failure status fails it, but not while the sender may still be at work', () => {
    expect(verdictFromQuery(paying, pay, answer('3088'), ctx())).toMatchObject({
      type: 'payment_failed',
      code: '3088',
    });
    expect(
      verdictFromQuery(paying, pay, answer('1001'), ctx({ senderDone: false })),
    ).toBeUndefined();
    expect(
      verdictFromQuery(paying, pay, answer('2000'), ctx({ senderDone: false, hasPaySheet: false })),
    ).toBeUndefined();
  });

  it('a late success is still taken while the sender is at work', () => {
    expect(
      verdictFromQuery(paying, pay, answer('0000', { fee: 1000 }), ctx({ senderDone: false })),
    ).toMatchObject({
      type: 'payment_succeeded',
    });
  });
});

describe('a finish or cancel (the query answers with the freeze totals)', () => {
  const settling = sessionIn('entry_prepay', 'settling')!; // finish 1000 feeType 9 as O1
  const finish = call(settling, 'O1');

  it('applied: the totals moved by exactly its amount and the freeze ended', () => {
    const event = verdictFromQuery(
      settling,
      finish,
      answer('0000', { fee: FREEZE, feeFinish: 1000, feeBack: FREEZE - 1000 }),
      ctx(),
    );
    expect(event).toMatchObject({
      type: 'freeze_call_succeeded',
      callId: 'O1',
      totals: { fee: FREEZE, finished: 1000, returned: FREEZE - 1000 },
    });
    expect(transition(settling, event!)).toMatchObject({ ok: true, to: 'paid' });
  });

  it('not applied: the totals did not move', () => {
    const untouched = answer('0000', { fee: FREEZE, feeFinish: 0, feeBack: 0 });
    expect(verdictFromQuery(settling, finish, untouched, ctx())).toMatchObject({
      type: 'freeze_call_failed',
      code: 'NOT_APPLIED',
    });
    expect(
      verdictFromQuery(settling, finish, untouched, ctx({ senderDone: false })),
    ).toBeUndefined();
  });

  it('the platform settled at endTime instead (protocol note 6)', () => {
    const late = { ...settling, endTime: T0 + DAY };
    const returned = answer('0000', { fee: FREEZE, feeFinish: 0, feeBack: FREEZE });
    expect(verdictFromQuery(late, finish, returned, ctx({ now: T0 + DAY + 60 }))).toMatchObject({
      type: 'platform_settled',
      totals: { finished: 0, returned: FREEZE },
    });
    expect(settledByPlatform(late, returned, T0 + DAY + 60)).toMatchObject({
      type: 'platform_settled',
    });
    expect(settledByPlatform(late, returned, T0 + DAY - 60)).toBeUndefined();
  });

  it('anything else is a totals anomaly for an operator', () => {
    const odd = answer('0000', { fee: FREEZE, feeFinish: 700, feeBack: 0 });
    expect(verdictFromQuery(settling, finish, odd, ctx())).toMatchObject({
      type: 'anomaly_recorded',
      code: 'totals_mismatch',
    });
  });

  it('an arrival segment (feeType 1) applies without ending the freeze', () => {
    const arriving = sessionIn('roadside_booking', 'arriving')!;
    const event = verdictFromQuery(
      arriving,
      call(arriving, 'O1'),
      answer('0000', { fee: FREEZE, feeFinish: 200, feeBack: 0 }),
      ctx(),
    );
    expect(transition(arriving, event!)).toMatchObject({ ok: true, to: 'parked' });
  });

  it('a cancel applied: returned moved by its amount', () => {
    const cancelling = sessionIn('roadside_booking', 'cancelling')!;
    const event = verdictFromQuery(
      cancelling,
      call(cancelling, 'O1'),
      answer('0000', { fee: FREEZE, feeFinish: 0, feeBack: FREEZE }),
      ctx(),
    );
    expect(transition(cancelling, event!)).toMatchObject({ ok: true, to: 'cancelled' });
  });

  it('2000 waits', () => {
    expect(verdictFromQuery(settling, finish, answer('2000'), ctx())).toBeUndefined();
  });
});
