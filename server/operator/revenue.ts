import { AppError } from '../api-kit/app-error';
import type { Session } from '../../core/parking/session';
import type { MoneyKinds, Revenue, RevenueRow } from '../contract/operator-views';
import { discountsOfLotOn } from '../merchant/store';
import { chinaDateOf, dayRange, todayOf } from './china-dates';
import { SECONDS_PER_DAY } from '../../core/parking/china-time';
import { type MoneyTotals, ZERO_TOTALS, addMovement, moneyMovements } from './money';
import { ReportTooLargeError, sessionsTouching } from './session-range';
import type { ApiContext } from '../parking/api/context';
import { requireRight } from './access';
import { dailyTotals } from './daily-money';
import type { PassSales } from '../contract/operator-views';
import { ZERO_PASS_SALES, addPassSales, passSalesBetween, passSalesByDay } from './pass-sales';

export const MAX_REVENUE_DAYS = 92;
export const DEFAULT_REVENUE_DAYS = 7;

/**
 * The range asked for; a missing end is today and a missing start the 7 days up to the end, by
 * the server's clock (the sandbox's locally): a device's clock may be a day behind.
 */
export function defaultRange(
  now: number,
  input: { from?: string | undefined; to?: string | undefined },
): { from: string; to: string } {
  const to = input.to ?? todayOf(now).date;
  const toStart = dayRange(to, to).start;
  return {
    from: input.from ?? chinaDateOf(toStart - (DEFAULT_REVENUE_DAYS - 1) * SECONDS_PER_DAY),
    to,
  };
}

export async function revenueRange(
  ctx: ApiContext,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string }> {
  return defaultRange(await ctx.deps.clock.now(), input);
}

export type { RevenueRow };

/** A lot's parking money of a day (a revenue row without its pass sales). */
export type ParkingRow = Omit<RevenueRow, 'passes'>;

/**
 * Parking rows per China day and lot from the sessions themselves (every day of the range, zero
 * rows included): the reference the day documents read by revenueReport are checked against.
 */
export function revenueRows(
  byLot: ReadonlyMap<string, readonly Session[]>,
  days: readonly string[],
  start: number,
  end: number,
): ParkingRow[] {
  const rows = new Map<string, ParkingRow>();
  for (const lotId of byLot.keys()) {
    for (const date of days) rows.set(`${date}|${lotId}`, { date, lotId, ...ZERO_TOTALS });
  }
  for (const [lotId, sessions] of byLot) {
    for (const session of sessions) {
      for (const move of moneyMovements(session)) {
        if (move.at < start || move.at >= end) continue;
        const key = `${chinaDateOf(move.at)}|${lotId}`;
        const row = rows.get(key) as ParkingRow;
        rows.set(key, { ...row, ...addMovement(row, move) });
      }
    }
  }
  return [...rows.values()];
}

export function sumRows(rows: readonly MoneyTotals[]): MoneyTotals {
  return rows.reduce<MoneyTotals>(
    (t, r) => ({
      charged: t.charged + r.charged,
      returned: t.returned + r.returned,
      handlingFee: t.handlingFee + r.handlingFee,
      net: t.net + r.net,
    }),
    { ...ZERO_TOTALS },
  );
}

/** Checks a report's range and the caller's revenue right on each lot. */
async function checkedRange(
  ctx: ApiContext,
  input: { lotIds: string[]; from: string; to: string },
): Promise<{ start: number; end: number; days: string[]; lotIds: string[] }> {
  const { start, end, days } = dayRange(input.from, input.to);
  if (end <= start) throw new AppError('INVALID_RANGE', '结束日期不能早于开始日期');
  if (days.length > MAX_REVENUE_DAYS) {
    throw new AppError('RANGE_TOO_LONG', `日期范围最多 ${MAX_REVENUE_DAYS} 天`);
  }
  const lotIds = [...new Set(input.lotIds)].sort();
  for (const lotId of lotIds) await requireRight(ctx, lotId, 'revenue.view');
  return { start, end, days, lotIds };
}

/** Checks a report's range and rights; answers its days and each lot's sessions (the export). */
export async function revenueSessions(
  ctx: ApiContext,
  input: { lotIds: string[]; from: string; to: string },
): Promise<{ start: number; end: number; days: string[]; byLot: Map<string, Session[]> }> {
  const { start, end, days, lotIds } = await checkedRange(ctx, input);
  const byLot = new Map<string, Session[]>();
  try {
    for (const lotId of lotIds) {
      byLot.set(lotId, await sessionsTouching(ctx.deps.db, lotId, start, end));
    }
  } catch (error) {
    if (error instanceof ReportTooLargeError) {
      throw new AppError('REPORT_TOO_LARGE', '数据量过大，请缩小日期范围');
    }
    throw error;
  }
  return { start, end, days, byLot };
}

export async function revenueReport(
  ctx: ApiContext,
  input: { lotIds: string[]; from: string; to: string },
): Promise<Revenue> {
  const { start, end, days, lotIds } = await checkedRange(ctx, input);
  const rows: Revenue['rows'] = [];
  // Per-day totals kept with each money event: the cost is the range's, not the lot's history.
  for (const lotId of lotIds) {
    const totals = await dailyTotals(ctx.deps.db, lotId, days);
    const sales = passSalesByDay(await passSalesBetween(ctx.deps.db, lotId, start, end), days);
    for (const date of days) {
      const day = totals.get(date) as MoneyTotals & Pick<MoneyKinds, 'arrears'>;
      const given = await discountsOfLotOn(ctx.deps.db, lotId, date);
      rows.push({
        date,
        lotId,
        ...day,
        discounts: given.reduce((s, d) => s + d.cost, 0),
        passes: sales.get(date) as PassSales,
      });
    }
  }
  const kinds = rows.reduce(
    (t, r) => ({ arrears: t.arrears + r.arrears, discounts: t.discounts + r.discounts }),
    { arrears: 0, discounts: 0 },
  );
  return {
    from: input.from,
    to: input.to,
    rows,
    totals: { ...sumRows(rows), ...kinds },
    passes: rows.reduce((t, r) => addPassSales(t, r.passes), { ...ZERO_PASS_SALES }),
  };
}
