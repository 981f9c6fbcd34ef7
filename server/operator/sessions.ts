import type { SessionState } from '../../core/parking/session-states';
import type { ApiContext } from '../parking/api/context';
import { type SessionDoc, sessionOf } from '../cloud/session-doc';
import { COLLECTIONS } from '../store/collections';
import { requireRight, sessionForRight } from './access';
import { dayStartOf } from './china-dates';
import { queryOrders } from './platform-query';
import {
  type OperatorSessionSummary,
  operatorSessionDetail,
  operatorSessionSummary,
} from './session-views';
import { SECONDS_PER_DAY } from '../../core/parking/china-time';

export interface SessionFilter {
  lotId: string;
  states?: SessionState[];
  plate?: string;
  /** China dates 'YYYY-MM-DD', both included, on the entry (or booking) time. */
  from?: string;
  to?: string;
  flagged?: boolean;
  offset: number;
  limit: number;
}

export async function listSessions(
  ctx: ApiContext,
  filter: SessionFilter,
): Promise<{ items: OperatorSessionSummary[]; total: number; nextOffset?: number }> {
  await requireRight(ctx, filter.lotId, 'session.view');
  const { db } = ctx.deps;
  const query: Record<string, unknown> = { lotId: filter.lotId };
  if (filter.states?.length) query.state = db.cmd.in(filter.states);
  if (filter.plate !== undefined) query.plate = filter.plate;
  if (filter.flagged !== undefined) query.flagged = filter.flagged;
  // Two bounds on one field as a top-level AND (what the SDK and the emulator both accept).
  const conditions: Record<string, unknown>[] = [query];
  if (filter.from !== undefined) conditions.push({ inTime: db.cmd.gte(dayStartOf(filter.from)) });
  if (filter.to !== undefined) {
    conditions.push({ inTime: db.cmd.lt((dayStartOf(filter.to) as number) + SECONDS_PER_DAY) });
  }
  const where = conditions.length === 1 ? query : db.cmd.and(...conditions);
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions);
  const [total, docs] = await Promise.all([
    sessions.count(where),
    sessions.find(where, {
      orderBy: [
        ['inTime', 'desc'],
        ['_id', 'desc'],
      ],
      skip: filter.offset,
      limit: filter.limit,
    }),
  ]);
  const items: OperatorSessionSummary[] = [];
  for (const doc of docs) {
    try {
      items.push(operatorSessionSummary(sessionOf(doc)));
    } catch (error) {
      ctx.deps.log.error('corrupt session', { sessionId: doc._id, error: String(error) });
    }
  }
  const next = filter.offset + docs.length;
  return { items, total, ...(next < total && { nextOffset: next }) };
}

export async function sessionForOperator(ctx: ApiContext, sessionId: string) {
  const doc = await sessionForRight(ctx, sessionId, 'session.view');
  const session = sessionOf(doc);
  const now = await ctx.deps.clock.now();
  const platform = await queryOrders(ctx.deps, doc.cusid, session);
  return { ...operatorSessionDetail(session, now), platform, queriedAt: now };
}
