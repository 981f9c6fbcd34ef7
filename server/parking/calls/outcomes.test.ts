import { ProtocolValidationError } from '../../../core/allinpay/validation';
import type { PlatformCall } from '../../../core/parking/session';
import {
  type AllinpayResult,
  BadSignatureError,
  OutcomeUnknownError,
  PlatformRefusalError,
  ResponseMismatchError,
  TransactionFailedError,
} from '../../allinpay-client';
import { couponsTotal, freezeTotalsOf, verdictAfterSend } from './outcomes';

const AT = 1_750_000_000;
const PAY: PlatformCall = {
  id: 'P1',
  kind: 'pay',
  reqsn: 'P1',
  purpose: 'payment',
  amount: 1500,
  status: 'requested',
  requestedAt: AT,
};
const FINISH: PlatformCall = {
  ...PAY,
  id: 'O1',
  kind: 'finish',
  reqsn: 'R1',
  purpose: 'exit',
  feeType: 9,
};
const PAYINFO = {
  appId: 'wx1',
  timeStamp: '1',
  nonceStr: 'n',
  package: 'prepay_id=x',
  signType: 'MD5',
  paySign: 'S',
};

function result(patch: Partial<AllinpayResult>): AllinpayResult {
  return {
    endpoint: 'pay',
    reqsn: 'P1',
    trxstatus: '2000',
    outcome: 'processing',
    description: '交易处理中',
    totals: {},
    couponList: [],
    raw: {},
    ...patch,
  };
}

describe('verdictAfterSend', () => {
  it('takes an accepted pay with its payment sheet; the payment itself comes later', () => {
    const v = verdictAfterSend(
      PAY,
      { ok: true, result: result({ trxid: 'T1', payinfo: PAYINFO }) },
      AT,
    );
    expect(v).toEqual({
      event: { type: 'request_accepted', at: AT, by: 'platform', callId: 'P1', trxid: 'T1' },
      payinfo: PAYINFO,
      mustQuery: false,
    });
  });

  it('queries at once when an accepted pay has no usable sheet, or is already paid', () => {
    expect(verdictAfterSend(PAY, { ok: true, result: result({}) }, AT).mustQuery).toBe(true);
    const paid = result({ outcome: 'success', trxstatus: '0000', payinfo: PAYINFO });
    expect(verdictAfterSend(PAY, { ok: true, result: paid }, AT).mustQuery).toBe(true);
  });

  it('takes the running totals of a finish (protocol note 7), coupons included', () => {
    const answer = result({
      endpoint: 'finish',
      outcome: 'success',
      trxstatus: '0000',
      totals: { fee: 5000, feeFinish: 1500, feeBack: 3500, feeAIP: 9 },
      couponList: [{ couponFee: '300' }, { couponFee: 200 }, { couponFee: 'x' }],
    });
    expect(verdictAfterSend(FINISH, { ok: true, result: answer }, AT)).toEqual({
      event: {
        type: 'freeze_call_succeeded',
        at: AT,
        by: 'platform',
        callId: 'O1',
        totals: { fee: 5000, finished: 1500, returned: 3500, aip: 9, coupons: 500 },
      },
      mustQuery: false,
    });
  });

  it('treats a finish answer without totals as unknown: query', () => {
    const answer = result({
      endpoint: 'finish',
      outcome: 'success',
      trxstatus: '0000',
      totals: { fee: 5000 },
    });
    expect(verdictAfterSend(FINISH, { ok: true, result: answer }, AT)).toMatchObject({
      event: { type: 'call_outcome_unknown', callId: 'O1' },
      mustQuery: true,
    });
  });

  const failedTrx = new TransactionFailedError(
    result({ trxstatus: '3999', outcome: 'failure', errmsg: '余额不足' }),
    '其他错误',
  );
  const duplicate = new TransactionFailedError(
    result({ trxstatus: '3888', outcome: 'failure' }),
    '流水号重复',
  );

  it.each([
    [
      'a local validation error',
      new ProtocolValidationError('pay request', [{ field: 'fee', rule: 'x' }]),
      'INVALID_FIELD',
    ],
    [
      'a platform refusal (retcode FAIL)',
      new PlatformRefusalError('pay', 'P1', '签名错误', false),
      'PLATFORM_REFUSAL',
    ],
    ['a failed trxstatus', failedTrx, '3999'],
  ])('fails the call on %s: nothing happened', (_what, error, code) => {
    const pay = verdictAfterSend(PAY, { ok: false, error }, AT);
    expect(pay).toMatchObject({
      event: { type: 'payment_failed', callId: 'P1', code },
      mustQuery: false,
    });
    const finish = verdictAfterSend(FINISH, { ok: false, error }, AT);
    expect(finish.event).toMatchObject({ type: 'freeze_call_failed', callId: 'O1', code });
  });

  it.each([
    ['a timeout', new OutcomeUnknownError('pay', 'P1', 'response_timeout', 'timeout')],
    ['a bad signature', new BadSignatureError('pay', 'P1', 'X', 'Y', 'masked')],
    ['an answer about another reqsn', new ResponseMismatchError('pay', 'P1', 'reqsn', 'P1', 'P2')],
    ['3888 (reqsn exists)', duplicate],
    ['an unexpected error', new Error('socket hang up')],
  ])('leaves the outcome unknown on %s: query before anything else (note 4)', (_what, error) => {
    expect(verdictAfterSend(PAY, { ok: false, error }, AT)).toEqual({
      event: { type: 'call_outcome_unknown', at: AT, by: 'platform', callId: 'P1' },
      mustQuery: true,
    });
  });
});

describe('totals', () => {
  it('needs fee, feeFinish and feeBack', () => {
    expect(freezeTotalsOf(result({ totals: { fee: 1, feeFinish: 0 } }))).toBeUndefined();
    expect(freezeTotalsOf(result({ totals: { fee: 1, feeFinish: 0, feeBack: 1 } }))).toEqual({
      fee: 1,
      finished: 0,
      returned: 1,
    });
  });

  it('adds only whole positive coupon amounts', () => {
    expect(
      couponsTotal([{ couponFee: '1.5' }, { couponFee: -3 }, null, 'x', { couponFee: 7 }]),
    ).toBe(7);
  });
});
