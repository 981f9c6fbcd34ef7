import {
  asinfoTotal,
  cancelSegment,
  dueAt,
  finishSegment,
  markRefused,
  openTxn,
  payerCancels,
  payerPays,
  refuseOpen,
  requestFingerprint,
  settleDue,
  totalsOf,
  trxStatusOf,
  type LedgerResult,
  type OpenInput,
  type Txn,
} from './ledger';

const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);
const END = T0 / 1000 + 3600;
const EXPIRY = 2 * 3600 * 1000;

function input(kind: 'pay' | 'prepay', extra: Record<string, string> = {}): OpenInput {
  const request: Record<string, string> = {
    cusid: '990440153996000',
    reqsn: 'R1',
    fee: '10000',
    randomstr: 'x',
    notify_url: 'http://127.0.0.1/n',
    ...(kind === 'prepay' ? { road: '9', inTime: String(T0 / 1000), endTime: String(END) } : {}),
    ...extra,
  };
  return {
    kind,
    cusid: '990440153996000',
    appid: '00000000',
    reqsn: 'R1',
    trxid: '20250101000000000001',
    prepayId: 'wx1',
    payinfo: {
      appId: 'a',
      timeStamp: '1',
      nonceStr: 'n',
      package: 'prepay_id=wx1',
      signType: 'MD5',
      paySign: 'S',
    },
    request,
    openid: 'oSandbox',
    browser: false,
    feeRateBp: 60,
    at: T0,
  };
}

function ok(result: LedgerResult): Txn {
  if (!result.ok) throw new Error(`refused: ${result.trxstatus} ${result.errmsg}`);
  return result.txn;
}

function frozen(extra: Record<string, string> = {}): Txn {
  return ok(payerPays(openTxn(input('prepay', extra)), T0 + 1000));
}

describe('pay', () => {
  it('waits for the payer (2000), then is paid (0000) with the handling fee', () => {
    const txn = openTxn(input('pay'));
    expect(trxStatusOf(txn)).toBe('2000');
    expect(totalsOf(txn).feeAIP).toBe(0);
    const paid = ok(payerPays(txn, T0 + 5));
    expect(trxStatusOf(paid)).toBe('0000');
    expect(paid.version).toBe(2);
    expect(totalsOf(paid).feeAIP).toBe(60); // 0.6% of 100.00
  });

  it('is not paid (3088) when the payer cancels, and cannot be paid afterwards', () => {
    const unpaid = ok(payerCancels(openTxn(input('pay')), T0 + 5));
    expect(trxStatusOf(unpaid)).toBe('3088');
    expect(payerPays(unpaid, T0 + 6)).toMatchObject({ ok: false, trxstatus: '3088' });
    expect(payerCancels(unpaid, T0 + 7)).toEqual({ ok: true, txn: unpaid, changed: false });
  });

  it('paying twice changes nothing; cancelling after paying is refused', () => {
    const paid = ok(payerPays(openTxn(input('pay')), T0 + 5));
    expect(payerPays(paid, T0 + 6)).toEqual({ ok: true, txn: paid, changed: false });
    expect(payerCancels(paid, T0 + 6)).toMatchObject({ ok: false, trxstatus: '3889' });
  });

  it('cannot be finished or cancelled: it is not a freeze', () => {
    const paid = ok(payerPays(openTxn(input('pay')), T0 + 5));
    expect(
      finishSegment(paid, { feeFinish: 1, feeType: '9', at: T0, fingerprint: 'f' }),
    ).toMatchObject({
      ok: false,
      trxstatus: '3889',
    });
    expect(cancelSegment(paid, { feeCancel: 1, at: T0, fingerprint: 'c' })).toMatchObject({
      ok: false,
    });
  });

  it('expires (3088) when never paid', () => {
    const txn = openTxn(input('pay'));
    expect(dueAt(txn, EXPIRY)).toBe(T0 + EXPIRY);
    expect(settleDue(txn, T0 + EXPIRY - 1, EXPIRY)).toMatchObject({ changed: false });
    expect(trxStatusOf(ok(settleDue(txn, T0 + EXPIRY, EXPIRY)))).toBe('3088');
  });

  it('records a coupon capped at the fee', () => {
    const paid = ok(
      payerPays(openTxn(input('pay', { fee: '300' })), T0, {
        couponId: 'C',
        couponName: '券',
        couponFee: 500,
      }),
    );
    expect(paid.coupon?.couponFee).toBe(300);
  });
});

describe('refuseOpen', () => {
  it('refuses an asinfo larger than the fee and a prepay whose endTime has passed', () => {
    expect(
      refuseOpen(input('pay', { asinfo: '990440153996001:6000,990440153996002:5000' })),
    ).toMatchObject({
      trxstatus: '3889',
    });
    expect(refuseOpen(input('prepay', { endTime: String(T0 / 1000) }))).toMatchObject({
      trxstatus: '3889',
    });
    expect(refuseOpen(input('prepay'))).toBeUndefined();
  });
});

describe('prepay freeze', () => {
  it('freezes fee once paid; finish feeType 1 goes on, feeType 9 ends and returns the rest', () => {
    const f = frozen();
    expect(totalsOf(f)).toEqual({
      fee: 10000,
      feeFinish: 0,
      feeBack: 0,
      feeAIP: 0,
      remaining: 10000,
    });
    const seg1 = ok(
      finishSegment(f, { feeFinish: 2000, feeType: '1', at: T0 + 2, fingerprint: 'a' }),
    );
    expect(seg1.state).toBe('frozen');
    expect(totalsOf(seg1)).toEqual({
      fee: 10000,
      feeFinish: 2000,
      feeBack: 0,
      feeAIP: 12,
      remaining: 8000,
    });
    const seg2 = ok(
      finishSegment(seg1, { feeFinish: 3050, feeType: '9', at: T0 + 3, fingerprint: 'b' }),
    );
    expect(seg2.state).toBe('ended');
    expect(totalsOf(seg2)).toEqual({
      fee: 10000,
      feeFinish: 5050,
      feeBack: 4950,
      feeAIP: 30,
      remaining: 0,
    });
    expect(trxStatusOf(seg2)).toBe('0000');
    expect(seg2.segments.map((s) => [s.kind, s.charged, s.returned])).toEqual([
      ['finish', 2000, 0],
      ['finish', 3050, 4950],
    ]);
  });

  it('rounds the handling fee half up on the cumulative charge', () => {
    const f = frozen();
    const a = ok(finishSegment(f, { feeFinish: 83, feeType: '1', at: T0, fingerprint: 'a' })); // 0.498
    expect(totalsOf(a).feeAIP).toBe(0);
    const b = ok(finishSegment(a, { feeFinish: 1, feeType: '1', at: T0, fingerprint: 'b' })); // 84 -> 0.504
    expect(totalsOf(b).feeAIP).toBe(1);
  });

  it('refuses a finish beyond the remainder, of 0, or after the freeze ended', () => {
    const f = frozen();
    expect(finishSegment(f, { feeFinish: 10001, feeType: '1', at: T0, fingerprint: 'a' })).toEqual({
      ok: false,
      trxstatus: '3889',
      errmsg: 'feeFinish 10001 exceeds the frozen remainder 10000',
    });
    expect(
      finishSegment(f, { feeFinish: 0, feeType: '1', at: T0, fingerprint: 'z' }),
    ).toMatchObject({ ok: false });
    const ended = ok(finishSegment(f, { feeFinish: 100, feeType: '9', at: T0, fingerprint: 'e' }));
    expect(
      finishSegment(ended, { feeFinish: 1, feeType: '1', at: T0, fingerprint: 'x' }),
    ).toMatchObject({
      ok: false,
      errmsg: 'the freeze has already ended',
    });
    expect(cancelSegment(ended, { feeCancel: 1, at: T0, fingerprint: 'y' })).toMatchObject({
      ok: false,
    });
  });

  it('treats an identical repeat of a segment as a resend, even after the freeze ended', () => {
    const f = frozen();
    const once = ok(
      finishSegment(f, { feeFinish: 100, feeType: '9', at: T0, fingerprint: 'same' }),
    );
    expect(
      finishSegment(once, { feeFinish: 100, feeType: '9', at: T0 + 9, fingerprint: 'same' }),
    ).toEqual({
      ok: true,
      txn: once,
      changed: false,
    });
  });

  it('refuses finish and cancel before the payer paid', () => {
    const waiting = openTxn(input('prepay'));
    expect(
      finishSegment(waiting, { feeFinish: 1, feeType: '1', at: T0, fingerprint: 'a' }),
    ).toMatchObject({
      ok: false,
      trxstatus: '3088',
    });
    expect(cancelSegment(waiting, { feeCancel: 1, at: T0, fingerprint: 'a' })).toMatchObject({
      trxstatus: '3088',
    });
  });

  it('cancel returns part of the freeze, ends it when nothing is left, refuses beyond', () => {
    const f = frozen();
    const part = ok(cancelSegment(f, { feeCancel: 4000, at: T0, fingerprint: 'a' }));
    expect(part.state).toBe('frozen');
    expect(totalsOf(part)).toMatchObject({ feeBack: 4000, remaining: 6000 });
    expect(cancelSegment(part, { feeCancel: 6001, at: T0, fingerprint: 'b' })).toMatchObject({
      errmsg: 'feeCancel 6001 exceeds the frozen remainder 6000',
    });
    const all = ok(cancelSegment(part, { feeCancel: 6000, at: T0, fingerprint: 'c' }));
    expect(all.state).toBe('ended');
    expect(totalsOf(all)).toMatchObject({ feeFinish: 0, feeBack: 10000, feeAIP: 0 });
  });

  it('a finish that charges the whole remainder ends the freeze', () => {
    const all = ok(
      finishSegment(frozen(), { feeFinish: 10000, feeType: '1', at: T0, fingerprint: 'a' }),
    );
    expect(all.state).toBe('ended');
  });

  it('cancel may not return what the prepay asinfo promised to split receivers', () => {
    const f = frozen({ asinfo: '990440153996001:3000' });
    expect(cancelSegment(f, { feeCancel: 7001, at: T0, fingerprint: 'a' })).toMatchObject({
      ok: false,
      trxstatus: '3889',
    });
    const ok1 = ok(cancelSegment(f, { feeCancel: 7000, at: T0, fingerprint: 'b' }));
    expect(totalsOf(ok1).remaining).toBe(3000);
    // Once 3000 has been charged, the reservation is met and the rest is returnable.
    const charged = ok(
      finishSegment(f, { feeFinish: 3000, feeType: '1', at: T0, fingerprint: 'c' }),
    );
    expect(ok(cancelSegment(charged, { feeCancel: 7000, at: T0, fingerprint: 'd' })).state).toBe(
      'ended',
    );
  });

  it('refuses a finish whose asinfo exceeds feeFinish', () => {
    expect(
      finishSegment(frozen(), {
        feeFinish: 100,
        feeType: '1',
        asinfo: '990440153996001:101',
        at: T0,
        fingerprint: 'a',
      }),
    ).toMatchObject({ ok: false, trxstatus: '3889' });
  });
});

describe('settlement at endTime', () => {
  it('road 1 completes the remainder', () => {
    const seg = ok(
      finishSegment(frozen({ road: '1' }), {
        feeFinish: 1500,
        feeType: '1',
        at: T0,
        fingerprint: 'a',
      }),
    );
    expect(settleDue(seg, END * 1000 - 1, EXPIRY)).toMatchObject({ changed: false });
    const settled = ok(settleDue(seg, END * 1000, EXPIRY));
    expect(settled.state).toBe('ended');
    expect(totalsOf(settled)).toEqual({
      fee: 10000,
      feeFinish: 10000,
      feeBack: 0,
      feeAIP: 60,
      remaining: 0,
    });
    expect(settled.segments.at(-1)).toMatchObject({
      kind: 'settle',
      road: '1',
      charged: 8500,
      returned: 0,
    });
    expect(settleDue(settled, END * 1000 + 5, EXPIRY)).toMatchObject({ changed: false });
  });

  it('road 9 returns the remainder', () => {
    const seg = ok(
      finishSegment(frozen({ road: '9' }), {
        feeFinish: 1500,
        feeType: '1',
        at: T0,
        fingerprint: 'a',
      }),
    );
    const settled = ok(settleDue(seg, END * 1000 + 1, EXPIRY));
    expect(totalsOf(settled)).toEqual({
      fee: 10000,
      feeFinish: 1500,
      feeBack: 8500,
      feeAIP: 9,
      remaining: 0,
    });
  });

  it('a prepay never paid by endTime is not paid (3088) and can no longer be paid', () => {
    const waiting = openTxn(input('prepay'));
    expect(payerPays(waiting, END * 1000)).toMatchObject({ ok: false, trxstatus: '3088' });
    expect(trxStatusOf(ok(settleDue(waiting, END * 1000, EXPIRY)))).toBe('3088');
  });
});

describe('helpers', () => {
  it('asinfoTotal sums the pairs', () => {
    expect(asinfoTotal(undefined)).toBe(0);
    expect(asinfoTotal('990440153996001:300,990440153996002:200')).toBe(500);
  });

  it('requestFingerprint ignores sign, randomstr, empty fields and order', () => {
    expect(requestFingerprint('pay', { a: '1', b: '2', randomstr: 'x', sign: 'S', c: '' })).toBe(
      requestFingerprint('pay', { b: '2', a: '1', randomstr: 'y' }),
    );
    expect(requestFingerprint('pay', { a: '1' })).not.toBe(
      requestFingerprint('prepay', { a: '1' }),
    );
    expect(requestFingerprint('pay', { a: '1' })).not.toBe(requestFingerprint('pay', { a: '2' }));
  });

  it('markRefused marks once', () => {
    const paid = ok(payerPays(openTxn(input('pay')), T0));
    const refused = ok(markRefused(paid, T0 + 1));
    expect(refused.refused).toBe(true);
    expect(markRefused(refused, T0 + 2)).toMatchObject({ changed: false });
  });
});
