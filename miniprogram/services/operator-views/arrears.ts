import type { LotArrears } from '../merchant-types';
import { formatFen, timeText } from './common';

// A lot's arrears for the operator: who owes what, where, since when, and what became of it.

export type ArrearsState = 'open' | 'paid' | 'waived';

export const ARREARS_TABS: ReadonlyArray<{ state: ArrearsState; text: string }> = [
  { state: 'open', text: '待缴' },
  { state: 'paid', text: '已缴' },
  { state: 'waived', text: '已减免' },
];

export interface LotArrearsRow {
  id: string;
  plate: string;
  spot: string;
  when: string;
  age: string;
  fee: string;
  charged: string;
  due: string;
  /** Paid: when; waived: when and why. */
  outcome: string;
}

type Item = LotArrears['items'][number];

function outcomeOf(item: Item): string {
  if (item.state === 'paid') return `已缴 ${timeText(item.paidAt)}`;
  if (item.state === 'waived') return `已减免 ${timeText(item.waivedAt)}：${item.reason ?? ''}`;
  return '';
}

export function lotArrearsRows(list: LotArrears): { rows: LotArrearsRow[]; total: string } {
  return {
    rows: list.items.map((a) => ({
      id: a.id,
      plate: a.plate,
      spot: a.spotName ?? a.spotId ?? '',
      when: `${timeText(a.from)} 至 ${timeText(a.to)}`,
      age: a.ageDays === 0 ? '今天' : `${a.ageDays} 天前`,
      fee: formatFen(a.fee),
      charged: formatFen(a.charged),
      due: formatFen(a.due),
      outcome: outcomeOf(a),
    })),
    total: formatFen(list.total),
  };
}
