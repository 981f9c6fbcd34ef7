import { newInvitationCode } from '../../core/parking/invitation';
import {
  MERCHANT_ROLE_TEXT,
  type Merchant,
  type MerchantAction,
  type MerchantStaff,
  checkMerchantRight,
  merchantStaffSchema,
} from '../../core/parking/merchant';
import { AppError } from '../api-kit/app-error';
import type { MerchantCodeMade, MerchantInvitationPeek } from '../contract/merchant-views';
import type { ApiContext } from '../parking/api/context';
import { fromRefusal } from '../parking/app-errors';
import { loadLot } from '../parking/places';
import { LIVE_STATES } from '../../core/parking/session-states';
import type { SessionDoc } from '../cloud/session-doc';
import { writeAudit } from '../operator/audit';
import { chinaDateOf } from '../operator/china-dates';
import { type QrSettings, localQrImage } from '../operator/qr-render';
import { COLLECTIONS } from '../store/collections';
import { giveDiscount } from './give';
import {
  type DiscountDoc,
  type MerchantCodeDoc,
  balanceOf,
  codes,
  discounts,
  loadMerchant,
  staff,
  staffId,
  staffOf,
} from './store';

/**
 * The merchant staff's routes (issue 14 Deliver 1, 2, 4). Staff hold no operator grant: these
 * are `driver` routes that check the caller's place in the merchant themselves. Another
 * merchant's id, or one the caller does not staff, is MERCHANT_NOT_FOUND (ids do not leak).
 */
const notFound = () => new AppError('MERCHANT_NOT_FOUND', '商户不存在');
const codeNotFound = () => new AppError('CODE_NOT_FOUND', '二维码无效或不存在');

async function forStaff(
  ctx: ApiContext,
  merchantId: string,
  action: MerchantAction,
): Promise<{ merchant: Merchant; me: MerchantStaff }> {
  const me = await staffOf(ctx.deps.db, merchantId, ctx.openid);
  const merchant = me ? await loadMerchant(ctx.deps.db, merchantId) : undefined;
  if (!me || !merchant) throw notFound();
  const checked = checkMerchantRight(me, action);
  if (!checked.ok) throw fromRefusal(checked);
  return { merchant, me };
}

/** The merchants the caller staffs, with what they may give (and the balance for managers). */
export async function myMerchants(ctx: ApiContext) {
  const { db } = ctx.deps;
  const mine = await staff(db).find({ openid: ctx.openid }, { limit: 50 });
  const out = [];
  for (const doc of mine) {
    const me = merchantStaffSchema.safeParse(doc);
    if (!me.success) continue;
    const merchant = await loadMerchant(db, me.data.merchantId);
    if (!merchant) continue;
    const lot = await loadLot(db, merchant.lotId).catch(() => undefined);
    const manager = checkMerchantRight(me.data, 'cost.view').ok;
    out.push({
      merchantId: merchant.id,
      name: merchant.name,
      lotId: merchant.lotId,
      lotName: lot?.name ?? merchant.lotId,
      role: me.data.role,
      roleText: MERCHANT_ROLE_TEXT[me.data.role],
      active: merchant.active,
      billing: merchant.billing,
      offers: merchant.offers,
      ...(manager && { balance: await balanceOf(db, merchant.id) }),
    });
  }
  return { merchants: out };
}

/** Live sessions of the merchant's lot (plates, times, whether this merchant gave one). */
export async function merchantSessions(
  ctx: ApiContext,
  input: { merchantId: string; plate?: string },
) {
  const { merchant } = await forStaff(ctx, input.merchantId, 'discount.give');
  const { db } = ctx.deps;
  const docs = await db
    .collection<SessionDoc>(COLLECTIONS.sessions)
    .find({ lotId: merchant.lotId, state: db.cmd.in(LIVE_STATES) }, { limit: 500 });
  const needle = input.plate?.toUpperCase().replace(/\s/g, '') ?? '';
  const items = docs
    .filter((d) => needle === '' || d.plate.includes(needle))
    .sort((a, b) => b.inTime - a.inTime)
    .slice(0, 100)
    .map((d) => ({
      sessionId: d._id,
      plate: d.plate,
      inTime: d.inTime,
      given: (d.discounts ?? []).some((x) => x.merchantId === merchant.id),
    }));
  return { merchantId: merchant.id, items };
}

export async function staffGive(
  ctx: ApiContext,
  input: { merchantId: string; offerId: string; plate: string },
) {
  const { merchant } = await forStaff(ctx, input.merchantId, 'discount.give');
  return giveDiscount(ctx.deps, {
    merchant,
    offerId: input.offerId,
    plate: input.plate,
    by: ctx.openid,
    via: 'staff',
  });
}

function discountView(d: DiscountDoc, withCost: boolean) {
  return {
    id: d._id,
    plate: d.plate,
    date: d.date,
    at: d.at,
    offerId: d.offerId,
    offerLabel: d.offerLabel,
    via: d.via,
    state: d.state,
    ...(withCost && { cost: d.cost }),
  };
}

/** The discounts the merchant gave on a China day (today by default), and their cost. */
export async function merchantDiscounts(
  ctx: ApiContext,
  input: { merchantId: string; date?: string },
) {
  const { merchant, me } = await forStaff(ctx, input.merchantId, 'discount.view');
  const date = input.date ?? chinaDateOf(await ctx.deps.clock.now());
  const docs = await discounts(ctx.deps.db).find(
    { merchantId: merchant.id, date },
    { orderBy: [['_id', 'asc']], limit: 1000 },
  );
  const withCost = checkMerchantRight(me, 'cost.view').ok;
  return {
    merchantId: merchant.id,
    date,
    count: docs.length,
    ...(withCost && {
      cost: docs.reduce((s, d) => s + d.cost, 0),
      balance: await balanceOf(ctx.deps.db, merchant.id),
    }),
    items: docs.map((d) => discountView(d, withCost)),
  };
}

/**
 * A QR code for drivers: `once` (one use, expires) or the counter's static one (no expiry,
 * limited per day by the merchant's staticQrPerDay).
 */
export async function createCode(
  ctx: ApiContext,
  input: { merchantId: string; offerId: string; kind: 'once' | 'counter'; hours: number },
  qr: QrSettings,
) {
  const { merchant } = await forStaff(
    ctx,
    input.merchantId,
    input.kind === 'counter' ? 'cost.view' : 'qr.create',
  );
  if (!merchant.offers.some((o) => o.id === input.offerId))
    throw new AppError('OFFER_NOT_FOUND', '该优惠不存在');
  if (input.kind === 'counter' && merchant.limits.staticQrPerDay === 0)
    throw new AppError('COUNTER_QR_OFF', '该商户未开通柜台二维码');
  const now = await ctx.deps.clock.now();
  const kind: MerchantCodeMade['kind'] = input.kind === 'counter' ? 'counter' : 'discount';
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = newInvitationCode(ctx.deps.random);
    const doc: MerchantCodeDoc = {
      _id: code,
      kind,
      merchantId: merchant.id,
      lotId: merchant.lotId,
      offerId: input.offerId,
      createdBy: ctx.openid,
      createdAt: now,
      expiresAt: kind === 'counter' ? now + 10 * 365 * 86_400 : now + input.hours * 3600,
      state: 'open',
    };
    if ((await codes(ctx.deps.db).insert(doc)) === 'inserted') {
      const scene = `${kind === 'counter' ? 'c' : 'd'}:${code}`;
      const url = `${qr.baseUrl}?scene=${encodeURIComponent(scene)}`;
      return { code, kind, scene, url, expiresAt: doc.expiresAt, image: await localQrImage(url) };
    }
  }
  throw new AppError('BUSY', '生成二维码失败，请重试');
}

/**
 * A driver scans a merchant's QR and names the plate. A one-time code goes from open to used by
 * compare-and-set before the discount is given; the same driver scanning it again (or a retry)
 * finds it theirs and succeeds, anyone else is refused. If the discount cannot be given (the car
 * is not discountable, a limit) the code is opened again.
 */
export async function redeemCode(ctx: ApiContext, input: { code: string; plate: string }) {
  const { db } = ctx.deps;
  const doc = await codes(db).get(input.code);
  if (!doc || doc.kind === 'invitation') throw codeNotFound();
  const merchant = await loadMerchant(db, doc.merchantId);
  if (!merchant) throw codeNotFound();
  const now = await ctx.deps.clock.now();
  if (doc.state === 'revoked') throw new AppError('CODE_REVOKED', '该二维码已作废');
  if (doc.kind === 'counter') {
    return giveDiscount(ctx.deps, {
      merchant,
      offerId: doc.offerId as string,
      plate: input.plate,
      by: ctx.openid,
      via: 'counter',
      code: doc._id,
    });
  }
  // The code is bound to the driver and the plate it was first used for.
  const mine = doc.state === 'used' && doc.usedBy === ctx.openid && doc.plate === input.plate;
  if (!mine) {
    if (doc.state === 'used') throw new AppError('CODE_USED', '该优惠码已被使用');
    if (now >= doc.expiresAt) throw new AppError('CODE_EXPIRED', '该优惠码已过期');
    const taken = await codes(db).updateWhere(
      { _id: doc._id, state: 'open' },
      { state: 'used', usedBy: ctx.openid, usedAt: now, plate: input.plate },
    );
    if (taken === 0) {
      const again = await codes(db).get(doc._id);
      if (again?.state !== 'used' || again.usedBy !== ctx.openid || again.plate !== input.plate)
        throw new AppError('CODE_USED', '该优惠码已被使用');
    }
  }
  try {
    const given = await giveDiscount(ctx.deps, {
      merchant,
      offerId: doc.offerId as string,
      plate: input.plate,
      by: ctx.openid,
      via: 'code',
      code: doc._id,
    });
    if (given.sessionId !== undefined) {
      await codes(db).updateWhere(
        { _id: doc._id, usedBy: ctx.openid },
        { sessionId: given.sessionId },
      );
    }
    return given;
  } catch (error) {
    // Nothing was given with it: the code may be used again (only if no discount carries it).
    const carried = await discounts(db).count({
      merchantId: merchant.id,
      plate: input.plate,
      date: chinaDateOf(now),
      code: doc._id,
    });
    if (!mine && carried === 0) {
      await codes(db).updateWhere(
        { _id: doc._id, state: 'used', usedBy: ctx.openid },
        { state: 'open', usedBy: db.cmd.remove(), usedAt: db.cmd.remove(), plate: db.cmd.remove() },
      );
    }
    throw error;
  }
}

/** Merchant staff invitations: the operator makes one (operator.ts), the invitee opens it here. */
export async function peekMerchantInvitation(
  ctx: ApiContext,
  input: { code: string },
): Promise<MerchantInvitationPeek> {
  const doc = await codes(ctx.deps.db).get(input.code);
  if (!doc || doc.kind !== 'invitation' || !doc.role)
    throw new AppError('INVITATION_NOT_FOUND', '邀请码不存在，请核对后重试');
  const merchant = await loadMerchant(ctx.deps.db, doc.merchantId);
  if (!merchant) throw new AppError('INVITATION_NOT_FOUND', '邀请码不存在，请核对后重试');
  const now = await ctx.deps.clock.now();
  return {
    code: doc._id,
    merchantName: merchant.name,
    role: doc.role,
    expiresAt: doc.expiresAt,
    state: doc.state === 'open' && now >= doc.expiresAt ? 'expired' : doc.state,
  };
}

export async function acceptMerchantInvitation(
  ctx: ApiContext,
  input: { code: string; name: string },
) {
  const { db } = ctx.deps;
  const doc = await codes(db).get(input.code);
  const notFoundInv = () => new AppError('INVITATION_NOT_FOUND', '邀请码不存在，请核对后重试');
  if (!doc || doc.kind !== 'invitation' || !doc.role) throw notFoundInv();
  const merchant = await loadMerchant(db, doc.merchantId);
  if (!merchant) throw notFoundInv();
  const result = { merchantId: merchant.id, merchantName: merchant.name, role: doc.role };
  if (doc.state === 'used' && doc.usedBy === ctx.openid)
    return { ...result, outcome: 'already' as const };
  if (doc.state === 'used') throw new AppError('INVITATION_USED', '该邀请已被使用');
  if (doc.state === 'revoked') throw new AppError('INVITATION_REVOKED', '该邀请已被撤销');
  const now = await ctx.deps.clock.now();
  if (now >= doc.expiresAt)
    throw new AppError('INVITATION_EXPIRED', '该邀请已过期，请联系停车场重新邀请');
  if (await staffOf(db, merchant.id, ctx.openid))
    throw new AppError('ALREADY_STAFF', '您已是该商户的工作人员，邀请仍可给他人使用');
  const changed = await codes(db).updateWhere(
    { _id: doc._id, state: 'open', expiresAt: db.cmd.gt(now) },
    { state: 'used', usedBy: ctx.openid, usedAt: now },
  );
  if (changed === 0) {
    const again = await codes(db).get(doc._id);
    if (again?.state === 'used' && again.usedBy === ctx.openid)
      return { ...result, outcome: 'already' as const };
    throw new AppError('INVITATION_USED', '该邀请已被使用');
  }
  await staff(db).set(staffId(merchant.id, ctx.openid), {
    merchantId: merchant.id,
    lotId: merchant.lotId,
    openid: ctx.openid,
    role: doc.role,
    name: input.name,
    at: now,
  });
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: merchant.lotId,
    action: 'merchant.join',
    reason: '',
    outcome: 'applied',
    byName: input.name,
    subject: `${input.name} 成为「${merchant.name}」${MERCHANT_ROLE_TEXT[doc.role]}`,
  });
  return { ...result, outcome: 'applied' as const };
}
