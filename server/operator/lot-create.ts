import { type Lot, type LotInput, lotSchema } from '../../core/parking/lot';
import { mayCreateLot } from '../../core/parking/operator';
import { type Tariff, tariffSchema } from '../../core/parking/tariff';
import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { loadLot, loadTariff } from '../parking/places';
import { COLLECTIONS } from '../store/collections';
import { type GrantDoc, grantId, grantsOf } from './access';
import { writeAudit } from './audit';
import { lotChanges } from './audit-changes';
import { parseOrRefuse } from './places-admin';

type Stored<T> = T & { _id: string };

/**
 * A new lot, created by an owner of another lot (mayCreateLot), who becomes its owner. It gets a
 * tariff of its own (id = the lot's id) with a plain price to edit next; gates or spots are added
 * afterwards. The gate controller's secret is an administrator's matter (not made here).
 */
export function starterTariff(lot: Pick<Lot, 'id' | 'name'>): Tariff {
  return tariffSchema.parse({
    id: lot.id,
    name: `${lot.name}收费标准`.slice(0, 30),
    freeMinutes: 15,
    unitMinutes: 60,
    periods: [{ name: '全天', start: '00:00', pricePerUnit: 500 }],
    capPer24h: null,
    bookingFee: 0,
  });
}

export async function createLot(
  ctx: ApiContext,
  input: { lot: Record<string, unknown>; reason?: string },
): Promise<{ lot: Lot; tariff: Tariff }> {
  const db = ctx.deps.db;
  const grants = await grantsOf(db, ctx.openid);
  if (!mayCreateLot(grants, ctx.openid)) {
    throw new AppError('FORBIDDEN', '只有停车场所有者可以新建停车场，您的角色没有权限');
  }
  const id = typeof input.lot.id === 'string' ? input.lot.id : '';
  const lot = parseOrRefuse(lotSchema, { ...input.lot, tariffId: id } as LotInput, '停车场信息');
  if (await loadLot(db, lot.id)) throw new AppError('ID_TAKEN', '该编号已被其他停车场使用');
  if (await loadTariff(db, lot.id)) throw new AppError('ID_TAKEN', '该编号已被收费标准使用');
  if (!ctx.deps.platform.has(lot.cusid)) {
    throw new AppError('MERCHANT_NOT_CONFIGURED', '该商户号尚未配置，无法收款');
  }
  const lots = db.collection<Stored<Lot>>(COLLECTIONS.lots);
  if ((await lots.find({ parkingNo: lot.parkingNo }, { limit: 1 })).length > 0) {
    throw new AppError('PARKING_NO_TAKEN', '停车场编号已被其他停车场使用');
  }
  const tariff = starterTariff(lot);
  // The insert is the lock: of two creations of one id only one goes on.
  if ((await lots.insert({ ...lot, _id: lot.id })) === 'duplicate') {
    throw new AppError('ID_TAKEN', '该编号已被其他停车场使用');
  }
  await db.collection<Stored<Tariff>>(COLLECTIONS.tariffs).set(tariff.id, tariff);
  const name = grants.find((g) => g.name)?.name;
  await db.collection<GrantDoc>(COLLECTIONS.operators).set(grantId(lot.id, ctx.openid), {
    lotId: lot.id,
    openid: ctx.openid,
    role: 'owner',
    ...(name && { name }),
  });
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: lot.id,
    action: 'lot.create',
    reason: input.reason ?? '',
    outcome: 'applied',
    subject: lot.name,
    changes: lotChanges(undefined, lot),
  });
  return { lot, tariff };
}
