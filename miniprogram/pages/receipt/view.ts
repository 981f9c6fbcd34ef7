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

/** A receipt as the driver reads it; amounts that are zero and not expected are left out. */
export function receiptViewOf(receipt: Receipt): ReceiptView {
  const s = receipt.session;
  const rows: ReceiptRow[] = [
    { key: 'in', label: '入场时间', value: chinaTime(s.arrivedAt ?? s.inTime) },
  ];
  if (s.outTime !== undefined)
    rows.push({ key: 'out', label: '离场时间', value: chinaTime(s.outTime) });
  rows.push(
    { key: 'duration', label: '停车时长', value: receipt.durationText },
    { key: 'fee', label: '停车费', value: money(receipt.parkingFee) },
  );
  if (receipt.bookingFee > 0)
    rows.push({ key: 'booking', label: '预订费', value: money(receipt.bookingFee) });
  rows.push({ key: 'charged', label: '实付', value: money(receipt.charged) });
  if (receipt.frozen > 0)
    rows.push({ key: 'frozen', label: '预付冻结', value: money(receipt.frozen) });
  if (receipt.frozen > 0 || receipt.returned > 0) {
    rows.push({ key: 'returned', label: '已退回', value: money(receipt.returned) });
  }
  if (receipt.coupons > 0)
    rows.push({ key: 'coupons', label: '优惠', value: money(receipt.coupons) });
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
