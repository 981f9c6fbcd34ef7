import { toRequestPaymentArgs } from '../../core/allinpay/responses';
import { ProtocolValidationError } from '../../core/allinpay/validation';
import { classifyTrxStatus } from '../../core/allinpay/trxstatus';
import { completedAtOf } from '../../core/parking/completed-at';
import type { Lot } from '../../core/parking/lot';
import type { PassTerms } from '../../core/passes';
import { splitPlate } from '../../core/plate/split';
import {
  type AllinpayResult,
  PlatformRefusalError,
  TransactionFailedError,
} from '../allinpay-client';
import { AppError } from '../api-kit/app-error';
import { parkingErrors } from '../parking/app-errors';
import type { ParkingDeps } from '../parking/deps';
import { newCallId } from '../parking/ids';
import { confirmOrderPaid, markOrderFailed, applyOrderToPass } from './apply-order';
import type { PassPaymentStart } from '../contract/pass-views';
import { OPEN_ORDER_STATUSES, type PassOrderDoc, passOrders } from './store';

/**
 * A pass bought or renewed by a driver is one platform `pay` (protocol note 5) recorded as a
 * pass order before it is sent (note 4): the pass starts or extends only when the payment is
 * confirmed, by notification (notify.ts) or by query (here), exactly once (apply-order.ts).
 * Decision: a pass sale is not split (asinfo): the lot's split rules are about parking fees.
 */
export type { PassPaymentStart } from '../contract/pass-views';

/** A repeated tap within this window gets the same open payment, never a second one. */
const REUSE_SECONDS = 15 * 60;

export interface NewOrder {
  lot: Lot;
  passId: string;
  kind: 'buy' | 'renew';
  openid: string;
  plates: string[];
  terms: PassTerms;
}

const samePurchase = (a: PassOrderDoc, b: NewOrder) =>
  a.passId === b.passId ||
  (b.kind === 'buy' &&
    a.kind === 'buy' &&
    a.terms.planId === b.terms.planId &&
    a.plates.join() === b.plates.join());

/** The driver's open payment for the same pass (or purchase), when still payable. */
async function openOrderFor(deps: ParkingDeps, input: NewOrder, now: number) {
  const recent = await passOrders(deps.db).find(
    { openid: input.openid },
    { orderBy: [['createdAt', 'desc']], limit: 20 },
  );
  return recent.find(
    (o) =>
      samePurchase(o, input) &&
      (OPEN_ORDER_STATUSES as readonly string[]).includes(o.status) &&
      o.payinfo !== undefined &&
      now - o.createdAt < REUSE_SECONDS,
  );
}

export function paymentOf(order: PassOrderDoc): PassPaymentStart | undefined {
  if (!order.payinfo || !(OPEN_ORDER_STATUSES as readonly string[]).includes(order.status)) {
    return undefined;
  }
  return {
    reqsn: order._id,
    amount: order.amount,
    requestPayment: toRequestPaymentArgs(order.payinfo),
  };
}

export async function startPassPayment(
  deps: ParkingDeps,
  input: NewOrder,
): Promise<{ order: PassOrderDoc; payment?: PassPaymentStart }> {
  const { lot } = input;
  if (!deps.platform.has(lot.cusid)) throw parkingErrors.merchantMissing();
  const now = await deps.clock.now();
  const reuse = await openOrderFor(deps, input, now);
  if (reuse) {
    const payment = paymentOf(reuse);
    return { order: reuse, ...(payment && { payment }) };
  }
  const reqsn = newCallId('pay', now, deps.random);
  const order: PassOrderDoc = {
    _id: reqsn,
    lotId: lot.id,
    passId: input.passId,
    kind: input.kind,
    openid: input.openid,
    plates: input.plates,
    terms: input.terms,
    amount: input.terms.price,
    status: 'requested',
    cusid: lot.cusid,
    parkingNo: lot.parkingNo,
    pro: lot.pro,
    createdAt: now,
  };
  await passOrders(deps.db).insert(order);
  const { LPR, LPRpro } = splitPlate(input.plates[0] as string);
  let result: AllinpayResult | undefined;
  let failure: { code: string; message: string } | undefined;
  try {
    result = (await deps.platform.client(lot.cusid).call('pay', {
      pro: lot.pro,
      parkingNo: lot.parkingNo,
      LPR,
      LPRpro,
      payTime: now,
      reqsn,
      fee: order.amount,
      openid: input.openid,
    })) as AllinpayResult;
  } catch (error) {
    if (error instanceof ProtocolValidationError) {
      failure = { code: 'INVALID_FIELD', message: error.message.slice(0, 200) };
    } else if (error instanceof PlatformRefusalError) {
      failure = {
        code: 'PLATFORM_REFUSAL',
        message: (error.retmsg || '平台拒绝了请求').slice(0, 200),
      };
    } else if (error instanceof TransactionFailedError && !error.mustQuery) {
      failure = { code: error.trxstatus, message: (error.errmsg || '支付失败').slice(0, 200) };
    }
    // Anything else may have reached the platform: the order stays open and is resolved by query.
  }
  const orders = passOrders(deps.db);
  if (failure) {
    await markOrderFailed(deps.db, reqsn, 'failed', failure);
    throw new AppError('PAYMENT_FAILED', `支付未能发起：${failure.message}`);
  }
  if (result) {
    await orders.updateWhere(
      { _id: reqsn, status: 'requested' },
      {
        status: 'accepted',
        ...(result.payinfo && { payinfo: result.payinfo }),
        ...(result.trxid && { trxid: result.trxid.slice(0, 20) }),
      },
    );
  } else {
    await orders.updateWhere({ _id: reqsn, status: 'requested' }, { status: 'unknown' });
  }
  let stored = (await orders.get(reqsn)) ?? order;
  if (!result || !result.payinfo || result.outcome === 'success') {
    stored = await resolvePassOrder(deps, reqsn, { force: true });
  }
  const payment = paymentOf(stored);
  return { order: stored, ...(payment && { payment }) };
}

/**
 * Asks the platform about an open order (protocol note 9) and applies the answer; a paid order
 * not yet applied to its pass is applied (repair after a crash). Returns the order as it ends.
 */
export async function resolvePassOrder(
  deps: ParkingDeps,
  orderId: string,
  options: { force?: boolean } = {},
): Promise<PassOrderDoc> {
  const orders = passOrders(deps.db);
  const order = await orders.get(orderId);
  if (!order) throw new AppError('ORDER_NOT_FOUND', '未找到该支付记录');
  if ((order.status === 'paid' || order.status === 'issued') && !order.applied) {
    await applyOrderToPass(deps.db, order);
    return (await orders.get(orderId)) ?? order;
  }
  if (!(OPEN_ORDER_STATUSES as readonly string[]).includes(order.status)) return order;
  const now = await deps.clock.now();
  const senderDone =
    options.force ||
    order.status !== 'requested' ||
    now - order.createdAt >= deps.platform.sendWindowSeconds;
  if (!senderDone) return order;
  let result: AllinpayResult;
  try {
    result = (await deps.platform.client(order.cusid).query({ reqsn: orderId })) as AllinpayResult;
  } catch (error) {
    deps.log.warn('pass order query failed', {
      orderId,
      error: error instanceof Error ? error.message : String(error),
    });
    return order;
  }
  const outcome = classifyTrxStatus(result.trxstatus);
  if (outcome === 'success') {
    const fee = result.totals.fee;
    if (fee !== undefined && fee !== order.amount) {
      await orders.updateWhere(
        { _id: orderId },
        { anomaly: `query fee ${fee} != ${order.amount}` },
      );
      return (await orders.get(orderId)) ?? order;
    }
    const confirmed = await confirmOrderPaid(
      deps.db,
      orderId,
      {
        by: 'query',
        ...(result.trxid && { trxid: result.trxid.slice(0, 20) }),
        ...(result.totals.feeAIP !== undefined && { aip: result.totals.feeAIP }),
        ...completedAtOf(result.fintime, now),
      },
      now,
    );
    deps.log.info('pass order resolved', { orderId, outcome: confirmed.outcome, by: 'query' });
    return confirmed.order ?? order;
  }
  if (outcome === 'failure') {
    await markOrderFailed(deps.db, orderId, 'failed', {
      code: result.trxstatus,
      message: (result.errmsg || result.description).slice(0, 200),
    });
  } else if (!order.payinfo) {
    // Nobody holds the payment parameters: the payer cannot pay it; a late success is still taken.
    await markOrderFailed(deps.db, orderId, 'abandoned', {
      code: 'PAYSHEET_LOST',
      message: '支付参数丢失，请重新发起',
    });
  }
  return (await orders.get(orderId)) ?? order;
}
