import { newInvitationCode } from '../../core/parking/invitation';
import {
  MERCHANT_ROLE_TEXT,
  type MerchantRole,
  merchantInputSchema,
} from '../../core/parking/merchant';
import { formatFen } from '../../core/money/format';
import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { requireLot } from '../parking/places';
import { requireRight } from '../operator/access';
import { writeAudit } from '../operator/audit';
import { dayRange } from '../operator/china-dates';
import { revenueRange } from '../operator/revenue';
import { csvText, yuan } from '../operator/csv';
import { type QrSettings, localQrImage } from '../operator/qr-render';
import {
  type DiscountDoc,
  type MerchantCodeDoc,
  type MerchantDoc,
  type TopupDoc,
  balanceOf,
  codes,
  discountsOfLotOn,
  discountsOfMerchant,
  merchantOf,
  merchants,
  topups,
} from './store';

/**
 * The operator's side of merchants (issue 14 Deliver 1 and 4): an owner adds and edits a lot's
 * merchants, tops up a balance (audited; a repeat of the same request id is the same top-up),
 * invites a merchant's staff; operators who may see revenue see per merchant per day and export
 * a merchant's statement. A merchant of a lot the caller does not run is MERCHANT_NOT_FOUND.
 *
 * The money here is what merchants owe the operator for discounts, not platform money: a
 * discount lowers what the driver is charged, so it never appears in the platform ledger.
 */
const notFound = () => new AppError('MERCHANT_NOT_FOUND', '商户不存在');

async function merchantForOperator(
  ctx: ApiContext,
  merchantId: string,
  action: 'lot.edit' | 'revenue.view' | 'operator.manage',
) {
  const doc = await merchants(ctx.deps.db).get(merchantId);
  const merchant = merchantOf(doc);
  if (!doc || !merchant) throw notFound();
  try {
    await requireRight(ctx, merchant.lotId, 'lot.view');
  } catch {
    throw notFound();
  }
  await requireRight(ctx, merchant.lotId, action);
  return merchant;
}

export async function listMerchants(ctx: ApiContext, lotId: string) {
  await requireRight(ctx, lotId, 'lot.view');
  const docs = await merchants(ctx.deps.db).find(
    { lotId },
    { orderBy: [['_id', 'asc']], limit: 200 },
  );
  const items = [];
  for (const doc of docs) {
    const m = merchantOf(doc);
    if (!m) continue;
    items.push({ ...m, balance: await balanceOf(ctx.deps.db, m.id) });
  }
  return { lotId, merchants: items };
}

export async function upsertMerchant(
  ctx: ApiContext,
  input: { merchant: Record<string, unknown>; reason?: string },
) {
  const parsed = merchantInputSchema.safeParse(input.merchant);
  if (!parsed.success) {
    throw new AppError(
      'MERCHANT_INVALID',
      '商户信息有误，请检查后重试',
      parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), rule: i.message })),
    );
  }
  const m = parsed.data;
  await requireRight(ctx, m.lotId, 'lot.edit');
  await requireLot(ctx.deps.db, m.lotId);
  const db = ctx.deps.db;
  const before = await merchants(db).get(m.id);
  // An id of another lot's merchant is taken: refused as if it did not exist here.
  if (before && before.lotId !== m.lotId)
    throw new AppError('MERCHANT_ID_TAKEN', '商户编号已被使用');
  const now = await ctx.deps.clock.now();
  const doc: Omit<MerchantDoc, '_id'> = {
    ...m,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  await merchants(db).set(m.id, doc);
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: m.lotId,
    action: 'merchant.upsert',
    reason: input.reason ?? '',
    outcome: 'applied',
    subject: `商户「${m.name}」`,
    ...(before?.name !== undefined &&
      before.name !== m.name && {
        changes: [{ label: '名称', from: before.name, to: m.name }],
      }),
  });
  return { merchant: m, created: !before };
}

export async function topUp(
  ctx: ApiContext,
  input: { merchantId: string; amount: number; requestId: string; reason: string },
) {
  const merchant = await merchantForOperator(ctx, input.merchantId, 'lot.edit');
  const db = ctx.deps.db;
  const id = `${merchant.id}|${input.requestId}`;
  const existing = await topups(db).get(id);
  if (existing) {
    if (existing.amount !== input.amount)
      throw new AppError('TOPUP_CONFLICT', '该充值单号已用于不同金额的充值');
    return {
      outcome: 'already' as const,
      topup: existing,
      balance: await balanceOf(db, merchant.id),
    };
  }
  const now = await ctx.deps.clock.now();
  const before = await balanceOf(db, merchant.id);
  const doc: TopupDoc = {
    _id: id,
    merchantId: merchant.id,
    lotId: merchant.lotId,
    amount: input.amount,
    at: now,
    by: ctx.openid,
    reason: input.reason,
  };
  if ((await topups(db).insert(doc)) === 'duplicate') {
    const again = await topups(db).get(id);
    return {
      outcome: 'already' as const,
      topup: again ?? doc,
      balance: await balanceOf(db, merchant.id),
    };
  }
  const after = await balanceOf(db, merchant.id);
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: merchant.lotId,
    action: 'merchant.topup',
    reason: input.reason,
    outcome: 'applied',
    subject: `商户「${merchant.name}」充值 ${formatFen(input.amount)}`,
    changes: [{ label: '余额', from: formatFen(before.balance), to: formatFen(after.balance) }],
  });
  return { outcome: 'applied' as const, topup: doc, balance: after };
}

export async function inviteStaff(
  ctx: ApiContext,
  input: { merchantId: string; role: MerchantRole; hours: number },
  qr: QrSettings,
) {
  const merchant = await merchantForOperator(ctx, input.merchantId, 'operator.manage');
  const now = await ctx.deps.clock.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = newInvitationCode(ctx.deps.random);
    const doc: MerchantCodeDoc = {
      _id: code,
      kind: 'invitation',
      merchantId: merchant.id,
      lotId: merchant.lotId,
      role: input.role,
      createdBy: ctx.openid,
      createdAt: now,
      expiresAt: now + input.hours * 3600,
      state: 'open',
    };
    if ((await codes(ctx.deps.db).insert(doc)) !== 'inserted') continue;
    const scene = `m:${code}`;
    const url = `${qr.baseUrl}?scene=${encodeURIComponent(scene)}`;
    await writeAudit(ctx.deps, {
      openid: ctx.openid,
      lotId: merchant.lotId,
      action: 'merchant.invite',
      reason: '',
      outcome: 'applied',
      subject: `邀请「${merchant.name}」${MERCHANT_ROLE_TEXT[input.role]}`,
    });
    return { code, scene, url, expiresAt: doc.expiresAt, image: await localQrImage(url) };
  }
  throw new AppError('BUSY', '生成邀请码失败，请重试');
}

/** Per merchant per China day: discounts given, finished ones and what they cost. */
export async function merchantDaily(
  ctx: ApiContext,
  asked: { lotId: string; from?: string | undefined; to?: string | undefined },
) {
  await requireRight(ctx, asked.lotId, 'revenue.view');
  const input = { lotId: asked.lotId, ...(await revenueRange(ctx, asked)) };
  const { days } = dayRange(input.from, input.to);
  const rows = new Map<
    string,
    {
      merchantId: string;
      merchantName: string;
      date: string;
      given: number;
      charged: number;
      cost: number;
    }
  >();
  for (const date of days) {
    for (const d of await discountsOfLotOn(ctx.deps.db, input.lotId, date)) {
      const key = `${d.merchantId}|${date}`;
      const row = rows.get(key) ?? {
        merchantId: d.merchantId,
        merchantName: d.merchantName,
        date,
        given: 0,
        charged: 0,
        cost: 0,
      };
      row.given += 1;
      if (d.state === 'charged') row.charged += 1;
      row.cost += d.cost;
      rows.set(key, row);
    }
  }
  const items = [...rows.values()].sort((a, b) =>
    a.date === b.date ? (a.merchantId < b.merchantId ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
  return { lotId: input.lotId, from: input.from, to: input.to, items };
}

const STATE_TEXT: Record<DiscountDoc['state'], string> = {
  waiting: '待入场',
  pending: '在场',
  charged: '已结算',
  returned: '已退回',
};
const VIA_TEXT: Record<DiscountDoc['via'], string> = {
  staff: '店员发放',
  code: '一次性二维码',
  counter: '柜台二维码',
};

/** A merchant's statement as CSV (UTF-8 with BOM, formula cells neutralised: csv.ts). */
export function statementCsv(merchantName: string, docs: readonly DiscountDoc[]): string {
  const rows: Array<Array<string | number>> = [
    ['商户', '日期', '车牌', '优惠', '方式', '状态', '费用(元)'],
  ];
  let total = 0;
  for (const d of docs) {
    rows.push([
      merchantName,
      d.date,
      d.plate,
      d.offerLabel,
      VIA_TEXT[d.via],
      STATE_TEXT[d.state],
      yuan(d.cost),
    ]);
    total += d.cost;
  }
  rows.push(['合计', '', '', '', '', `${docs.length} 笔`, yuan(total)]);
  return csvText(rows);
}

export async function merchantStatement(
  ctx: ApiContext,
  input: { merchantId: string; from: string; to: string },
) {
  const merchant = await merchantForOperator(ctx, input.merchantId, 'revenue.view');
  const docs = await discountsOfMerchant(ctx.deps.db, merchant.id, input);
  const fileName =
    input.from === input.to
      ? `merchant-${merchant.id}-${input.from}.csv`
      : `merchant-${merchant.id}-${input.from}_${input.to}.csv`;
  return {
    merchantId: merchant.id,
    from: input.from,
    to: input.to,
    fileName,
    lines: docs.length,
    cost: docs.reduce((s, d) => s + d.cost, 0),
    csv: statementCsv(merchant.name, docs),
  };
}
