// Revenue (admin/revenue): a bar per day and the period's totals, pass sales apart.
import type { MoneyKinds, MoneyTotals, PassSales, RevenueRow } from '../operator-types';
import { formatFen } from './common';

export interface RevenueBar {
  date: string;
  /** 'MM-DD' under the bar. */
  label: string;
  net: number;
  netText: string;
  chargedText: string;
  /** Bar height as a percentage of the highest day (0–100, whole). */
  percent: number;
}

/**
 * One bar per day (lots summed; parking and pass sales, net of handling fees), scaled to the best
 * day; a day of nothing has no height.
 */
export function revenueBars(rows: readonly RevenueRow[]): RevenueBar[] {
  const byDate = new Map<string, { net: number; charged: number }>();
  for (const row of rows) {
    const day = byDate.get(row.date) ?? { net: 0, charged: 0 };
    byDate.set(row.date, {
      net: day.net + row.net + row.passes.charged - row.passes.handlingFee,
      charged: day.charged + row.charged + row.passes.charged,
    });
  }
  const dates = [...byDate.keys()].sort();
  const top = Math.max(0, ...dates.map((d) => (byDate.get(d) as { net: number }).net));
  return dates.map((date) => {
    const day = byDate.get(date) as { net: number; charged: number };
    return {
      date,
      label: date.slice(5),
      net: day.net,
      netText: formatFen(day.net),
      chargedText: formatFen(day.charged),
      percent: top > 0 && day.net > 0 ? Math.max(1, Math.round((day.net * 100) / top)) : 0,
    };
  });
}

/** The period's totals; `arrears` is part of `charged`, `discounts` is merchants' money. */
export function totalsView(t: MoneyTotals & MoneyKinds) {
  return {
    charged: formatFen(t.charged),
    arrears: formatFen(t.arrears),
    returned: formatFen(t.returned),
    handlingFee: formatFen(t.handlingFee),
    net: formatFen(t.net),
    discounts: formatFen(t.discounts),
  };
}

/** Pass sales (月卡销售) of the period, and the whole net income (parking and passes). */
export function passSalesView(p: PassSales, parking: MoneyTotals) {
  return {
    count: p.count,
    charged: formatFen(p.charged),
    handlingFee: formatFen(p.handlingFee),
    net: formatFen(p.charged - p.handlingFee),
    allNet: formatFen(parking.net + p.charged - p.handlingFee),
  };
}
