import { z } from 'zod';
import { entityId } from '../../core/parking/primitives';
import { merchantInputs as input } from './merchant-inputs';
import type {
  ArrearsCheck,
  ArrearsPaid,
  ArrearsPayment,
  ArrearsWaived,
  GiveResult,
  LotArrears,
  LotMerchant,
  MerchantCodeMade,
  MerchantDaily,
  MerchantDay,
  MerchantInvitationMade,
  MerchantInvitationPeek,
  MerchantJoined,
  MerchantSessions,
  MerchantStatement,
  MyArrears,
  MyMerchant,
  TopupResult,
} from './merchant-views';
import type { Merchant } from '../../core/parking/merchant';
import { reasonSchema } from './operator-inputs';
import { spec } from './route-spec';
import { driverInputs } from './driver';

/**
 * The merchant routes (issue 14): staff and drivers scanning a merchant's QR hold no operator
 * grant (`driver` routes checking the caller's place in the merchant); `op.merchants.*` are
 * operator routes, each checking the right for the merchant's lot (server/merchant).
 */
export const merchantContract = {
  'merchant.mine': spec<{ merchants: MyMerchant[] }>()(input.nothing),
  'merchant.sessions': spec<MerchantSessions>()(input.sessions),
  'merchant.give': spec<GiveResult>()(input.give),
  'merchant.discounts': spec<MerchantDay>()(input.discounts),
  'merchant.codes.create': spec<MerchantCodeMade>()(input.codeCreate),
  'merchant.invitation.get': spec<MerchantInvitationPeek>()(input.code),
  'merchant.invitation.accept': spec<MerchantJoined>()(input.invitationAccept),
  'discount.redeem': spec<GiveResult>()(input.redeem),
  'op.merchants.list': spec<{ lotId: string; merchants: LotMerchant[] }>()(input.opLot),
  'op.merchants.upsert': spec<{ merchant: Merchant; created: boolean }>()(input.opUpsert),
  'op.merchants.topup': spec<TopupResult>()(input.opTopup),
  'op.merchants.invite': spec<MerchantInvitationMade>()(input.opInvite),
  'op.merchants.daily': spec<MerchantDaily>()(input.opDaily),
  'op.merchants.statement': spec<MerchantStatement>()(input.opStatement),
};

const sessionId = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'sessionId is not a session id');
export const arrearsInputs = {
  nothing: z.strictObject({}),
  list: z.strictObject({
    lotId: entityId,
    state: z.enum(['open', 'paid', 'waived']).default('open'),
    plate: z.string().trim().max(16).optional(),
  }),
  waive: z.strictObject({ sessionId, reason: reasonSchema }),
  pay: z.strictObject({ arrearsId: sessionId }),
  /** Before a booking or an entry: the plate the driver is about to use (or none: derived). */
  check: driverInputs.atLot,
  confirm: z.strictObject({
    reqsn: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'reqsn is not an order number'),
  }),
};

/**
 * Roadside arrears (issue 14 Deliver 5): the driver's list and payment (pay, then confirm after
 * wx.requestPayment); the operator's list and waive.
 */
export const arrearsContract = {
  'arrears.mine': spec<MyArrears>()(arrearsInputs.nothing),
  'arrears.check': spec<ArrearsCheck>()(arrearsInputs.check),
  'arrears.pay': spec<ArrearsPayment>()(arrearsInputs.pay),
  'arrears.confirm': spec<ArrearsPaid>()(arrearsInputs.confirm),
  'op.arrears.list': spec<LotArrears>()(arrearsInputs.list),
  'op.arrears.waive': spec<ArrearsWaived>()(arrearsInputs.waive),
};
