import { keyFromPassword } from '../core/allinpay/sign';
import { buildPayInfo, prepayIdFromPackage, verifyPaySign } from './payinfo';

const KEY = keyFromPassword('sandbox-password');

describe('payinfo', () => {
  const info = buildPayInfo({
    wxAppId: 'wxapp',
    prepayId: 'wx123',
    timeStamp: '1700000000',
    nonceStr: 'abc',
    key: KEY,
  });

  it('has the WeChat Pay parameters', () => {
    expect(info).toMatchObject({
      appId: 'wxapp',
      timeStamp: '1700000000',
      nonceStr: 'abc',
      package: 'prepay_id=wx123',
      signType: 'MD5',
    });
    expect(info.paySign).toMatch(/^[0-9A-F]{32}$/);
  });

  it('verifies the arguments of wx.requestPayment, and nothing altered', () => {
    const { appId: _appId, ...args } = info;
    expect(verifyPaySign(args, 'wxapp', KEY)).toBe(true);
    expect(verifyPaySign({ ...args, timeStamp: '1700000001' }, 'wxapp', KEY)).toBe(false);
    expect(verifyPaySign(args, 'otherapp', KEY)).toBe(false);
    expect(verifyPaySign(args, 'wxapp', keyFromPassword('other'))).toBe(false);
  });

  it('reads the prepay id out of package', () => {
    expect(prepayIdFromPackage('prepay_id=wx123')).toBe('wx123');
    expect(prepayIdFromPackage('prepay_id=')).toBeUndefined();
    expect(prepayIdFromPackage('prepay_id=a&b')).toBeUndefined();
  });
});
