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
