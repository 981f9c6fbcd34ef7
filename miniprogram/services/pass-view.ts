import { formatFen } from '../core/money';
import type { ImportError, PassOrderView, PassPlan, PassView } from './pass-types';

// What the pass pages show, from what the routes return (pure).

/** Plates as typed: separated by commas, spaces or 、, upper-cased, empty ones dropped. */
export function splitPlates(text: string): string[] {
  return text
    .split(/[\s,，、]+/)
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
}

export function planRow(plan: PassPlan) {
  return {
    id: plan.id,
    name: plan.name,
    price: formatFen(plan.price),
    terms: `${plan.periodText} · ${plan.spaces} 个车位 · 最多 ${plan.maxPlates} 个车牌 · 宽限 ${plan.graceDays} 天`,
    online: plan.online ? '可在线购买' : '仅管理员开通',
  };
}

export function passRow(pass: PassView) {
  const left =
    pass.standing === 'valid'
      ? `剩余 ${pass.daysLeft ?? 0} 天`
      : pass.standing === 'grace'
        ? `宽限期剩余 ${pass.graceDaysLeft ?? 0} 天`
        : pass.standingText;
  return {
    id: pass.id,
    planName: pass.planName,
    plates: pass.plates.join('、'),
    left,
    until: `有效期至 ${pass.endText}`,
    standing: pass.standing,
    renewable: pass.standing !== 'revoked',
    revokeReason: pass.revokeReason ?? '',
  };
}

export function receiptRow(order: PassOrderView) {
  return {
    reqsn: order.reqsn,
    title: `${order.kindText} · ${order.planName}`,
    plates: order.plates.join('、'),
    amount: formatFen(order.amount),
    status: order.statusText,
  };
}

export function importErrorText(error: ImportError): string {
  return error.line > 0 ? `第 ${error.line} 行：${error.message}` : error.message;
}
