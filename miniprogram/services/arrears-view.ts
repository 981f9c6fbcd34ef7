import { chinaTime, money } from './driver-format';
import type { MyArrears } from './merchant-types';

// The home page's list of arrears (欠费): what is owed, where and when, in China time.

export interface ArrearsItemView {
  id: string;
  plate: string;
  lotName: string;
  when: string;
  due: string;
}

export interface ArrearsView {
  items: ArrearsItemView[];
  total: string;
}

export function arrearsView(arrears: MyArrears): ArrearsView {
  return {
    items: arrears.items.map((a) => ({
      id: a.id,
      plate: a.plate,
      lotName: a.lotName,
      when: `${chinaTime(a.from)} 至 ${chinaTime(a.to)}`,
      due: money(a.due),
    })),
    total: money(arrears.total),
  };
}
