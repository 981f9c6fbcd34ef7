import { z } from 'zod';
import { entityId, openid, unixSeconds } from '../parking/primitives';

/**
 * The white and black lists of a lot, one entry per plate and list (`_id` = listEntryId). A
 * whitelisted car parks free (police, staff...), within its optional validity; a blacklisted one
 * is refused at entry with the reason shown; no list ever refuses an exit.
 */
export const LIST_KINDS = ['white', 'black'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const LIST_TEXT: Readonly<Record<ListKind, string>> = { white: '白名单', black: '黑名单' };

export const listReasonSchema = z
  .string()
  .trim()
  .min(1, 'reason must not be empty')
  .max(50, 'reason must be at most 50 characters');

export const listEntrySchema = z.object({
  lotId: entityId,
  kind: z.enum(LIST_KINDS),
  plate: z.string().min(1).max(16),
  reason: listReasonSchema,
  validFrom: unixSeconds.optional(),
  validUntil: unixSeconds.optional(),
  createdAt: unixSeconds,
  by: openid,
});
export type ListEntry = z.infer<typeof listEntrySchema>;

export const listEntryId = (lotId: string, kind: ListKind, plate: string) =>
  `${lotId}:${kind}:${plate}`;

/** The entry is in force at `now` (no validity: always). */
export function listEntryActive(
  entry: Pick<ListEntry, 'validFrom' | 'validUntil'>,
  now: number,
): boolean {
  if (entry.validFrom !== undefined && now < entry.validFrom) return false;
  if (entry.validUntil !== undefined && now >= entry.validUntil) return false;
  return true;
}
