import { toRequestPaymentArgs } from '../../core/allinpay/responses';
import { classifyTrxStatus } from '../../core/allinpay/trxstatus';
import { ProtocolValidationError } from '../../core/allinpay/validation';
import { completedAtOf } from '../../core/parking/completed-at';
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
import { requireLot } from '../parking/places';
import {
  type ArrearsOrderDoc,
  arrearsOrders,
  confirmArrearsPaid,
  isOpenOrder,
  markArrearsOrderFailed,
} from './orders';
import type { ArrearsDoc } from './record';

/**
 * Arrears paid by the driver: one platform `pay` of what is due, to the lot's merchant and
 * parkingNo, recorded as an order before it is sent (protocol note 4). A repeated tap within
 * 15 minutes gets the same open payment; an older open order is asked about first, so that one
 * paid meanwhile settles the arrears instead of a second payment being started.
 */
const REUSE_SECONDS = 15 * 60;

export interface ArrearsPaymentStart {
  reqsn: string;
  amount: number;
  requestPayment: ReturnType<typeof toRequestPaymentArgs>;
}

export function paymentOf(order: ArrearsOrderDoc): ArrearsPaymentStart | undefined {
  if (!order.payinfo || !isOpenOrder(order)) return undefined;
  return {
    reqsn: order._id,
    amount: order.amount,
    requestPayment: toRequestPaymentArgs(order.payinfo),
  };
}

/** The arrears' orders, newest first. */
export const ordersOf = (deps: ParkingDeps, arrearsId: string) =>
  arrearsOrders(deps.db).find({ arrearsId }, { orderBy: [['createdAt', 'desc']], limit: 20 });

function failureOf(error: unknown): { code: string; message: string } | undefined {
  if (error instanceof ProtocolValidationError) {
    return { code: 'INVALID_FIELD', message: error.message.slice(0, 200) };
  }
  if (error instanceof PlatformRefusalError) {
    return { code: 'PLATFORM_REFUSAL', message: (error.retmsg || '平台拒绝了请求').slice(0, 200) };
  }
  if (error instanceof TransactionFailedError && !error.mustQuery) {
    return { code: error.trxstatus, message: (error.errmsg || '支付失败').slice(0, 200) };
  }
  // Anything else may have reached the platform: the order stays open and is resolved by query.
  return undefined;
}

/**
 * Starts (or reuses) the payment of open arrears. Answers the order as it stands: with its
 * payment parameters while open, or paid when an earlier order turned out paid.
 */
export async function startArrearsPayment(
  deps: ParkingDeps,
  openid: string,
  arrears: ArrearsDoc,
): Promise<{ order?: ArrearsOrderDoc; payment?: ArrearsPaymentStart }> {
  const lot = await requireLot(deps.db, arrears.lotId);
  if (!deps.platform.has(lot.cusid)) throw parkingErrors.merchantMissing();
  const now = await deps.clock.now();
  for (const earlier of await ordersOf(deps, arrears._id)) {
    if (!isOpenOrder(earlier)) continue;
    const payment = paymentOf(earlier);
    if (payment && earlier.openid === openid && now - earlier.createdAt < REUSE_SECONDS) {
      return { order: earlier, payment };
    }
    const after = await resolveArrearsOrder(deps, earlier._id, { force: true });
    if (after.status === 'paid') return { order: after };
  }
  const reqsn = newCallId('pay', now, deps.random);
  const order: ArrearsOrderDoc = {
    _id: reqsn,
    arrearsId: arrears._id,
    lotId: lot.id,
    plate: arrears.plate,
    openid,
    amount: arrears.due,
    status: 'requested',
    cusid: lot.cusid,
    parkingNo: lot.parkingNo,
    pro: lot.pro,
    createdAt: now,
  };
  const orders = arrearsOrders(deps.db);
  await orders.insert(order);
  const { LPR, LPRpro } = splitPlate(arrears.plate);
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
      openid,
    })) as AllinpayResult;
  } catch (error) {
    failure = failureOf(error);
  }
  if (failure) {
    await markArrearsOrderFailed(deps.db, reqsn, 'failed', failure);
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
    stored = await resolveArrearsOrder(deps, reqsn, { force: true });
  }
  const payment = paymentOf(stored);
  return { order: stored, ...(payment && { payment }) };
}

/**
 * Asks the platform about an open order (protocol note 9) and applies the answer; a paid order
 * whose arrears were not yet told is applied (repair after a crash). Returns the order as it ends.
 */
export async function resolveArrearsOrder(
  deps: ParkingDeps,
  orderId: string,
  options: { force?: boolean } = {},
): Promise<ArrearsOrderDoc> {
  const orders = arrearsOrders(deps.db);
  const order = await orders.get(orderId);
  if (!order) throw new AppError('ORDER_NOT_FOUND', '未找到该支付记录');
  const now = await deps.clock.now();
  if (order.status === 'paid') {
    if (order.applied) return order;
    return (await confirmArrearsPaid(deps.db, orderId, { by: 'query' }, now)).order ?? order;
  }
  if (!isOpenOrder(order)) return order;
  const senderDone =
    options.force ||
    order.status !== 'requested' ||
    now - order.createdAt >= deps.platform.sendWindowSeconds;
  if (!senderDone) return order;
  let result: AllinpayResult;
  try {
    result = (await deps.platform.client(order.cusid).query({ reqsn: orderId })) as AllinpayResult;
  } catch (error) {
    deps.log.warn('arrears order query failed', {
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
    const confirmed = await confirmArrearsPaid(
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
    deps.log.info('arrears order resolved', { orderId, outcome: confirmed.outcome, by: 'query' });
    return confirmed.order ?? order;
  }
  if (outcome === 'failure') {
    await markArrearsOrderFailed(deps.db, orderId, 'failed', {
      code: result.trxstatus,
      message: (result.errmsg || result.description).slice(0, 200),
    });
  } else if (!order.payinfo) {
    // Nobody holds the payment parameters: the payer cannot pay it; a late success is still taken.
    await markArrearsOrderFailed(deps.db, orderId, 'abandoned', {
      code: 'PAYSHEET_LOST',
      message: '支付参数丢失，请重新发起',
    });
  }
  return (await orders.get(orderId)) ?? order;
}
