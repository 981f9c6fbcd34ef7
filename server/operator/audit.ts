import type { Database } from '../cloud/database';
import { newCallId } from '../parking/ids';
import type { ParkingDeps } from '../parking/deps';
import { COLLECTIONS } from '../store/collections';
import { type OperatorRole, ROLE_TEXT } from '../../core/parking/operator';

/**
 * The audit trail of operator actions: who did what to which lot or session, why, and how it
 * ended. Written for refusals too, so an attempt that changed nothing is still on record.
 */
export const AUDIT_ACTIONS = [
  'session.finish',
  'session.cancel',
  'session.resolve',
  'gate.open',
  'lot.update',
  'gate.upsert',
  'gate.delete',
  'spot.upsert',
  'spot.delete',
  'tariff.upsert',
  'operator.grant',
  'operator.revoke',
  'lot.create',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  // merchants (issue 14, server/merchant)
  'merchant.upsert',
  'merchant.topup',
  'merchant.invite',
  'merchant.join',
  'arrears.waive',
  'camera.register',
  'camera.remove',
  // core/passes
  'passplan.upsert',
  'pass.issue',
  'pass.revoke',
  'list.add',
  'list.remove',
  'list.import',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** applied: the change was made; already: a repeat found it done; refused: nothing changed. */
export type AuditOutcome = 'applied' | 'already' | 'refused';

export interface AuditRecord {
  _id: string;
  at: number;
  openid: string;
  lotId: string;
  sessionId?: string;
  gateId?: string;
  action: AuditAction;
  reason: string;
  outcome: AuditOutcome;
  /** The refusal's code, or a short note of what was done (e.g. the state reached). */
  detail?: string;
  /** Who acted, as colleagues know them, fixed at write time (a later rename does not rewrite history). */
  byName?: string;
  /** What was changed, in words: `{ label: '冻结金额', from: '¥50.00', to: '¥30.00' }`. */
  changes?: AuditChange[];
  /** What the action was about, in words (e.g. `出口「南门」`, `操作员 张三`). */
  subject?: string;
}

export interface AuditChange {
  label: string;
  from: string;
  to: string;
}

/** A reason an operator gives for a change of money or of a gate (the contract's schema). */
export { reasonSchema } from '../contract/operator-inputs';

/** How an operator is shown: the name they gave, else their role and the end of their openid. */
export function personText(openid: string, grant?: { role: OperatorRole; name?: string }): string {
  if (grant?.name) return grant.name;
  const tail = `尾号 ${openid.slice(-4)}`;
  return grant ? `${ROLE_TEXT[grant.role]}（${tail}）` : `用户（${tail}）`;
}

/** The display name of `openid` at `lotId` now (their grant's name, see personText). */
export async function nameAt(db: Database, lotId: string, openid: string): Promise<string> {
  const doc = await db
    .collection<{ _id: string; role: OperatorRole; name?: string }>(COLLECTIONS.operators)
    .get(`${lotId}:${openid}`)
    .catch(() => undefined);
  return personText(openid, doc);
}

export async function writeAudit(
  deps: ParkingDeps,
  record: Omit<AuditRecord, '_id' | 'at'> & { at?: number },
): Promise<AuditRecord> {
  const at = record.at ?? (await deps.clock.now());
  const byName = record.byName ?? (await nameAt(deps.db, record.lotId, record.openid));
  const doc: AuditRecord = { ...record, byName, at, _id: newCallId('op', at, deps.random) };
  await deps.db.collection<AuditRecord>(COLLECTIONS.audit).insert(doc);
  return doc;
}

export async function listAudit(
  db: Database,
  lotId: string,
  options: { offset: number; limit: number },
): Promise<{ items: Array<Omit<AuditRecord, '_id'> & { id: string }>; nextOffset?: number }> {
  // Newest first; the id (time-sortable) breaks ties within a second.
  const docs = await db.collection<AuditRecord>(COLLECTIONS.audit).find(
    { lotId },
    {
      orderBy: [
        ['at', 'desc'],
        ['_id', 'desc'],
      ],
      skip: options.offset,
      limit: options.limit,
    },
  );
  const items = docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  return {
    items,
    ...(docs.length === options.limit && { nextOffset: options.offset + docs.length }),
  };
}
