import type { PassPlan, PassTerms } from '../../core/passes';
import { newReqsn } from '../../core/parking/reqsn';
import { AppError } from '../api-kit/app-error';
import type { ParkingDeps } from '../parking/deps';
import { requireLot } from '../parking/places';
import { type PassPaymentStart, paymentOf, resolvePassOrder, startPassPayment } from './payment';
import { checkPassPlates, requirePlatesFree } from './plates';
import { loadPass, loadPlan, passOrders, passPlans, passes } from './store';
import { orderView, passView, planView } from './views';

/** The driver's pass services: plans on sale, my passes and receipts, buy, renew, confirm. */

export const passErrors = {
  planNotFound: () => new AppError('PLAN_NOT_FOUND', '该月卡方案不存在或已停售'),
  passNotFound: () => new AppError('PASS_NOT_FOUND', '未找到该月卡'),
  orderNotFound: () => new AppError('ORDER_NOT_FOUND', '未找到该支付记录'),
};

export function termsOf(plan: PassPlan, price: number = plan.price): PassTerms {
  return {
    planId: plan.id,
    planName: plan.name,
    period: plan.period,
    spaces: plan.spaces,
    graceDays: plan.graceDays,
    price,
  };
}

export function newPassId(now: number, deps: Pick<ParkingDeps, 'random'>): string {
  return `P${newReqsn('op', now, deps.random).slice(1)}`;
}

async function onlinePlan(deps: ParkingDeps, planId: string): Promise<PassPlan> {
  const plan = await loadPlan(deps.db, planId);
  if (!plan || !plan.online || !plan.active) throw passErrors.planNotFound();
  return plan;
}

export async function plansOnSale(deps: ParkingDeps, lotId: string) {
  const lot = await requireLot(deps.db, lotId);
  const docs = await passPlans(deps.db).find({ lotId }, { orderBy: [['_id', 'asc']], limit: 100 });
  const plans = docs.flatMap((doc) => {
    const plan = doc as PassPlan;
    return plan.online && plan.active !== false ? [planView(plan)] : [];
  });
  return { lot: { id: lot.id, name: lot.name }, plans };
}

export async function myPasses(deps: ParkingDeps, openid: string) {
  const now = await deps.clock.now();
  const docs = await passes(deps.db).find({ openid }, { orderBy: [['endAt', 'desc']], limit: 50 });
  const orders = await passOrders(deps.db).find(
    { openid },
    { orderBy: [['createdAt', 'desc']], limit: 30 },
  );
  return {
    passes: docs.map((p) => passView(p, now)),
    // Payments that never started are no receipt: only those paid, or still being confirmed.
    orders: orders.filter((o) => o.status !== 'failed' && o.status !== 'abandoned').map(orderView),
  };
}

function startedView(started: Awaited<ReturnType<typeof startPassPayment>>): {
  order: ReturnType<typeof orderView>;
  payment?: PassPaymentStart;
} {
  return { order: orderView(started.order), ...(started.payment && { payment: started.payment }) };
}

export async function buyPass(
  deps: ParkingDeps,
  openid: string,
  input: { planId: string; plates: string[] },
) {
  const plan = await onlinePlan(deps, input.planId);
  const lot = await requireLot(deps.db, plan.lotId);
  const plates = checkPassPlates(input.plates, plan.maxPlates);
  const now = await deps.clock.now();
  await requirePlatesFree(deps.db, lot.id, plates, now);
  const started = await startPassPayment(deps, {
    lot,
    passId: newPassId(now, deps),
    kind: 'buy',
    openid,
    plates,
    terms: termsOf(plan),
  });
  return startedView(started);
}

export async function renewPass(deps: ParkingDeps, openid: string, input: { passId: string }) {
  const pass = await loadPass(deps.db, input.passId);
  if (!pass || pass.openid !== openid) throw passErrors.passNotFound();
  if (pass.revokedAt !== undefined) throw new AppError('PASS_REVOKED', '该月卡已作废，无法续费');
  const plan = await onlinePlan(deps, pass.terms.planId);
  const lot = await requireLot(deps.db, pass.lotId);
  const started = await startPassPayment(deps, {
    lot,
    passId: pass.id,
    kind: 'renew',
    openid,
    plates: pass.plates,
    terms: termsOf(plan),
  });
  return startedView(started);
}

/** After wx.requestPayment, whatever it returned: the order asked about, and its pass. */
export async function confirmPassPayment(
  deps: ParkingDeps,
  openid: string,
  input: { reqsn: string },
) {
  const stored = await passOrders(deps.db).get(input.reqsn);
  if (!stored || stored.openid !== openid) throw passErrors.orderNotFound();
  const order = await resolvePassOrder(deps, input.reqsn);
  return receiptOf(deps, order);
}

export async function passReceipt(deps: ParkingDeps, openid: string, input: { reqsn: string }) {
  const order = await passOrders(deps.db).get(input.reqsn);
  if (!order || order.openid !== openid) throw passErrors.orderNotFound();
  return receiptOf(deps, order);
}

async function receiptOf(deps: ParkingDeps, order: Parameters<typeof orderView>[0]) {
  const now = await deps.clock.now();
  const pass = order.applied ? await loadPass(deps.db, order.passId) : undefined;
  const payment = paymentOf(order);
  return {
    order: orderView(order),
    ...(pass && { pass: passView(pass, now) }),
    ...(payment && { payment }),
  };
}
