import type { z } from 'zod';
import { route } from '../api-kit/router';
import type { merchantContract } from '../contract/merchant';
import type { ApiContext, ApiShell, RoutesFor } from '../parking/api/context';
import { qrSettingsFromEnv } from '../operator/qr-render';
import { merchantInputs as input } from '../contract/merchant-inputs';
import {
  inviteStaff,
  listMerchants,
  merchantDaily,
  merchantStatement,
  topUp,
  upsertMerchant,
} from './operator';
import {
  acceptMerchantInvitation,
  createCode,
  merchantDiscounts,
  merchantSessions,
  myMerchants,
  peekMerchantInvitation,
  redeemCode,
  staffGive,
} from './staff';

/**
 * The merchant routes of the `api` function (issue 14). Merchant staff and drivers scanning a
 * merchant's QR hold no operator grant: `driver` routes, each checking the caller's place in the
 * merchant (staff.ts). The operator's merchant routes are `operator` routes (the operator shell
 * lets a caller with some grant reach them; each checks the right for the merchant's lot).
 */
const anyone = <S extends z.ZodType, R>(
  schema: S,
  handle: (ctx: ApiContext, data: z.output<S>) => Promise<R>,
) => route<S, ApiContext, R>({ audience: 'driver', input: schema, handle });
const op = <S extends z.ZodType, R>(
  schema: S,
  handle: (ctx: ApiContext, data: z.output<S>) => Promise<R>,
) => route<S, ApiContext, R>({ audience: 'operator', input: schema, handle });

export function createMerchantRoutes(env: NodeJS.ProcessEnv = process.env) {
  return {
    // merchant staff
    'merchant.mine': anyone(input.nothing, (ctx) => myMerchants(ctx)),
    'merchant.sessions': anyone(input.sessions, (ctx, d) => merchantSessions(ctx, d)),
    'merchant.give': anyone(input.give, (ctx, d) => staffGive(ctx, d)),
    'merchant.discounts': anyone(input.discounts, (ctx, d) => merchantDiscounts(ctx, d)),
    'merchant.codes.create': anyone(input.codeCreate, (ctx, d) =>
      createCode(ctx, d, qrSettingsFromEnv(env)),
    ),
    'merchant.invitation.get': anyone(input.code, (ctx, d) => peekMerchantInvitation(ctx, d)),
    'merchant.invitation.accept': anyone(input.invitationAccept, (ctx, d) =>
      acceptMerchantInvitation(ctx, d),
    ),
    // driver: a merchant's QR scanned
    'discount.redeem': anyone(input.redeem, (ctx, d) => redeemCode(ctx, d)),
    // operator
    'op.merchants.list': op(input.opLot, (ctx, d) => listMerchants(ctx, d.lotId)),
    'op.merchants.upsert': op(input.opUpsert, (ctx, d) =>
      upsertMerchant(ctx, { merchant: d.merchant, ...(d.reason && { reason: d.reason }) }),
    ),
    'op.merchants.topup': op(input.opTopup, (ctx, d) => topUp(ctx, d)),
    'op.merchants.invite': op(input.opInvite, (ctx, d) =>
      inviteStaff(ctx, d, qrSettingsFromEnv(env)),
    ),
    'op.merchants.daily': op(input.opDaily, (ctx, d) => merchantDaily(ctx, d)),
    'op.merchants.statement': op(input.opStatement, (ctx, d) => merchantStatement(ctx, d)),
  } satisfies RoutesFor<typeof merchantContract>;
}

export const merchantRoutes = createMerchantRoutes();
export type MerchantRouteName = keyof typeof merchantRoutes;

/** The merchant shell of the `api` function (no operator check of its own: the operator's). */
export const merchantShell = { routes: merchantRoutes } satisfies ApiShell;
