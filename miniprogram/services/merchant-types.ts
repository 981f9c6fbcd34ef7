// What the merchant routes answer: the contract's types (server/contract/merchant-views.ts),
// imported type-only, so build:miniprogram bundles nothing for them.

export type {
  GiveResult,
  GivenDiscount,
  LotMerchant,
  MerchantDaily,
  MerchantDailyRow,
  MerchantInvitationMade,
  MerchantBalance,
  MerchantDay,
  MerchantOffer,
  MerchantRole,
  ArrearsCheck,
  ArrearsPaid,
  ArrearsPayment,
  ArrearsWaived,
  LotArrears,
  MyArrears,
  MyMerchant,
  TopupResult,
} from '../../server/contract';
