import type { Session } from '../../core/parking/session';
import type { ReconPassSales, ReconSide } from '../contract/operator-views';
import type { PassOrderDoc } from '../passes/store';
import { passSalesBetween } from './pass-sales';
import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { requireLot } from '../parking/places';
import { requireRight } from './access';
import { dayRange, todayOf } from './china-dates';
import { mapLimited } from '../async/map-limited';
import { moneyMovements, touchedBetween } from './money';
import { type PlatformAnswer, queryOrder, queryOrders } from './platform-query';
import { recoveredOn } from '../arrears/orders';
import { ReportTooLargeError, storedSessionsTouching } from './session-range';

/**
 * A lot's day checked against the platform. The day's figures are the money that moved that
 * China day (server/operator/money.ts: the same dating as revenue and the export), each session
 * counted only for what moved on that day. Every session whose money moved (or whose payment
 * was asked for) that day is checked against the platform's answers to a query of each of its
 * orders (protocol note 9): whole-session running totals, ours beside the platform's, so that
 * a movement on another day cannot make a false mismatch. The platform's figures for the day are
 * ours for the sessions that agree, plus, for one that does not, the difference of the running
 * totals (counted on the day checked: the operator sees it there). Arrears paid that day (issue
 * 14) are one `pay` each, checked the same way: all of an order's money moved on its day. Pass
 * sales (issue 13) too, but counted apart (`passes`), as revenue counts them apart.
 */
export type Side = ReconSide;

export const MAX_RECONCILED_SESSIONS = 200;
/** Queries out at once: a day's report stays well inside the function's timeout. */
export const QUERY_CONCURRENCY = 8;

export function oursOf(session: Session): Side {
  const a = session.amounts;
  return { charged: a.paid + a.finished, returned: a.returned, aip: a.aip };
}

/** The platform's side from its answers; undefined when some order could not be queried. */
export function platformSide(answers: readonly PlatformAnswer[]): Side | undefined {
  const side: Side = { charged: 0, returned: 0, aip: 0 };
  for (const a of answers) {
    if (!a.ok) return undefined;
    if (a.kind === 'pay') {
      if (a.trxstatus !== '0000') continue;
      side.charged += a.totals.fee;
      side.aip += a.totals.feeAIP;
    } else {
      side.charged += a.totals.feeFinish;
      side.returned += a.totals.feeBack;
      side.aip += a.totals.feeAIP;
    }
  }
  return side;
}

/** What moved of the session inside [start, end). */
export function dayOf(session: Session, start: number, end: number): Side {
  const side: Side = { charged: 0, returned: 0, aip: 0 };
  for (const m of moneyMovements(session)) {
    if (m.at < start || m.at >= end) continue;
    side.charged += m.charged;
    side.returned += m.returned;
    side.aip += m.aip;
  }
  return side;
}

const minus = (a: Side, b: Side): Side => ({
  charged: a.charged - b.charged,
  returned: a.returned - b.returned,
  aip: a.aip - b.aip,
});

export function differences(ours: Side, platform: Side): Array<keyof Side> {
  return (['charged', 'returned', 'aip'] as const).filter((k) => ours[k] !== platform[k]);
}

const add = (a: Side, b: Side): Side => ({
  charged: a.charged + b.charged,
  returned: a.returned + b.returned,
  aip: a.aip + b.aip,
});

export async function reconciliationReport(
  ctx: ApiContext,
  input: { lotId: string; date?: string | undefined },
) {
  await requireRight(ctx, input.lotId, 'reconcile.view');
  const lot = await requireLot(ctx.deps.db, input.lotId);
  const date = input.date ?? todayOf(await ctx.deps.clock.now()).date;
  const { start, end } = dayRange(date, date);
  let sessions: Array<{ session: Session; cusid: string }>;
  try {
    sessions = (await storedSessionsTouching(ctx.deps.db, lot.id, start, end)).filter((s) =>
      touchedBetween(s.session, start, end),
    );
  } catch (error) {
    if (error instanceof ReportTooLargeError) throw tooMany();
    throw error;
  }
  if (sessions.length > MAX_RECONCILED_SESSIONS) throw tooMany();
  let oursTotal: Side = { charged: 0, returned: 0, aip: 0 };
  let platformTotal: Side = { charged: 0, returned: 0, aip: 0 };
  const mismatches = [];
  let unavailable = 0;
  // The merchant the orders were sent under is on the stored record, not on the lot (it may change).
  const answered = await mapLimited(sessions, QUERY_CONCURRENCY, async (s) => ({
    ...s,
    answers: await queryOrders(ctx.deps, s.cusid, s.session),
  }));
  for (const { session, answers } of answered) {
    const ours = oursOf(session);
    const platform = platformSide(answers);
    const day = dayOf(session, start, end);
    oursTotal = add(oursTotal, day);
    if (!platform) {
      unavailable += 1;
      mismatches.push({
        sessionId: session.id,
        plate: session.plate,
        state: session.state,
        ours,
        platform: null,
        fields: [],
        answers,
      });
      continue;
    }
    platformTotal = add(platformTotal, add(day, minus(platform, ours)));
    const fields = differences(ours, platform);
    if (fields.length > 0) {
      mismatches.push({
        sessionId: session.id,
        plate: session.plate,
        state: session.state,
        ours,
        platform,
        fields,
        answers,
      });
    }
  }
  const recovered = await mapLimited(
    await recoveredOn(ctx.deps.db, lot.id, date),
    QUERY_CONCURRENCY,
    async (order) => ({
      order,
      answers: [await queryOrder(ctx.deps, order.cusid, order._id, 'pay', order.arrearsId)],
    }),
  );
  for (const { order, answers } of recovered) {
    const check = checkPayOrder(order, answers);
    oursTotal = add(oursTotal, check.ours);
    if (check.platform) platformTotal = add(platformTotal, check.platform);
    else unavailable += 1;
    if (check.mismatch) {
      // Arrears belong to a roadside stay that closed owing them.
      const entry = { sessionId: order.arrearsId, plate: order.plate, state: 'closed' as const };
      mismatches.push({ ...entry, ...check.mismatch });
    }
  }
  const sold = await mapLimited(
    await passSalesBetween(ctx.deps.db, lot.id, start, end),
    QUERY_CONCURRENCY,
    async (order) => ({
      order,
      answers: [await queryOrder(ctx.deps, order.cusid, order._id, 'pay', order.passId)],
    }),
  );
  const passes = passSalesReconciled(sold);
  unavailable += passes.unavailable;
  return {
    lotId: lot.id,
    date,
    sessions: sessions.length,
    /** The day's figures: what moved that day by our records (equal to revenue's row). */
    ours: oursTotal,
    /** The same by the platform's answers (see above). */
    platform: platformTotal,
    /** Sessions whose orders could not all be queried (their platform side is not in the totals). */
    unavailable,
    matched: mismatches.length === 0 && passes.mismatches.length === 0,
    mismatches,
    passes: {
      count: passes.count,
      ours: passes.ours,
      platform: passes.platform,
      mismatches: passes.mismatches,
    },
    checkedAt: await ctx.deps.clock.now(),
  };
}

/**
 * One platform `pay` of a pay order (arrears, a pass sale): all of its money moved on its day, so
 * ours is the order's amount and fee, the platform's its query's answer.
 */
export function checkPayOrder(
  order: { amount: number; aip?: number },
  answers: PlatformAnswer[],
): {
  ours: Side;
  platform: Side | undefined;
  mismatch?: {
    ours: Side;
    platform: Side | null;
    fields: Array<keyof Side>;
    answers: PlatformAnswer[];
  };
} {
  const ours: Side = { charged: order.amount, returned: 0, aip: order.aip ?? 0 };
  const platform = platformSide(answers);
  const fields = platform ? differences(ours, platform) : [];
  if (platform && fields.length === 0) return { ours, platform };
  return { ours, platform, mismatch: { ours, platform: platform ?? null, fields, answers } };
}

/** A day's pass sales (月卡销售) beside their platform answers: totals and what differs. */
export function passSalesReconciled(
  sold: ReadonlyArray<{ order: PassOrderDoc; answers: PlatformAnswer[] }>,
): ReconPassSales & { unavailable: number } {
  const out: ReconPassSales & { unavailable: number } = {
    count: sold.length,
    ours: { charged: 0, returned: 0, aip: 0 },
    platform: { charged: 0, returned: 0, aip: 0 },
    mismatches: [],
    unavailable: 0,
  };
  for (const { order, answers } of sold) {
    const check = checkPayOrder(order, answers);
    out.ours = add(out.ours, check.ours);
    if (check.platform) out.platform = add(out.platform, check.platform);
    else out.unavailable += 1;
    if (check.mismatch) {
      const entry = { orderId: order._id, passId: order.passId, plates: order.plates };
      out.mismatches.push({ ...entry, ...check.mismatch });
    }
  }
  return out;
}

function tooMany() {
  return new AppError(
    'REPORT_TOO_LARGE',
    `当天需要核对的记录超过 ${MAX_RECONCILED_SESSIONS} 条，请在对账系统中核对`,
  );
}
