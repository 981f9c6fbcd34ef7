import {
  type OperatorGrant,
  type OperatorRole,
  ROLE_TEXT,
  checkGrantChange,
  mayCreateLot,
} from '../../core/parking/operator';
import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { fromRefusal } from '../parking/app-errors';
import { loadLot } from '../parking/places';
import { COLLECTIONS } from '../store/collections';
import { type GrantDoc, grantId, grantsOf, grantsOfLot, requireRight, rightsOf } from './access';
import { personText, writeAudit } from './audit';

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
  return { openid: ctx.openid, lots, canCreateLot: mayCreateLot(grants, ctx.openid) };
}

export async function listOperators(ctx: ApiContext, lotId: string) {
  await requireRight(ctx, lotId, 'operator.manage');
  const grants = await grantsOfLot(ctx.deps.db, lotId);
  return {
    lotId,
    operators: grants
      .map((g) => ({
        openid: g.openid,
        role: g.role,
        name: personText(g.openid, g),
        self: g.openid === ctx.openid,
      }))
      // Owners first, then by name.
      .sort(
        (a, b) =>
          Number(b.role === 'owner') - Number(a.role === 'owner') || a.name.localeCompare(b.name),
      ),
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
  const currentGrant = grants.find((g) => g.openid === change.openid);
  const current = currentGrant?.role;
  const roleWord = (r: OperatorRole | undefined) => (r ? ROLE_TEXT[r] : '无');
  const audit = (outcome: 'applied' | 'already' | 'refused', detail: string) =>
    writeAudit(ctx.deps, {
      openid: ctx.openid,
      lotId: change.lotId,
      action,
      reason: change.reason ?? '',
      outcome,
      detail,
      subject: personText(change.openid, currentGrant),
      ...(outcome === 'applied' && {
        changes: [{ label: '角色', from: roleWord(current), to: roleWord(change.role) }],
      }),
    });
  const result = { lotId: change.lotId, openid: change.openid, role: change.role ?? null };
  if (current === change.role) {
    await audit('already', `${change.openid}: ${change.role ?? 'none'}`);
    return { ...result, outcome: 'already' };
  }
  // New people come in by invitation only (their openid from their own call, never typed).
  if (change.role && current === undefined) {
    await audit('refused', 'NOT_AN_OPERATOR');
    throw new AppError('NOT_AN_OPERATOR', '对方还不是本停车场的管理人员，请通过邀请码添加');
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
  const name = currentGrant?.name;
  if (change.role) {
    await coll.set(id, {
      lotId: change.lotId,
      openid: change.openid,
      role: change.role,
      ...(name && { name }),
    });
  } else {
    await coll.removeWhere({ _id: id });
  }
  // Two owners removing each other at once could both pass the check: look again and restore.
  const after = await grantsOfLot(db, change.lotId);
  if (!after.some((g) => g.role === 'owner')) {
    if (current) {
      await coll.set(id, {
        lotId: change.lotId,
        openid: change.openid,
        role: current,
        ...(name && { name }),
      });
    }
    await audit('refused', 'LAST_OWNER');
    throw new AppError('LAST_OWNER', '停车场至少需要保留一位所有者');
  }
  await audit('applied', `${change.openid}: ${current ?? 'none'} -> ${change.role ?? 'none'}`);
  return { ...result, outcome: 'applied' };
}
