import { z } from 'zod';
import { OPERATOR_ROLES, type OperatorRole } from './operator';
import { entityId, openid } from './primitives';
import type { RandomBytes } from './reqsn';
import { type DomainResult, refuse, succeed } from './result';

/**
 * An invitation to run a lot: an owner makes one (role, expiry); the person it is given to opens
 * it in the mini-program and accepts, their openid from the cloud context, never typed. Used
 * once (compare-and-set on `state`), expires, can be revoked while open.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U
export const INVITATION_CODE_LENGTH = 10; // 50 bits
export const invitationCodeSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, 'code must be 10 letters or digits of the invitation');

export const INVITATION_STATES = ['open', 'used', 'revoked'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export const MAX_INVITATION_HOURS = 30 * 24;

export const invitationSchema = z.object({
  code: invitationCodeSchema,
  lotId: entityId,
  role: z.enum(OPERATOR_ROLES),
  createdBy: openid,
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  state: z.enum(INVITATION_STATES),
  usedBy: openid.optional(),
  usedName: z.string().optional(),
  usedAt: z.number().int().optional(),
  revokedAt: z.number().int().optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** A fresh code: 10 characters of the Crockford alphabet from 50 random bits. */
export function newInvitationCode(random: RandomBytes): string {
  const bytes = random(7);
  let bits = 0n;
  for (const b of bytes.slice(0, 7)) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) {
    code += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  }
  return code;
}

/** What a person types or a scan gives, as a code: upper case, without spaces or dashes; O→0, I/L→1. */
export function normalizeInvitationCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The QR scene of an invitation (`i:<code>`, 12 characters: inside WeChat's 32). */
export const invitationScene = (code: string) => `i:${code}`;

/** The code of an invitation scene, or undefined. */
export function codeOfScene(scene: string): string | undefined {
  const m = /^i:(.+)$/.exec(scene.trim());
  if (!m) return undefined;
  const code = normalizeInvitationCode(m[1] as string);
  return invitationCodeSchema.safeParse(code).success ? code : undefined;
}

/** Whether the invitation may still be accepted at `now`. */
export function checkUsable(inv: Invitation, now: number): DomainResult<Invitation> {
  if (inv.state === 'used') return refuse('INVITATION_USED', '该邀请已被使用');
  if (inv.state === 'revoked') return refuse('INVITATION_REVOKED', '该邀请已被撤销');
  if (now >= inv.expiresAt)
    return refuse('INVITATION_EXPIRED', '该邀请已过期，请联系所有者重新邀请');
  return succeed(inv);
}

/** The state people see: an open invitation past its time is expired. */
export function shownState(inv: Invitation, now: number): InvitationState | 'expired' {
  return inv.state === 'open' && now >= inv.expiresAt ? 'expired' : inv.state;
}

/** Accepting one's own way into a lot one already runs is refused, leaving the invitation open. */
export function checkNotMember(role: OperatorRole | undefined): DomainResult<undefined> {
  if (role === 'owner')
    return refuse('ALREADY_OPERATOR', '您已是该停车场的所有者，邀请仍可给他人使用');
  if (role === 'operator')
    return refuse('ALREADY_OPERATOR', '您已是该停车场的操作员，邀请仍可给他人使用');
  return succeed(undefined);
}
