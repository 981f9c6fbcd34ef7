import { z } from 'zod';
import { entityId, openid } from './primitives';
import { type DomainResult, refuse, succeed } from './result';

/**
 * Operators hold a role per lot. Rights are a table, not ifs: an owner runs the business (people,
 * prices, places, revenue); an operator runs the sessions and the gates day to day.
 * Creating a lot is not a per-lot right: an owner of at least one lot may create another and
 * becomes its owner (mayCreateLot); the first lot of a business is seeded by an administrator.
 */
export const OPERATOR_ROLES = ['owner', 'operator'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export const OPERATOR_ACTIONS = [
  'lot.view',
  'lot.edit',
  'operator.manage',
  'tariff.manage',
  'place.manage', // gates, spots and their QR codes
  'session.view',
  'session.finish',
  'session.cancel',
  'gate.open',
  'reconcile.view',
  'revenue.view',
  'pass.manage', // passes issued and revoked, white and black lists (core/passes)
] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

export const OPERATOR_RIGHTS: Readonly<Record<OperatorRole, readonly OperatorAction[]>> = {
  owner: OPERATOR_ACTIONS,
  operator: [
    'lot.view',
    'session.view',
    'session.finish',
    'session.cancel',
    'gate.open',
    'reconcile.view',
    'pass.manage',
  ],
};

export const operatorGrantSchema = z.object({
  lotId: entityId,
  openid,
  role: z.enum(OPERATOR_ROLES),
  /** What colleagues see instead of the openid (typed by the person on accepting an invitation). */
  name: z.string().trim().min(1).max(20).optional(),
});

/** Roles as people read them. */
export const ROLE_TEXT: Readonly<Record<OperatorRole, string>> = {
  owner: '所有者',
  operator: '操作员',
};

/** Whether `who` may create a new lot: an owner of some lot (who then owns the new one). */
export function mayCreateLot(grants: readonly OperatorGrant[], who: string): boolean {
  return grants.some((g) => g.openid === who && g.role === 'owner');
}
export type OperatorGrant = z.infer<typeof operatorGrantSchema>;

export function roleOf(
  grants: readonly OperatorGrant[],
  who: string,
  lotId: string,
): OperatorRole | undefined {
  return grants.find((g) => g.openid === who && g.lotId === lotId)?.role;
}

export function roleAllows(role: OperatorRole, action: OperatorAction): boolean {
  return OPERATOR_RIGHTS[role].includes(action);
}

/** Whether `who` may do `action` on lot `lotId`, from the grants that concern them. */
export function can(
  grants: readonly OperatorGrant[],
  who: string,
  lotId: string,
  action: OperatorAction,
): boolean {
  const role = roleOf(grants, who, lotId);
  return role !== undefined && roleAllows(role, action);
}

/** Lots where `who` may do `action` (e.g. to filter a listing). */
export function lotsAllowing(
  grants: readonly OperatorGrant[],
  who: string,
  action: OperatorAction,
): string[] {
  return grants.filter((g) => g.openid === who && roleAllows(g.role, action)).map((g) => g.lotId);
}

/** The same check as `can`, as a refusal fit to return to the caller. */
export function checkRight(
  grants: readonly OperatorGrant[],
  who: string,
  lotId: string,
  action: OperatorAction,
): DomainResult<OperatorRole> {
  const role = roleOf(grants, who, lotId);
  if (role === undefined) return refuse('FORBIDDEN', '您不是该停车场的管理人员');
  if (!roleAllows(role, action)) return refuse('FORBIDDEN', '您的角色没有权限执行此操作');
  return succeed(role);
}

/**
 * A change of the grants of one lot by `who`: set a role, or remove it (role undefined).
 * Only an owner may change grants, and a lot never loses its last owner.
 */
export function checkGrantChange(
  grants: readonly OperatorGrant[],
  who: string,
  change: { lotId: string; openid: string; role: OperatorRole | undefined },
): DomainResult<OperatorGrant[]> {
  const allowed = checkRight(grants, who, change.lotId, 'operator.manage');
  if (!allowed.ok) return allowed;
  const others = grants.filter((g) => !(g.lotId === change.lotId && g.openid === change.openid));
  const next = change.role
    ? [...others, { lotId: change.lotId, openid: change.openid, role: change.role }]
    : others;
  if (!next.some((g) => g.lotId === change.lotId && g.role === 'owner')) {
    return refuse('LAST_OWNER', '停车场至少需要保留一位所有者');
  }
  return succeed(next);
}
