import { keyFromPassword, verify } from '../core/allinpay/sign';
import { openTxn, payerPays, type Txn } from './ledger';
import { alterFee, corruptSign, notificationFields } from './notification';

const KEY = keyFromPassword('sandbox-password');

function paidTxn(): Txn {
  const at = Date.UTC(2024, 11, 31, 16, 0, 0); // 2025-01-01 00:00 China time
  const txn = openTxn({
    kind: 'pay',
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
    request: {
      pro: '44',
      parkingNo: 'P1',
      LPR: 'BD12345',
      LPRpro: '44',
      reqsn: 'R1',
      fee: '1250',
      notify_url: 'http://x/n',
    },
    openid: 'oOpenid',
    browser: false,
    feeRateBp: 60,
    at,
  });
  const paid = payerPays(txn, at + 5000);
  if (!paid.ok) throw new Error('not paid');
  return paid.txn;
}

describe('notificationFields', () => {
  it('carries the spec fields, signed, with China-time dates', () => {
    const fields = notificationFields(paidTxn(), KEY);
    expect(fields).toMatchObject({
      cusid: '990440153996000',
      appid: '00000000',
      trxid: '20250101000000000001',
      reqsn: 'R1',
      trxdate: '20250101',
      fintime: '20250101000005',
      trxstatus: '0000',
      openid: 'oOpenid',
      pro: '44',
      parkingNo: 'P1',
      LPR: 'BD12345',
      LPRpro: '44',
      fee: '1250',
      feeAIP: '8',
    });
    expect(fields.randomstr).toHaveLength(32);
    expect(verify(fields, KEY)).toBe(true);
  });

  it('leaves out empty plate fields (a car without a plate)', () => {
    const txn = paidTxn();
    const fields = notificationFields(
      { ...txn, request: { ...txn.request, LPR: '', LPRpro: '' } },
      KEY,
    );
    expect('LPR' in fields).toBe(false);
    expect(verify(fields, KEY)).toBe(true);
  });
});

describe('injected damage', () => {
  it('corruptSign breaks verification', () => {
    const fields = notificationFields(paidTxn(), KEY);
    const bad = { ...fields, sign: corruptSign(fields.sign ?? '') };
    expect(bad.sign).not.toBe(fields.sign);
    expect(bad.sign).toHaveLength(32);
    expect(verify(bad, KEY)).toBe(false);
  });

  it('alterFee raises the fee by one fen and signs again', () => {
    const altered = alterFee(notificationFields(paidTxn(), KEY), KEY);
    expect(altered.fee).toBe('1251');
    expect(verify(altered, KEY)).toBe(true);
  });
});
