import type { Session } from '../../core/parking/session';
import { recoveredOn } from '../arrears/orders';
import type { Database } from '../cloud/database';
import { COLLECTIONS } from '../store/collections';
import { chinaDateOf } from './china-dates';
import { type MoneyTotals, ZERO_TOTALS, moneyMovements } from './money';

/**
 * Per-lot, per-day money kept up to date with each money event (issue 15), so that reports read
 * a lot's days instead of walking its history. One document per session and China day holds
 * that session's contribution to that day, SET from the session's current calls right after each
 * applied compare-and-set (server/cloud/session-cas.ts): recomputed, never incremented, so a
 * retry or a duplicate writes the same figures again, and a write of an older version never
 * replaces a newer one (`version` guard).
 */
export interface DailyMoneyDoc {
  /** `${sessionId}|${date}`. */
  _id: string;
  lotId: string;
  date: string;
  sessionId: string;
  /** The session's version the figures were computed from. */
  version: number;
  charged: number;
  returned: number;
  aip: number;
}

type Contribution = Pick<DailyMoneyDoc, 'charged' | 'returned' | 'aip'>;

/** What the session moved on each China day (pure). */
export function contributions(session: Session): Map<string, Contribution> {
  const days = new Map<string, Contribution>();
  for (const m of moneyMovements(session)) {
    const date = chinaDateOf(m.at);
    const d = days.get(date) ?? { charged: 0, returned: 0, aip: 0 };
    days.set(date, {
      charged: d.charged + m.charged,
      returned: d.returned + m.returned,
      aip: d.aip + m.aip,
    });
  }
  return days;
}

const same = (a: Contribution | undefined, b: Contribution | undefined) =>
  (a?.charged ?? 0) === (b?.charged ?? 0) &&
  (a?.returned ?? 0) === (b?.returned ?? 0) &&
  (a?.aip ?? 0) === (b?.aip ?? 0);

/**
 * The documents to write after `before` became `after` (pure): every day either one contributes
 * to, where they differ (a day the money left is written as zero). Without `before`, every day
 * of `after`.
 */
export function dailyWrites(before: Session | undefined, after: Session): DailyMoneyDoc[] {
  const next = contributions(after);
  const prev = before ? contributions(before) : new Map<string, Contribution>();
  const dates = new Set([...prev.keys(), ...next.keys()]);
  const docs: DailyMoneyDoc[] = [];
  for (const date of [...dates].sort()) {
    const now = next.get(date);
    if (before && same(prev.get(date), now)) continue;
    docs.push({
      _id: `${after.id}|${date}`,
      lotId: after.lotId,
      date,
      sessionId: after.id,
      version: after.version,
      charged: now?.charged ?? 0,
      returned: now?.returned ?? 0,
      aip: now?.aip ?? 0,
    });
  }
  return docs;
}

/**
 * Writes the day documents; never throws (the session's own write has succeeded). false when one
 * failed: the session stays marked `moneyPendingAt` and reconcile writes them again.
 */
export async function recordDailyMoney(
  db: Database,
  writes: readonly DailyMoneyDoc[],
): Promise<boolean> {
  const days = db.collection<DailyMoneyDoc>(COLLECTIONS.dailyMoney);
  let complete = true;
  for (const doc of writes) {
    try {
      const { _id, ...fields } = doc;
      const patch = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, db.cmd.set(v)]));
      const guard = { _id, version: db.cmd.lte(doc.version) };
      if ((await days.updateWhere(guard, patch)) > 0) continue;
      // Absent (or already equal, or newer): insert; a concurrent insert of an older one is
      // replaced by one more guarded update.
      if ((await days.insert(doc)) === 'duplicate') await days.updateWhere(guard, patch);
    } catch {
      complete = false;
    }
  }
  return complete;
}

/** A day's money: `arrears` is the part of `charged` that paid roadside arrears (issue 14). */
export type DayTotals = MoneyTotals & { arrears: number };

/**
 * A lot's money on each of `dates` from the day documents (each day's cost: its sessions), and
 * the arrears paid that day (server/arrears/orders.ts), which the platform charged too.
 */
export async function dailyTotals(
  db: Database,
  lotId: string,
  dates: readonly string[],
): Promise<Map<string, DayTotals>> {
  const out = new Map<string, DayTotals>(dates.map((d) => [d, { ...ZERO_TOTALS, arrears: 0 }]));
  const days = db.collection<DailyMoneyDoc>(COLLECTIONS.dailyMoney);
  for (const date of dates) {
    for (let skip = 0; ; skip += 1000) {
      const docs = await days.find(
        { lotId, date },
        { orderBy: [['_id', 'asc']], skip, limit: 1000 },
      );
      const t = out.get(date) as DayTotals;
      for (const d of docs) {
        t.charged += d.charged;
        t.returned += d.returned;
        t.handlingFee += d.aip;
      }
      if (docs.length < 1000) break;
    }
    const t = out.get(date) as DayTotals;
    for (const o of await recoveredOn(db, lotId, date)) {
      t.charged += o.amount;
      t.arrears += o.amount;
      t.handlingFee += o.aip ?? 0;
    }
    t.net = t.charged - t.handlingFee;
  }
  return out;
}
