import { callApi } from './call-api';
import type { GiveResult, MerchantDay, MyMerchant } from './merchant-types';

// Typed calls to the merchant staff's routes (server/merchant/README.md). Each throws
// ApiCallError with the server's code and Chinese message; the pages show that message.
export const merchantApi = {
  mine: () => callApi<{ merchants: MyMerchant[] }>('merchant.mine'),
  give: (merchantId: string, offerId: string, plate: string) =>
    callApi<GiveResult>('merchant.give', { merchantId, offerId, plate }),
  discounts: (merchantId: string) => callApi<MerchantDay>('merchant.discounts', { merchantId }),
};

/** The merchant staff invitation (scene m:<code>) and a driver's discount QR (d: / c:). */
export const merchantJoinApi = {
  peek: (code: string) =>
    callApi<{ code: string; merchantName: string; role: string; expiresAt: number; state: string }>(
      'merchant.invitation.get',
      { code },
    ),
  accept: (code: string, name: string) =>
    callApi<{ merchantName: string; role: string; outcome: string }>('merchant.invitation.accept', {
      code,
      name,
    }),
  redeem: (code: string, plate: string) => callApi<GiveResult>('discount.redeem', { code, plate }),
  plates: () => callApi<{ plates: string[] }>('plates.list'),
};
