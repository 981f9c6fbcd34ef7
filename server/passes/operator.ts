import {
  LIST_TEXT,
  type ListKind,
  listEntryId,
  parseListCsv,
  passPlanSchema,
  revokePass,
} from '../../core/passes';
import { validatePlate } from '../../core/plate/classify';
import { parseWith } from '../../core/parking/result';
import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { fromRefusal } from '../parking/app-errors';
import { requireLot } from '../parking/places';
import { requireRight } from '../operator/access';
import { type AuditAction, writeAudit } from '../operator/audit';
import { applyOrderToPass } from './apply-order';
import { newPassId, passErrors, termsOf } from './driver';
import { checkPassPlates, requirePlatesFree } from './plates';
import {
  type ListEntryDoc,
  type PassOrderDoc,
  loadPass,
  loadPlan,
  passOfPlate,
  passOrders,
  passPlans,
  passes,
  plateLists,
} from './store';
import { orderView, passView, planView } from './views';
import { newCallId } from '../parking/ids';

/**
 * The operator's pass and list services. Every call checks the caller's right for the lot
 * (plans: tariff.manage; passes and lists: pass.manage; reading: lot.view) and every change is
 * audited with its reason, refusals included.
 */

async function audit(
  ctx: ApiContext,
  lotId: string,
  action: AuditAction,
  reason: string,
  subject: string,
  detail?: string,
) {
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId,
    action,
    reason,
    outcome: 'applied',
    subject,
    ...(detail !== undefined && { detail }),
  });
}

export async function listPlans(ctx: ApiContext, lotId: string) {
  await requireRight(ctx, lotId, 'lot.view');
  const docs = await passPlans(ctx.deps.db).find(
    { lotId },
    { orderBy: [['_id', 'asc']], limit: 100 },
  );
  return { lotId, plans: docs.map(({ _id, ...plan }) => planView(plan)) };
}

export async function upsertPlan(ctx: ApiContext, input: { plan: unknown; reason?: string }) {
  const lotId = (input.plan as { lotId?: unknown } | null)?.lotId;
  if (typeof lotId !== 'string')
    throw new AppError('INVALID_INPUT', '缺少停车场', [{ field: 'plan.lotId', rule: 'required' }]);
  await requireRight(ctx, lotId, 'tariff.manage');
  const parsed = parseWith(passPlanSchema, input.plan, '月卡方案');
  if (!parsed.ok) throw fromRefusal(parsed);
  const plan = parsed.value;
  await requireLot(ctx.deps.db, plan.lotId);
  const existing = await passPlans(ctx.deps.db).get(plan.id);
  if (existing && existing.lotId !== plan.lotId) {
    throw new AppError('ID_TAKEN', '该方案编号已被其他停车场使用');
  }
  await passPlans(ctx.deps.db).set(plan.id, plan);
  await audit(
    ctx,
    plan.lotId,
    'passplan.upsert',
    input.reason || '保存月卡方案',
    `月卡方案「${plan.name}」`,
  );
  return { plan: planView(plan) };
}

export async function listPasses(
  ctx: ApiContext,
  input: { lotId: string; plate?: string; offset: number; limit: number },
) {
  await requireRight(ctx, input.lotId, 'lot.view');
  const now = await ctx.deps.clock.now();
  if (input.plate !== undefined) {
    const pass = await passOfPlate(ctx.deps.db, input.lotId, input.plate.toUpperCase());
    return { lotId: input.lotId, passes: pass ? [passView(pass, now)] : [] };
  }
  const docs = await passes(ctx.deps.db).find(
    { lotId: input.lotId },
    {
      orderBy: [
        ['endAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: input.offset,
      limit: input.limit,
    },
  );
  return {
    lotId: input.lotId,
    passes: docs.map((p) => passView(p, now)),
    ...(docs.length === input.limit && { nextOffset: input.offset + docs.length }),
  };
}

/**
 * An operator issues a pass (or one more period of an existing one, `passId`): recorded as an
 * order of its own (`issued`, price 0: money taken at the desk is not the platform's) and applied
 * once like a payment.
 */
export async function issuePass(
  ctx: ApiContext,
  input: {
    lotId: string;
    planId: string;
    plates?: string[];
    passId?: string;
    openid?: string;
    reason: string;
  },
) {
  await requireRight(ctx, input.lotId, 'pass.manage');
  const plan = await loadPlan(ctx.deps.db, input.planId);
  if (!plan || plan.lotId !== input.lotId) throw passErrors.planNotFound();
  const lot = await requireLot(ctx.deps.db, input.lotId);
  const now = await ctx.deps.clock.now();
  let passId: string;
  let plates: string[];
  let openid = input.openid;
  if (input.passId !== undefined) {
    const pass = await loadPass(ctx.deps.db, input.passId);
    if (!pass || pass.lotId !== input.lotId) throw passErrors.passNotFound();
    passId = pass.id;
    plates = pass.plates;
    openid = pass.openid;
  } else {
    plates = checkPassPlates(input.plates ?? [], plan.maxPlates);
    await requirePlatesFree(ctx.deps.db, lot.id, plates, now);
    passId = newPassId(now, ctx.deps);
  }
  const order: PassOrderDoc = {
    _id: newCallId('op', now, ctx.deps.random),
    lotId: lot.id,
    passId,
    kind: 'issue',
    plates,
    terms: termsOf(plan, 0),
    amount: 0,
    status: 'issued',
    cusid: lot.cusid,
    parkingNo: lot.parkingNo,
    pro: lot.pro,
    createdAt: now,
    paidAt: now,
    confirmedBy: 'operator',
    by: ctx.openid,
    reason: input.reason,
    ...(openid !== undefined && { openid }),
  };
  await passOrders(ctx.deps.db).insert(order);
  const outcome = await applyOrderToPass(ctx.deps.db, order);
  const pass = await loadPass(ctx.deps.db, passId);
  if (outcome === 'refused' || !pass) {
    const stored = await passOrders(ctx.deps.db).get(order._id);
    throw new AppError(
      stored?.error?.code ?? 'PASS_INVALID',
      stored?.error?.message ?? '月卡开通失败',
    );
  }
  await audit(
    ctx,
    lot.id,
    'pass.issue',
    input.reason,
    `月卡 ${plates.join('、')}`,
    `至 ${passView(pass, now).endText}`,
  );
  return {
    pass: passView(pass, now),
    order: orderView((await passOrders(ctx.deps.db).get(order._id)) ?? order),
  };
}

export async function revokePassByOperator(
  ctx: ApiContext,
  input: { passId: string; reason: string },
) {
  const pass = await loadPass(ctx.deps.db, input.passId);
  if (!pass) throw passErrors.passNotFound();
  await requireRight(ctx, pass.lotId, 'pass.manage');
  const now = await ctx.deps.clock.now();
  const { pass: revoked, outcome } = revokePass(pass, input.reason, now);
  if (outcome === 'applied') {
    const moved = await passes(ctx.deps.db).updateWhere(
      { _id: pass.id, version: pass.version },
      {
        revokedAt: revoked.revokedAt,
        revokeReason: revoked.revokeReason,
        version: revoked.version,
        updatedAt: now,
      },
    );
    if (moved === 0) throw new AppError('BUSY', '月卡正在被修改，请重试');
    await audit(ctx, pass.lotId, 'pass.revoke', input.reason, `月卡 ${pass.plates.join('、')}`);
  }
  const latest = (await loadPass(ctx.deps.db, pass.id)) ?? revoked;
  return { pass: passView(latest, now), outcome };
}

function listView(doc: ListEntryDoc) {
  const { _id, ...entry } = doc;
  return { id: _id, ...entry };
}

function checkedPlate(raw: string): string {
  const checked = validatePlate(raw, { allowDerived: false });
  if (!checked.ok) throw new AppError('PLATE_INVALID', checked.message);
  return checked.plate;
}

export async function listEntries(
  ctx: ApiContext,
  input: { lotId: string; kind: ListKind; plate?: string; offset: number; limit: number },
) {
  await requireRight(ctx, input.lotId, 'lot.view');
  // A list is an operator's few hundred plates: read in plate order, searched here.
  const docs = await plateLists(ctx.deps.db).find(
    { lotId: input.lotId, kind: input.kind },
    { orderBy: [['plate', 'asc']], limit: 1000 },
  );
  const search = input.plate?.trim().toUpperCase();
  const found = search ? docs.filter((d) => d.plate.includes(search)) : docs;
  const page = found.slice(input.offset, input.offset + input.limit);
  return {
    lotId: input.lotId,
    kind: input.kind,
    total: found.length,
    entries: page.map(listView),
    ...(input.offset + page.length < found.length && { nextOffset: input.offset + page.length }),
  };
}

export async function addListEntry(
  ctx: ApiContext,
  input: { lotId: string; kind: ListKind; plate: string; reason: string; validUntil?: number },
) {
  await requireRight(ctx, input.lotId, 'pass.manage');
  await requireLot(ctx.deps.db, input.lotId);
  const plate = checkedPlate(input.plate);
  const now = await ctx.deps.clock.now();
  const id = listEntryId(input.lotId, input.kind, plate);
  const entry = {
    lotId: input.lotId,
    kind: input.kind,
    plate,
    reason: input.reason,
    createdAt: now,
    by: ctx.openid,
    ...(input.validUntil !== undefined && { validUntil: input.validUntil }),
  };
  await plateLists(ctx.deps.db).set(id, entry);
  await audit(ctx, input.lotId, 'list.add', input.reason, `${LIST_TEXT[input.kind]} ${plate}`);
  return { entry: { id, ...entry } };
}

export async function removeListEntry(
  ctx: ApiContext,
  input: { lotId: string; kind: ListKind; plate: string; reason: string },
) {
  await requireRight(ctx, input.lotId, 'pass.manage');
  const plate = checkedPlate(input.plate);
  const removed = await plateLists(ctx.deps.db).removeWhere({
    _id: listEntryId(input.lotId, input.kind, plate),
  });
  if (removed === 0) throw new AppError('NOT_FOUND', `${LIST_TEXT[input.kind]}中没有 ${plate}`);
  await audit(ctx, input.lotId, 'list.remove', input.reason, `${LIST_TEXT[input.kind]} ${plate}`);
  return { removed: plate };
}

/**
 * A CSV of plates into a list: every line checked first, and with any bad line nothing is
 * written (the errors name each line). The writes are upserts by plate, so an import cut short
 * by a failure is completed by running it again.
 */
export async function importList(
  ctx: ApiContext,
  input: { lotId: string; kind: ListKind; csv: string; reason: string },
) {
  await requireRight(ctx, input.lotId, 'pass.manage');
  await requireLot(ctx.deps.db, input.lotId);
  const parsed = parseListCsv(input.csv);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const where = first && first.line > 0 ? `第 ${first.line} 行：` : '';
    throw new AppError(
      'IMPORT_INVALID',
      `${where}${first?.message ?? '文件无效'}（共 ${parsed.errors.length} 处错误，未导入任何车牌）`,
      parsed.errors,
    );
  }
  const now = await ctx.deps.clock.now();
  for (const row of parsed.rows) {
    await plateLists(ctx.deps.db).set(listEntryId(input.lotId, input.kind, row.plate), {
      lotId: input.lotId,
      kind: input.kind,
      plate: row.plate,
      reason: row.reason ?? input.reason,
      createdAt: now,
      by: ctx.openid,
      ...(row.validUntil !== undefined && { validUntil: row.validUntil }),
    });
  }
  await audit(
    ctx,
    input.lotId,
    'list.import',
    input.reason,
    `${LIST_TEXT[input.kind]}导入 ${parsed.rows.length} 个车牌`,
  );
  return { imported: parsed.rows.length };
}
