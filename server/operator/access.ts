import {
  OPERATOR_RIGHTS,
  type OperatorAction,
  type OperatorGrant,
  type OperatorRole,
  checkRight,
  lotsAllowing,
  operatorGrantSchema,
} from '../../core/parking/operator';
import type { Database } from '../cloud/database';
import type { SessionDoc } from '../cloud/session-doc';
import { fromRefusal, parkingErrors } from '../parking/app-errors';
import { readSessionDoc } from '../parking/session-store';
import { COLLECTIONS } from '../store/collections';
import type { ApiContext } from '../parking/api/context';

/**
 * The per-lot right check of every operator route. The router already refused callers with no
 * grant at all; here the caller's role for the lot concerned is checked against OPERATOR_RIGHTS.
 */
export type GrantDoc = OperatorGrant & { _id: string };

export const grantId = (lotId: string, openid: string) => `${lotId}:${openid}`;

const grantsCollection = (db: Database) => db.collection<GrantDoc>(COLLECTIONS.operators);

/** The grants of one person (a malformed record grants nothing). */
export async function grantsOf(db: Database, openid: string): Promise<OperatorGrant[]> {
  const docs = await grantsCollection(db).find({ openid }, { limit: 1000 });
  return docs.flatMap((doc) => {
    const parsed = operatorGrantSchema.safeParse(doc);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Every grant of one lot. */
export async function grantsOfLot(db: Database, lotId: string): Promise<OperatorGrant[]> {
  const docs = await grantsCollection(db).find({ lotId }, { limit: 1000 });
  return docs.flatMap((doc) => {
    const parsed = operatorGrantSchema.safeParse(doc);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Throws FORBIDDEN (with the domain's Chinese message) unless the caller may do `action` there. */
export async function requireRight(
  ctx: ApiContext,
  lotId: string,
  action: OperatorAction,
): Promise<OperatorRole> {
  const grants = await grantsOf(ctx.deps.db, ctx.openid);
  const checked = checkRight(grants, ctx.openid, lotId, action);
  if (!checked.ok) throw fromRefusal(checked);
  return checked.value;
}

/**
 * The session `sessionId`, if the caller may do `action` on it. A session of a lot where the
 * caller may not even view sessions is SESSION_NOT_FOUND, like an id that does not exist, so that
 * an operator of one lot cannot learn which ids exist in another; one they may view but not act
 * on is FORBIDDEN.
 */
export async function sessionForRight(
  ctx: ApiContext,
  sessionId: string,
  action: OperatorAction,
): Promise<SessionDoc> {
  const doc = await readSessionDoc(ctx.deps.db, sessionId);
  if (!doc) throw parkingErrors.sessionNotFound();
  const grants = await grantsOf(ctx.deps.db, ctx.openid);
  if (!checkRight(grants, ctx.openid, doc.lotId, 'session.view').ok) {
    throw parkingErrors.sessionNotFound();
  }
  const checked = checkRight(grants, ctx.openid, doc.lotId, action);
  if (!checked.ok) throw fromRefusal(checked);
  return doc;
}

/** The lots where the caller may do `action`, in a stable order. */
export async function lotsWhere(ctx: ApiContext, action: OperatorAction): Promise<string[]> {
  const grants = await grantsOf(ctx.deps.db, ctx.openid);
  return [...new Set(lotsAllowing(grants, ctx.openid, action))].sort();
}

export function rightsOf(role: OperatorRole): readonly OperatorAction[] {
  return OPERATOR_RIGHTS[role];
}
