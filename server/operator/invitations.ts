import {
  type Invitation,
  checkNotMember,
  checkUsable,
  invitationScene,
  invitationSchema,
  newInvitationCode,
  shownState,
} from '../../core/parking/invitation';
import { type OperatorRole, ROLE_TEXT } from '../../core/parking/operator';
import { AppError } from '../api-kit/app-error';
import type { ApiContext } from '../parking/api/context';
import { fromRefusal } from '../parking/app-errors';
import { loadLot, requireLot } from '../parking/places';
import { COLLECTIONS } from '../store/collections';
import { type GrantDoc, grantId, grantsOfLot, requireRight } from './access';
import { writeAudit } from './audit';
import { type QrSettings, localQrImage, wxacodeImage } from './qr-render';

/**
 * Invitations (core/parking/invitation.ts). The owner's side (create, list, revoke) are operator
 * routes; the invitee's (view, accept) are driver routes, as the invitee holds no grant yet.
 */
type InvitationDoc = Omit<Invitation, 'code'> & { _id: string };

const invitations = (ctx: ApiContext) =>
  ctx.deps.db.collection<InvitationDoc>(COLLECTIONS.invitations);

function parseDoc(doc: InvitationDoc | undefined): Invitation | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  const parsed = invitationSchema.safeParse({ ...rest, code: _id });
  return parsed.success ? parsed.data : undefined;
}

const notFound = () => new AppError('INVITATION_NOT_FOUND', '邀请码不存在，请核对后重试');

function view(inv: Invitation, now: number) {
  return {
    code: inv.code,
    lotId: inv.lotId,
    role: inv.role,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    state: shownState(inv, now),
    ...(inv.usedName !== undefined && { usedName: inv.usedName }),
    ...(inv.usedAt !== undefined && { usedAt: inv.usedAt }),
  };
}
export type InvitationView = ReturnType<typeof view>;

/** The URL a local QR code carries (the mini-program's scan reads `scene` from it). */
export function invitationUrl(baseUrl: string, code: string): string {
  return `${baseUrl}?scene=${encodeURIComponent(invitationScene(code))}`;
}

export async function createInvitation(
  ctx: ApiContext,
  input: { lotId: string; role: OperatorRole; hours: number },
  qr: QrSettings,
) {
  await requireRight(ctx, input.lotId, 'operator.manage');
  const lot = await requireLot(ctx.deps.db, input.lotId);
  const now = await ctx.deps.clock.now();
  let inv: Invitation | undefined;
  for (let attempt = 0; attempt < 3 && !inv; attempt++) {
    const candidate: Invitation = {
      code: newInvitationCode(ctx.deps.random),
      lotId: lot.id,
      role: input.role,
      createdBy: ctx.openid,
      createdAt: now,
      expiresAt: now + input.hours * 3600,
      state: 'open',
    };
    const { code, ...rest } = candidate;
    if ((await invitations(ctx).insert({ ...rest, _id: code })) === 'inserted') inv = candidate;
  }
  if (!inv) throw new AppError('BUSY', '生成邀请码失败，请重试');
  const scene = invitationScene(inv.code);
  const url = invitationUrl(qr.baseUrl, inv.code);
  const image =
    qr.mode === 'wxacode'
      ? await wxacodeImage(scene, { ...qr, page: 'admin/join/index' })
      : await localQrImage(url);
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: lot.id,
    action: 'invitation.create',
    reason: '',
    outcome: 'applied',
    subject: `邀请${ROLE_TEXT[inv.role]}（${hoursText(input.hours)}内有效）`,
  });
  return { invitation: view(inv, now), lotName: lot.name, scene, url, image };
}

function hoursText(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24} 天` : `${hours} 小时`;
}

export async function listInvitations(ctx: ApiContext, lotId: string) {
  await requireRight(ctx, lotId, 'operator.manage');
  const now = await ctx.deps.clock.now();
  const docs = await invitations(ctx).find(
    { lotId },
    { orderBy: [['createdAt', 'desc']], limit: 50 },
  );
  return {
    lotId,
    invitations: docs.flatMap((d) => {
      const inv = parseDoc(d);
      return inv ? [view(inv, now)] : [];
    }),
  };
}

export async function revokeInvitation(ctx: ApiContext, input: { code: string }) {
  const inv = parseDoc(await invitations(ctx).get(input.code));
  // Another lot's invitation is not found, like a code that does not exist.
  if (!inv) throw notFound();
  const grants = await grantsOfLot(ctx.deps.db, inv.lotId);
  if (!grants.some((g) => g.openid === ctx.openid)) throw notFound();
  await requireRight(ctx, inv.lotId, 'operator.manage');
  const now = await ctx.deps.clock.now();
  if (inv.state === 'revoked') return { outcome: 'already' as const, code: inv.code };
  if (inv.state === 'used')
    throw new AppError('INVITATION_USED', '该邀请已被使用，如需移除请撤销其权限');
  const changed = await invitations(ctx).updateWhere(
    { _id: inv.code, state: 'open' },
    { state: 'revoked', revokedAt: now },
  );
  if (changed === 0) {
    const again = parseDoc(await invitations(ctx).get(inv.code));
    if (again?.state === 'used') throw new AppError('INVITATION_USED', '该邀请已被使用');
    return { outcome: 'already' as const, code: inv.code };
  }
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: inv.lotId,
    action: 'invitation.revoke',
    reason: '',
    outcome: 'applied',
    subject: `邀请${ROLE_TEXT[inv.role]}（邀请码 ${inv.code}）`,
  });
  return { outcome: 'applied' as const, code: inv.code };
}

/** What the invitee sees before accepting. */
export async function peekInvitation(ctx: ApiContext, input: { code: string }) {
  const inv = parseDoc(await invitations(ctx).get(input.code));
  if (!inv) throw notFound();
  const lot = await loadLot(ctx.deps.db, inv.lotId);
  if (!lot) throw notFound();
  const now = await ctx.deps.clock.now();
  const mine = (await grantsOfLot(ctx.deps.db, inv.lotId)).find((g) => g.openid === ctx.openid);
  return {
    code: inv.code,
    lotName: lot.name,
    role: inv.role,
    expiresAt: inv.expiresAt,
    state: shownState(inv, now),
    ...(mine && { myRole: mine.role }),
  };
}

/**
 * Accepts: the invitation goes from open to used by compare-and-set, then the grant is written
 * with the name the invitee gave. A repeat by the same person finds it done and succeeds.
 */
export async function acceptInvitation(ctx: ApiContext, input: { code: string; name: string }) {
  const db = ctx.deps.db;
  const inv = parseDoc(await invitations(ctx).get(input.code));
  if (!inv) throw notFound();
  const lot = await loadLot(db, inv.lotId);
  if (!lot) throw notFound();
  const result = { lotId: lot.id, lotName: lot.name, role: inv.role };
  if (inv.state === 'used' && inv.usedBy === ctx.openid)
    return { ...result, outcome: 'already' as const };
  const now = await ctx.deps.clock.now();
  const usable = checkUsable(inv, now);
  if (!usable.ok) throw fromRefusal(usable);
  const mine = (await grantsOfLot(db, inv.lotId)).find((g) => g.openid === ctx.openid);
  const member = checkNotMember(mine?.role);
  if (!member.ok) throw fromRefusal(member);
  const changed = await invitations(ctx).updateWhere(
    { _id: inv.code, state: 'open', expiresAt: db.cmd.gt(now) },
    { state: 'used', usedBy: ctx.openid, usedName: input.name, usedAt: now },
  );
  if (changed === 0) {
    const again = parseDoc(await invitations(ctx).get(inv.code));
    if (again?.state === 'used' && again.usedBy === ctx.openid) {
      return { ...result, outcome: 'already' as const };
    }
    const checked = again ? checkUsable(again, now) : undefined;
    throw checked && !checked.ok ? fromRefusal(checked) : notFound();
  }
  await db.collection<GrantDoc>(COLLECTIONS.operators).set(grantId(inv.lotId, ctx.openid), {
    lotId: inv.lotId,
    openid: ctx.openid,
    role: inv.role,
    name: input.name,
  });
  await writeAudit(ctx.deps, {
    openid: ctx.openid,
    lotId: inv.lotId,
    action: 'invitation.accept',
    reason: '',
    outcome: 'applied',
    byName: input.name,
    subject: `${input.name} 成为${ROLE_TEXT[inv.role]}`,
    changes: [{ label: '角色', from: '无', to: ROLE_TEXT[inv.role] }],
  });
  return { ...result, outcome: 'applied' as const };
}
