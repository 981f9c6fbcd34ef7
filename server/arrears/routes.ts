import type { z } from 'zod';
import { type arrearsContract, arrearsInputs } from '../contract/merchant';
import { AppError } from '../api-kit/app-error';
import { route } from '../api-kit/router';
import type { ApiContext, ApiShell, RoutesFor } from '../parking/api/context';
import { loadLot, loadSpot, requireLot } from '../parking/places';
import {
  type PlateChoice,
  rememberPlate,
  rememberedPlates,
  resolveDriverPlate,
} from '../parking/plates';
import { arrearsOwedAt, totalDue } from './owed';
import { requireRight } from '../operator/access';
import { writeAudit } from '../operator/audit';
import { formatFen } from '../../core/money/format';
import { arrearsOrders } from './orders';
import { resolveArrearsOrder, startArrearsPayment } from './payment';
import { type ArrearsDoc, arrearsCollection } from './record';

/**
 * Roadside arrears (issue 14 Deliver 5): the driver sees the open arrears of their remembered
 * plates and pays them through the platform's `pay` (server/arrears/payment.ts); the operator
 * lists a lot's arrears (oldest first, by plate) and waives one with a reason (audited,
 * compare-and-set on its state).
 */
const view = ({ _id, ...rest }: ArrearsDoc) => ({ id: _id, ...rest });
const arrearsNotFound = () => new AppError('ARREARS_NOT_FOUND', '欠费记录不存在');

/** Open arrears of the caller's remembered plates and of the sessions the caller started. */
export async function myArrears(ctx: ApiContext) {
  const col = arrearsCollection(ctx.deps.db);
  const plates = await rememberedPlates(ctx.deps.db, ctx.openid);
  const found = new Map<string, ArrearsDoc>();
  for (const plate of plates) {
    for (const d of await col.find({ plate, state: 'open' }, { limit: 50 })) found.set(d._id, d);
  }
  // A car without a plate has none to remember: its derived plate's arrears come by the openid.
  for (const d of await col.find({ openid: ctx.openid, state: 'open' }, { limit: 50 })) {
    found.set(d._id, d);
  }
  const items = [];
  for (const d of found.values()) {
    const lot = await loadLot(ctx.deps.db, d.lotId).catch(() => undefined);
    items.push({ ...view(d), lotName: lot?.name ?? d.lotId });
  }
  items.sort((a, b) => a.to - b.to);
  return { items, total: totalDue(items) };
}

/** Arrears of a remembered plate or of a session the caller started (anyone else's: not found). */
async function ownArrears(ctx: ApiContext, arrearsId: string): Promise<ArrearsDoc> {
  const doc = await arrearsCollection(ctx.deps.db).get(arrearsId);
  if (!doc) throw arrearsNotFound();
  if (doc.openid === ctx.openid) return doc;
  const plates = await rememberedPlates(ctx.deps.db, ctx.openid);
  if (!plates.includes(doc.plate)) throw arrearsNotFound();
  return doc;
}

/**
 * Before a booking or an entry: the plate's open arrears owed to this lot's operator, shown
 * first; the lot's policy says whether a booking waits for them (Lot.arrearsPolicy). A typed
 * plate that owes is remembered, as the booking would remember it, so that the driver can pay
 * it (arrears.pay takes the caller's plates only) and finds it on the home page.
 */
export async function checkArrears(ctx: ApiContext, input: PlateChoice & { lotId: string }) {
  const lot = await requireLot(ctx.deps.db, input.lotId);
  const { plate, derived } = resolveDriverPlate(input, lot, ctx.openid);
  const owed = await arrearsOwedAt(ctx.deps.db, lot, plate);
  if (owed.length > 0 && !derived) {
    await rememberPlate(ctx.deps.db, ctx.openid, plate, await ctx.deps.clock.now());
  }
  const items = owed.map(({ lotName, ...d }) => ({ ...view(d), lotName }));
  return {
    plate,
    items,
    total: totalDue(items),
    policy: lot.arrearsPolicy,
    bookingBlocked: lot.kind === 'roadside' && lot.arrearsPolicy === 'require' && items.length > 0,
  };
}

/** Starts paying open arrears; paid or waived ones answer without a payment. */
export async function payArrears(ctx: ApiContext, input: { arrearsId: string }) {
  const doc = await ownArrears(ctx, input.arrearsId);
  if (doc.state !== 'open') return { arrears: view(doc) };
  const started = await startArrearsPayment(ctx.deps, ctx.openid, doc);
  const after = (await arrearsCollection(ctx.deps.db).get(doc._id)) ?? doc;
  return { arrears: view(after), ...(started.payment && { payment: started.payment }) };
}

/** After wx.requestPayment, whatever it said: the platform is asked and its answer applied. */
export async function confirmArrears(ctx: ApiContext, input: { reqsn: string }) {
  const order = await arrearsOrders(ctx.deps.db).get(input.reqsn);
  if (!order || order.openid !== ctx.openid) {
    throw new AppError('ORDER_NOT_FOUND', '未找到该支付记录');
  }
  const after = await resolveArrearsOrder(ctx.deps, order._id, { force: true });
  const arrears = await arrearsCollection(ctx.deps.db).get(after.arrearsId);
  if (!arrears) throw arrearsNotFound();
  return { reqsn: after._id, status: after.status, arrears: view(arrears) };
}

export async function lotArrears(
  ctx: ApiContext,
  input: { lotId: string; state: ArrearsDoc['state']; plate?: string },
) {
  await requireRight(ctx, input.lotId, 'session.view');
  const docs = await arrearsCollection(ctx.deps.db).find(
    { lotId: input.lotId, state: input.state },
    { orderBy: [['to', 'asc']], limit: 500 },
  );
  const now = await ctx.deps.clock.now();
  const shown = docs.filter(
    (d) => input.plate === undefined || d.plate.includes(input.plate.toUpperCase()),
  );
  // The operator knows spots by name; a lot's spots are few, each read once.
  const spotNames = new Map<string, string>();
  for (const id of new Set(shown.flatMap((d) => (d.spotId ? [d.spotId] : [])))) {
    const spot = await loadSpot(ctx.deps.db, id).catch(() => undefined);
    if (spot) spotNames.set(id, spot.name);
  }
  const items = shown.map((d) => ({
    ...view(d),
    ...(d.spotId && spotNames.has(d.spotId) && { spotName: spotNames.get(d.spotId) }),
    ageDays: Math.floor((now - d.to) / 86_400),
  }));
  return { lotId: input.lotId, items, total: items.reduce((s, a) => s + a.due, 0) };
}

export async function waiveArrears(ctx: ApiContext, input: { sessionId: string; reason: string }) {
  const col = arrearsCollection(ctx.deps.db);
  const doc = await col.get(input.sessionId);
  if (!doc) throw arrearsNotFound();
  try {
    await requireRight(ctx, doc.lotId, 'session.view');
  } catch {
    throw arrearsNotFound();
  }
  await requireRight(ctx, doc.lotId, 'session.cancel');
  if (doc.state === 'waived') return { outcome: 'already' as const, arrears: view(doc) };
  if (doc.state === 'paid') throw new AppError('ARREARS_PAID', '该欠费已缴清');
  const now = await ctx.deps.clock.now();
  const changed = await col.updateWhere(
    { _id: doc._id, state: 'open' },
    { state: 'waived', waivedBy: ctx.openid, waivedAt: now, reason: input.reason },
  );
  const after = await col.get(doc._id);
  if (changed === 0) {
    if (after?.state === 'waived') return { outcome: 'already' as const, arrears: view(after) };
    throw new AppError('ARREARS_PAID', '该欠费已缴清');
  }
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: doc.lotId,
    sessionId: doc.sessionId,
    action: 'arrears.waive',
    reason: input.reason,
    outcome: 'applied',
    subject: `${doc.plate} 欠费 ${formatFen(doc.due)}`,
    changes: [{ label: '欠费', from: '待缴', to: '已减免' }],
  });
  return { outcome: 'applied' as const, arrears: view(after ?? doc) };
}

const inputs = arrearsInputs;

export const arrearsRoutes = {
  'arrears.mine': route({
    audience: 'driver',
    input: inputs.nothing,
    handle: (ctx: ApiContext) => myArrears(ctx),
  }),
  'arrears.check': route({
    audience: 'driver',
    input: inputs.check,
    handle: (ctx: ApiContext, d: z.output<typeof inputs.check>) =>
      checkArrears(ctx, d as PlateChoice & { lotId: string }),
  }),
  'arrears.pay': route({
    audience: 'driver',
    input: inputs.pay,
    handle: (ctx: ApiContext, d: z.output<typeof inputs.pay>) => payArrears(ctx, d),
  }),
  'arrears.confirm': route({
    audience: 'driver',
    input: inputs.confirm,
    handle: (ctx: ApiContext, d: z.output<typeof inputs.confirm>) => confirmArrears(ctx, d),
  }),
  'op.arrears.list': route({
    audience: 'operator',
    input: inputs.list,
    handle: (ctx: ApiContext, d: z.output<typeof inputs.list>) => lotArrears(ctx, d),
  }),
  'op.arrears.waive': route({
    audience: 'operator',
    input: inputs.waive,
    handle: (ctx: ApiContext, d: z.output<typeof inputs.waive>) => waiveArrears(ctx, d),
  }),
} satisfies RoutesFor<typeof arrearsContract>;

export const arrearsShell = { routes: arrearsRoutes } satisfies ApiShell;
