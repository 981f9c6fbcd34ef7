import { formatChinaDateTime } from '../../core/parking/china-time';
import {
  type Pass,
  type PassPlan,
  STANDING_TEXT,
  passStanding,
  periodText,
} from '../../core/passes';
import type { PassOrderView, PassPlanView, PassView } from '../contract/pass-views';
import type { PassOrderDoc } from './store';

/** What drivers and operators see of plans, passes and pass payments (pure; the contract's views). */

export function planView(plan: PassPlan): PassPlanView {
  return { ...plan, periodText: periodText(plan.period) };
}

export function passView(pass: Pass, now: number): PassView {
  const standing = passStanding(pass, now);
  return {
    id: pass.id,
    lotId: pass.lotId,
    planId: pass.terms.planId,
    planName: pass.terms.planName,
    periodText: periodText(pass.terms.period),
    plates: pass.plates,
    spaces: pass.terms.spaces,
    graceDays: pass.terms.graceDays,
    source: pass.source,
    startAt: pass.startAt,
    endAt: pass.endAt,
    endText: formatChinaDateTime(pass.endAt),
    standing: standing.kind,
    standingText: STANDING_TEXT[standing.kind],
    ...(standing.kind === 'valid' && { daysLeft: standing.daysLeft }),
    ...(standing.kind === 'grace' && { graceDaysLeft: standing.graceDaysLeft }),
    ...(pass.revokedAt !== undefined && {
      revokedAt: pass.revokedAt,
      revokeReason: pass.revokeReason,
    }),
    orders: pass.orderIds.length,
  };
}

const ORDER_STATUS_TEXT: Readonly<Record<PassOrderDoc['status'], string>> = {
  requested: '待支付',
  accepted: '待支付',
  unknown: '确认中',
  paid: '支付成功',
  failed: '支付未完成',
  abandoned: '支付未完成',
  issued: '管理员开通',
};

const KIND_TEXT: Readonly<Record<PassOrderDoc['kind'], string>> = {
  buy: '购买月卡',
  renew: '月卡续费',
  issue: '管理员开通',
};

/** A pass payment as its receipt (the payer's own; never the payment parameters). */
export function orderView(order: PassOrderDoc): PassOrderView {
  return {
    reqsn: order._id,
    lotId: order.lotId,
    passId: order.passId,
    kind: order.kind,
    kindText: KIND_TEXT[order.kind],
    plates: order.plates,
    planName: order.terms.planName,
    periodText: periodText(order.terms.period),
    amount: order.amount,
    status: order.status,
    statusText:
      order.status === 'paid' && !order.applied
        ? '支付成功，开通中'
        : ORDER_STATUS_TEXT[order.status],
    createdAt: order.createdAt,
    ...(order.paidAt !== undefined && { paidAt: order.paidAt }),
    ...(order.endAt !== undefined && { endAt: order.endAt }),
    ...(order.trxid !== undefined && { trxid: order.trxid }),
    ...(order.reason !== undefined && { reason: order.reason }),
    applied: order.applied === true,
  };
}
