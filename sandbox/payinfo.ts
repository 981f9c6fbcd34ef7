import { sign, signaturesEqual } from '../core/allinpay/sign';
import type { PayInfoFields } from './ledger';

/**
 * payinfo (protocol note 13): the parameters of WeChat Pay's payment sheet. The sandbox signs
 * them with the merchant key so that its cashier can check what a client passes back, as
 * WeChat checks `wx.requestPayment` arguments.
 */
export function buildPayInfo(input: {
  wxAppId: string;
  prepayId: string;
  timeStamp: string;
  nonceStr: string;
  key: string;
}): PayInfoFields {
  const unsigned = {
    appId: input.wxAppId,
    timeStamp: input.timeStamp,
    nonceStr: input.nonceStr,
    package: `prepay_id=${input.prepayId}`,
    signType: 'MD5',
  };
  return { ...unsigned, paySign: sign(unsigned, input.key) };
}

/** Whether payment-sheet arguments carry a valid paySign (appId is not among wx.requestPayment's). */
export function verifyPaySign(
  args: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string },
  appId: string,
  key: string,
): boolean {
  const expected = sign(
    {
      appId,
      timeStamp: args.timeStamp,
      nonceStr: args.nonceStr,
      package: args.package,
      signType: args.signType,
    },
    key,
  );
  return signaturesEqual(expected, args.paySign);
}

/** The prepay id inside `package=prepay_id=...`. */
export function prepayIdFromPackage(pkg: string): string | undefined {
  const match = /^prepay_id=([A-Za-z0-9_-]{1,64})$/.exec(pkg);
  return match?.[1];
}
