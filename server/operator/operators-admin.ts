import {
  type OperatorGrant,
  type OperatorRole,
  checkGrantChange,
} from '../../core/parking/operator';
import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { fromRefusal } from '../parking/app-errors';
import { loadLot } from '../parking/places';
import { COLLECTIONS } from '../store/collections';
import { type GrantDoc, grantId, grantsOf, grantsOfLot, requireRight, rightsOf } from './access';
import { writeAudit } from './audit';

/** The caller's grants: what the mini-program needs to show (or hide) the operator area. */
export async function me(ctx: ApiContext) {
  const grants = await grantsOf(ctx.deps.db, ctx.openid);
  const lots = [];
  for (const g of grants) {
    const lot = await loadLot(ctx.deps.db, g.lotId).catch(() => undefined);
    lots.push({
      lotId: g.lotId,
      lotName: lot?.name ?? g.lotId,
      kind: lot?.kind,
      role: g.role,
      rights: [...rightsOf(g.role)],
    });
  }
  lots.sort((a, b) => a.lotId.localeCompare(b.lotId));
  return { openid: ctx.openid, lots };
}

export async function listOperators(ctx: ApiContext, lotId: string) {
  await requireRight(ctx, lotId, 'operator.manage');
  const grants = await grantsOfLot(ctx.deps.db, lotId);
  return {
    lotId,
    operators: grants
      .map((g) => ({ openid: g.openid, role: g.role, self: g.openid === ctx.openid }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.openid.localeCompare(b.openid)),
  };
}

/**
 * Sets or removes one grant. checkGrantChange refuses a caller who is not an owner and a change
 * that would leave the lot without an owner. Setting the role it already has is a success.
 */
export async function changeGrant(
  ctx: ApiContext,
  change: { lotId: string; openid: string; role: OperatorRole | undefined; reason?: string },
): Promise<{
  lotId: string;
  openid: string;
  role: OperatorRole | null;
  outcome: 'applied' | 'already';
}> {
  const db = ctx.deps.db;
  await requireRight(ctx, change.lotId, 'operator.manage');
  const grants: OperatorGrant[] = await grantsOfLot(db, change.lotId);
  const action = change.role ? 'operator.grant' : 'operator.revoke';
  const current = grants.find((g) => g.openid === change.openid)?.role;
  const audit = (outcome: 'applied' | 'already' | 'refused', detail: string) =>
    writeAudit(ctx.deps, {
      openid: ctx.openid,
      lotId: change.lotId,
      action,
      reason: change.reason ?? '',
      outcome,
      detail,
    });
  const result = { lotId: change.lotId, openid: change.openid, role: change.role ?? null };
  if (current === change.role) {
    await audit('already', `${change.openid}: ${change.role ?? 'none'}`);
    return { ...result, outcome: 'already' };
  }
  const checked = checkGrantChange(grants, ctx.openid, {
    lotId: change.lotId,
    openid: change.openid,
    role: change.role,
  });
  if (!checked.ok) {
    await audit('refused', checked.code);
    throw fromRefusal(checked);
  }
  const coll = db.collection<GrantDoc>(COLLECTIONS.operators);
  const id = grantId(change.lotId, change.openid);
  if (change.role) {
    await coll.set(id, { lotId: change.lotId, openid: change.openid, role: change.role });
  } else {
    await coll.removeWhere({ _id: id });
  }
  // Two owners removing each other at once could both pass the check: look again and restore.
  const after = await grantsOfLot(db, change.lotId);
  if (!after.some((g) => g.role === 'owner')) {
    if (current) await coll.set(id, { lotId: change.lotId, openid: change.openid, role: current });
    await audit('refused', 'LAST_OWNER');
    throw new AppError('LAST_OWNER', '停车场至少需要保留一位所有者');
  }
  await audit('applied', `${change.openid}: ${current ?? 'none'} -> ${change.role ?? 'none'}`);
  return { ...result, outcome: 'applied' };
}
