import { chinaTime, feeLineViews, money, type FeeLineView } from '../../services/driver-format';
import type { Receipt } from '../../services/driver-types';

export interface ReceiptRow {
  label: string;
  value: string;
  key: string;
}

export interface ReceiptView {
  plate: string;
  stateLabel: string;
  live: boolean;
  rows: ReceiptRow[];
  lines: FeeLineView[];
  payments: Array<{ text: string; amount: string; when: string; status: string }>;
}

const CALL_KIND: Record<Receipt['payments'][number]['kind'], string> = {
  pay: '微信支付',
  prepay: '预付冻结',
  finish: '从冻结中结算',
  cancel: '解冻退回',
};

const CALL_STATUS: Record<string, string> = {
  requested: '处理中',
  accepted: '待支付',
  unknown: '确认中',
  succeeded: '成功',
  failed: '未成功',
  abandoned: '已放弃',
};

/** What a booking not arrived at was charged from its freeze (the no-show settlement). */
function noShowCharged(receipt: Receipt): number {
  return receipt.payments
    .filter((p) => p.kind === 'finish' && p.purpose === 'no_show' && p.status === 'succeeded')
    .reduce((sum, p) => sum + p.amount, 0);
}

/** Arrears of the stay (the fee it left unpaid), by what became of them. */
const ARREARS_LABEL: Record<NonNullable<Receipt['arrears']>['state'], string> = {
  open: '欠费（待缴）',
  paid: '欠费（已补缴）',
  waived: '欠费（已减免）',
};

/** What merchants' discounts took off the fee (their breakdown lines, negative). */
function merchantDiscount(receipt: Receipt): number {
  return -receipt.lines.filter((l) => l.kind === 'discount').reduce((sum, l) => sum + l.amount, 0);
}

/**
 * A receipt as the driver reads it; amounts that are zero and not expected are left out.
 * 实付 is what the driver paid and 优惠 what coupons paid: together, what was charged.
 * 停车费 is the fee before merchants' discounts, 商户优惠 what they paid of it (issue 14).
 */
export function receiptViewOf(receipt: Receipt, lotName?: string): ReceiptView {
  const s = receipt.session;
  const noShow = s.state === 'no_show';
  const rows: ReceiptRow[] = [];
  if (lotName) rows.push({ key: 'lot', label: '停车场', value: lotName });
  if (noShow) {
    rows.push({ key: 'in', label: '预订时间', value: chinaTime(s.inTime) });
    if (s.holdUntil !== undefined)
      rows.push({ key: 'hold', label: '保留至', value: chinaTime(s.holdUntil) });
  } else {
    rows.push({ key: 'in', label: '入场时间', value: chinaTime(s.arrivedAt ?? s.inTime) });
    if (s.outTime !== undefined)
      rows.push({ key: 'out', label: '离场时间', value: chinaTime(s.outTime) });
    const discount = merchantDiscount(receipt);
    rows.push(
      { key: 'duration', label: '停车时长', value: receipt.durationText },
      { key: 'fee', label: '停车费', value: money(receipt.parkingFee + discount) },
    );
    if (discount > 0) {
      rows.push({ key: 'merchant', label: '商户优惠', value: money(-discount) });
    }
  }
  const booking = receipt.bookingFee + noShowCharged(receipt);
  if (booking > 0) {
    rows.push({
      key: 'booking',
      label: noShow ? '预订费（超时未到达）' : '预订费',
      value: money(booking),
    });
  }
  // A coupon pays at most what was charged (a freeze's coupon may exceed a small fee).
  const byCoupon = Math.min(receipt.coupons, receipt.charged);
  const paidByDriver = receipt.charged - byCoupon;
  rows.push({ key: 'charged', label: '实付', value: money(paidByDriver) });
  if (receipt.frozen > 0)
    rows.push({ key: 'frozen', label: '预付冻结', value: money(receipt.frozen) });
  if (receipt.frozen > 0 || receipt.returned > 0) {
    rows.push({ key: 'returned', label: '已退回', value: money(receipt.returned) });
  }
  if (byCoupon > 0) rows.push({ key: 'coupons', label: '优惠', value: money(byCoupon) });
  if (receipt.arrears) {
    rows.push({
      key: 'arrears',
      label: ARREARS_LABEL[receipt.arrears.state],
      value: money(receipt.arrears.due),
    });
  }
  if (receipt.handlingFee > 0) {
    rows.push({
      key: 'handling',
      label: '手续费（停车场承担）',
      value: money(receipt.handlingFee),
    });
  }
  return {
    plate: s.plate,
    stateLabel: s.stateLabel,
    live: !s.final,
    rows,
    lines: feeLineViews(receipt.lines),
    payments: receipt.payments.map((p) => ({
      text: CALL_KIND[p.kind] ?? p.kind,
      amount: money(p.amount),
      when: chinaTime(p.at),
      status: CALL_STATUS[p.status] ?? p.status,
    })),
  };
}
