import type { ApiContext } from '../parking/api/context';
import { type SessionDoc } from '../cloud/session-doc';
import { loadLot } from '../parking/places';
import { LIVE_STATES } from '../../core/parking/session-states';
import { COLLECTIONS } from '../store/collections';
import { lotsWhere } from './access';
import { todayOf } from './china-dates';
import { dailyTotals } from './daily-money';

/** Today (China time) at a glance, per lot the caller may view. Revenue only where allowed. */
export async function dashboard(ctx: ApiContext) {
  const { db } = ctx.deps;
  const now = await ctx.deps.clock.now();
  const today = todayOf(now);
  const revenueLots = new Set(await lotsWhere(ctx, 'revenue.view'));
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions);
  const lots = [];
  for (const lotId of await lotsWhere(ctx, 'lot.view')) {
    const lot = await loadLot(db, lotId).catch(() => undefined);
    const [sessionsToday, live, flagged] = await Promise.all([
      // A prepay never made (未完成支付) is no entry.
      sessions.count({ lotId, inTime: db.cmd.gte(today.start), state: db.cmd.nin(['failed']) }),
      sessions.count({ lotId, state: db.cmd.in(LIVE_STATES) }),
      sessions.count({ lotId, flagged: true }),
    ]);
    const day = revenueLots.has(lotId)
      ? (await dailyTotals(db, lotId, [today.date])).get(today.date)
      : undefined;
    // Arrears paid today are in `charged`; only revenue names them apart.
    const revenue = day && {
      charged: day.charged,
      returned: day.returned,
      handlingFee: day.handlingFee,
      net: day.net,
    };
    lots.push({
      lotId,
      name: lot?.name ?? lotId,
      kind: lot?.kind,
      sessionsToday,
      live,
      flagged,
      ...(revenue && { revenueToday: revenue }),
    });
  }
  return { date: today.date, at: now, lots };
}
