import { type Gate, gateFitsLot, gateSchema, newGate } from '../../core/parking/gate';
import { type Lot, type LotInput, lotSchema } from '../../core/parking/lot';
import { type Spot, newSpot, spotFitsLot, spotSchema } from '../../core/parking/spot';
import { type Tariff, type TariffInput, tariffSchema } from '../../core/parking/tariff';
import { fieldIssues } from '../../core/parking/result';
import { AppError } from '../api-kit/app-error';
import type { LotWithRole } from '../contract/operator-views';
import type { ApiContext } from '../parking/api/context';
import { loadGate, loadLot, loadSpot, loadTariff, requireLot, spotsOfLot } from '../parking/places';
import { COLLECTIONS } from '../store/collections';
import { grantsOf, lotsWhere, requireRight } from './access';
import { writeAudit } from './audit';
import { tariffView } from '../parking/views';
import {
  gateChanges,
  gateSubject,
  lotChanges,
  spotChanges,
  spotSubject,
  tariffChanges,
} from './audit-changes';
import type { z } from 'zod';

/**
 * Lots, gates, spots and tariffs as an owner edits them. Every record is parsed with its domain
 * schema before it is written (the functions that read them refuse a broken record). Creating a
 * lot is op.lots.create's (lot-create.ts): upsert edits existing lots.
 */

export function parseOrRefuse<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  // The router's shape of INVALID_INPUT details: [{ field, rule }] (api-kit/router.ts).
  const details = fieldIssues(parsed.error).map((i) => ({ field: i.field, rule: i.message }));
  throw new AppError('INVALID_INPUT', `${what}有误`, details);
}

type Stored<T> = T & { _id: string };

export async function listLots(ctx: ApiContext): Promise<{ lots: LotWithRole[] }> {
  const grants = await grantsOf(ctx.deps.db, ctx.openid);
  const ids = await lotsWhere(ctx, 'lot.view');
  const lots: LotWithRole[] = [];
  for (const id of ids) {
    const lot = await loadLot(ctx.deps.db, id);
    const role = grants.find((g) => g.lotId === id)?.role;
    if (lot && role) lots.push({ ...lot, role });
  }
  return { lots };
}

export async function getLot(ctx: ApiContext, lotId: string) {
  const role = await requireRight(ctx, lotId, 'lot.view');
  const lot = await requireLot(ctx.deps.db, lotId);
  return { lot, role };
}

export async function updateLot(ctx: ApiContext, input: { lot: LotInput; reason?: string }) {
  const lot = parseOrRefuse(lotSchema, input.lot, '停车场信息');
  await requireRight(ctx, lot.id, 'lot.edit');
  const before = await loadLot(ctx.deps.db, lot.id);
  if (!before) throw new AppError('LOT_NOT_FOUND', '停车场不存在（新建请使用“新建停车场”）');
  if (before.kind !== lot.kind) throw new AppError('LOT_KIND_FIXED', '停车场类型创建后不能修改');
  if (!ctx.deps.platform.has(lot.cusid)) {
    throw new AppError('MERCHANT_NOT_CONFIGURED', '该商户号尚未配置，无法收款');
  }
  if (!(await loadTariff(ctx.deps.db, lot.tariffId))) {
    throw new AppError('TARIFF_NOT_FOUND', '收费标准不存在');
  }
  const lots = ctx.deps.db.collection<Stored<Lot>>(COLLECTIONS.lots);
  const sameNo = await lots.find({ parkingNo: lot.parkingNo }, { limit: 2 });
  if (sameNo.some((l) => l._id !== lot.id)) {
    throw new AppError('PARKING_NO_TAKEN', '停车场编号已被其他停车场使用');
  }
  await lots.set(lot.id, lot);
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: lot.id,
    action: 'lot.update',
    reason: input.reason ?? '',
    outcome: 'applied',
    subject: lot.name,
    changes: lotChanges(before, lot),
  });
  return { lot };
}

export async function listGates(ctx: ApiContext, lotId: string): Promise<{ gates: Gate[] }> {
  await requireRight(ctx, lotId, 'lot.view');
  const docs = await ctx.deps.db
    .collection<Stored<Gate>>(COLLECTIONS.gates)
    .find({ lotId }, { orderBy: [['_id', 'asc']], limit: 1000 });
  return {
    gates: docs.flatMap((d) => {
      const parsed = gateSchema.safeParse(d);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}

export async function upsertGate(
  ctx: ApiContext,
  input: { gate: Omit<Gate, 'scene'>; reason?: string },
): Promise<{ gate: Gate; created: boolean }> {
  await requireRight(ctx, input.gate.lotId, 'place.manage');
  const gate = parseOrRefuse(gateSchema, newGate(input.gate), '道闸信息');
  const lot = await requireLot(ctx.deps.db, gate.lotId);
  if (!gateFitsLot(gate, lot))
    throw new AppError('WRONG_LOT_KIND', '路侧停车场没有道闸，请添加泊位');
  const existing = await loadGate(ctx.deps.db, gate.id);
  if (existing && existing.lotId !== gate.lotId) {
    throw new AppError('ID_TAKEN', '该编号已被其他停车场的道闸使用');
  }
  if (await loadSpot(ctx.deps.db, gate.id)) throw new AppError('ID_TAKEN', '该编号已被泊位使用');
  await ctx.deps.db.collection<Stored<Gate>>(COLLECTIONS.gates).set(gate.id, gate);
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: gate.lotId,
    gateId: gate.id,
    action: 'gate.upsert',
    reason: input.reason ?? '',
    outcome: 'applied',
    detail: existing ? 'updated' : 'created',
    subject: gateSubject(gate),
    changes: gateChanges(existing, gate),
  });
  return { gate, created: !existing };
}

export async function listSpots(ctx: ApiContext, lotId: string): Promise<{ spots: Spot[] }> {
  await requireRight(ctx, lotId, 'lot.view');
  return { spots: await spotsOfLot(ctx.deps.db, lotId) };
}

export async function upsertSpot(
  ctx: ApiContext,
  input: { spot: Omit<Spot, 'scene'>; reason?: string },
): Promise<{ spot: Spot; created: boolean }> {
  await requireRight(ctx, input.spot.lotId, 'place.manage');
  const spot = parseOrRefuse(spotSchema, newSpot(input.spot), '泊位信息');
  const lot = await requireLot(ctx.deps.db, spot.lotId);
  if (!spotFitsLot(spot, lot))
    throw new AppError('WRONG_LOT_KIND', '道闸停车场没有泊位，请添加道闸');
  const existing = await loadSpot(ctx.deps.db, spot.id);
  if (existing && existing.lotId !== spot.lotId) {
    throw new AppError('ID_TAKEN', '该编号已被其他停车场的泊位使用');
  }
  if (await loadGate(ctx.deps.db, spot.id)) throw new AppError('ID_TAKEN', '该编号已被道闸使用');
  const sameCode = (await spotsOfLot(ctx.deps.db, spot.lotId)).find(
    (s) => s.code === spot.code && s.id !== spot.id,
  );
  if (sameCode) throw new AppError('SPOT_CODE_TAKEN', `泊位号 ${spot.code} 已存在`);
  await ctx.deps.db.collection<Stored<Spot>>(COLLECTIONS.spots).set(spot.id, spot);
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: spot.lotId,
    action: 'spot.upsert',
    reason: input.reason ?? '',
    outcome: 'applied',
    detail: existing ? 'updated' : 'created',
    subject: spotSubject(spot),
    changes: spotChanges(existing, spot),
  });
  return { spot, created: !existing };
}

export async function getTariff(ctx: ApiContext, lotId: string) {
  await requireRight(ctx, lotId, 'lot.view');
  const lot = await requireLot(ctx.deps.db, lotId);
  const tariff = await loadTariff(ctx.deps.db, lot.tariffId);
  if (!tariff) throw new AppError('TARIFF_NOT_FOUND', '收费标准不存在');
  return { lotId, tariff, view: tariffView(tariff) };
}

/**
 * Writes a tariff and points the lot at it. A tariff may be shared by several lots: the caller
 * must hold tariff.manage on every lot that uses it. Live sessions keep the tariff they began
 * with (a copy inside the session), so a change applies to new sessions only.
 */
export async function upsertTariff(
  ctx: ApiContext,
  input: { lotId: string; tariff: TariffInput; reason?: string },
): Promise<{ lotId: string; tariff: Tariff }> {
  await requireRight(ctx, input.lotId, 'tariff.manage');
  const tariff = parseOrRefuse(tariffSchema, input.tariff, '收费标准');
  const lot = await requireLot(ctx.deps.db, input.lotId);
  const users = await ctx.deps.db
    .collection<Stored<Lot>>(COLLECTIONS.lots)
    .find({ tariffId: tariff.id }, { limit: 1000 });
  for (const other of users) await requireRight(ctx, other._id, 'tariff.manage');
  // A lot moved to another tariff: the change is against the one it had.
  const before =
    (await loadTariff(ctx.deps.db, tariff.id)) ?? (await loadTariff(ctx.deps.db, lot.tariffId));
  await ctx.deps.db.collection<Stored<Tariff>>(COLLECTIONS.tariffs).set(tariff.id, tariff);
  if (lot.tariffId !== tariff.id) {
    await ctx.deps.db
      .collection<Stored<Lot>>(COLLECTIONS.lots)
      .updateWhere({ _id: lot.id }, { tariffId: tariff.id });
  }
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: lot.id,
    action: 'tariff.upsert',
    reason: input.reason ?? '',
    outcome: 'applied',
    detail: tariff.id,
    subject: tariff.name,
    changes: tariffChanges(before, tariff),
  });
  return { lotId: lot.id, tariff };
}
