import type { PassSales } from '../contract/operator-views';
import type { Database } from '../cloud/database';
import { type PassOrderDoc, passOrders } from '../passes/store';
import { chinaDateOf } from './china-dates';

/**
 * Pass sales (月卡销售), a kind of money of their own beside parking fees: the pass payments
 * (`pass_orders` paid through the platform's `pay`) of a lot completed inside a range, dated by
 * the platform's completion time (`paidAt`, its fintime) as parking payments are
 * (server/operator/money.ts), with their handling fee. An operator's issue moves no money and is
 * no sale. Read by the index `lotId_1_paidAt_1`: the cost is the range's sales.
 */
export const ZERO_PASS_SALES: PassSales = Object.freeze({ count: 0, charged: 0, handlingFee: 0 });

const PAGE = 1000;

export const isSale = (o: Pick<PassOrderDoc, 'status' | 'kind'>) =>
  o.status === 'paid' && o.kind !== 'issue';

/** The lot's sold pass orders paid inside [start, end), by payment time. */
export async function passSalesBetween(
  db: Database,
  lotId: string,
  start: number,
  end: number,
): Promise<PassOrderDoc[]> {
  const sold: PassOrderDoc[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await passOrders(db).find(
      db.cmd.and({ lotId, paidAt: db.cmd.gte(start) }, { paidAt: db.cmd.lt(end) }),
      { orderBy: [['paidAt', 'asc']], skip, limit: PAGE },
    );
    sold.push(...page.filter(isSale));
    if (page.length < PAGE) return sold;
  }
}

/** Pass sales per China day of `days` (every day present, zero included). */
export function passSalesByDay(
  orders: readonly PassOrderDoc[],
  days: readonly string[],
): Map<string, PassSales> {
  const out = new Map<string, PassSales>(days.map((d) => [d, { ...ZERO_PASS_SALES }]));
  for (const order of orders) {
    const day = out.get(chinaDateOf(order.paidAt as number));
    if (!day) continue;
    day.count += 1;
    day.charged += order.amount;
    day.handlingFee += order.aip ?? 0;
  }
  return out;
}

export function addPassSales(a: PassSales, b: PassSales): PassSales {
  return {
    count: a.count + b.count,
    charged: a.charged + b.charged,
    handlingFee: a.handlingFee + b.handlingFee,
  };
}
