import { ProtocolValidationError } from '../../core/allinpay/validation';
import { classifyTrxStatus } from '../../core/allinpay/trxstatus';
import { completedAtOf } from '../../core/parking/completed-at';
import { splitPlate } from '../../core/plate/split';
import {
  type AllinpayResult,
  PlatformRefusalError,
  TransactionFailedError,
} from '../allinpay-client';
import { AppError } from '../api-kit/app-error';
import type { ParkingDeps } from '../parking/deps';
import {
  type PayOrderBase,
  type PayOrderKind,
  type PaymentStart,
  confirmPaid,
  isOpenPayOrder,
  markFailed,
  paymentOf,
} from './orders';

/** A refusal that certainly did not reach the payer; anything else is resolved by query. */
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
  return undefined;
}

/**
 * Records the order, then sends its `pay` (protocol note 4: recorded first, so a crash leaves
 * something to query). Answers the order as it stands: with its payment parameters while open,
 * paid when the platform already says so. A certain refusal is `PAYMENT_FAILED`.
 */
export async function sendPayOrder<O extends PayOrderBase>(
  kind: PayOrderKind<O>,
  deps: ParkingDeps,
  order: O,
  plate: string,
): Promise<{ order: O; payment?: PaymentStart }> {
  const orders = kind.orders(deps.db);
  const reqsn = order._id;
  await orders.insert({ ...order, checkedAt: order.createdAt });
  const { LPR, LPRpro } = splitPlate(plate);
  let result: AllinpayResult | undefined;
  let failure: { code: string; message: string } | undefined;
  try {
    result = (await deps.platform.client(order.cusid).call('pay', {
      pro: order.pro,
      parkingNo: order.parkingNo,
      LPR,
      LPRpro,
      payTime: order.createdAt,
      reqsn,
      fee: order.amount,
      openid: order.openid as string,
    })) as AllinpayResult;
  } catch (error) {
    failure = failureOf(error);
  }
  if (failure) {
    await markFailed(kind, deps.db, reqsn, 'failed', failure);
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
    stored = await resolvePayOrder(kind, deps, reqsn, { force: true });
  }
  const payment = paymentOf(stored);
  return { order: stored, ...(payment && { payment }) };
}

/**
 * Asks the platform about an open order (protocol note 9) and applies the answer; a settled order
 * whose effect is not yet applied is applied (repair after a crash). An order still waiting for
 * its payer (2000) stays open. Without `force`, an order whose pay may still be on its way
 * (`requested`, inside the send window) is not asked about. Returns the order as it ends.
 */
export async function resolvePayOrder<O extends PayOrderBase>(
  kind: PayOrderKind<O>,
  deps: ParkingDeps,
  orderId: string,
  options: { force?: boolean } = {},
): Promise<O> {
  const orders = kind.orders(deps.db);
  const order = await orders.get(orderId);
  if (!order) throw new AppError('ORDER_NOT_FOUND', '未找到该支付记录');
  if (kind.settled.includes(order.status)) {
    if (order.applied) return order;
    await kind.apply(deps.db, order);
    return (await orders.get(orderId)) ?? order;
  }
  if (!isOpenPayOrder(order)) return order;
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
    deps.log.warn(`${kind.name} order query failed`, {
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
    const confirmed = await confirmPaid(
      kind,
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
    deps.log.info(`${kind.name} order resolved`, {
      orderId,
      outcome: confirmed.outcome,
      by: 'query',
    });
    return confirmed.order ?? order;
  }
  if (outcome === 'failure') {
    await markFailed(kind, deps.db, orderId, 'failed', {
      code: result.trxstatus,
      message: (result.errmsg || result.description).slice(0, 200),
    });
  } else if (!order.payinfo) {
    // Nobody holds the payment parameters: the payer cannot pay it; a late success is still taken.
    await markFailed(kind, deps.db, orderId, 'abandoned', {
      code: 'PAYSHEET_LOST',
      message: '支付参数丢失，请重新发起',
    });
  }
  return (await orders.get(orderId)) ?? order;
}
