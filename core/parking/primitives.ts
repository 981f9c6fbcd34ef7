import { z } from 'zod';
import { fenSchema } from '../money/fen-schema';

/** Integer fen, non-negative, at most 10 digits (protocol note 3). */
export const fen = fenSchema;
/** Integer fen greater than 0: a call whose amount may not be zero (protocol note 7). */
export const positiveFen = fenSchema.min(1, 'amount must be greater than 0');

/** Unix seconds (protocol note 3): request times are at most 14 digits. */
export const unixSeconds = z
  .number()
  .int('time must be whole unix seconds')
  .min(0, 'time must not be negative')
  .max(99_999_999_999_999, 'time must have at most 14 digits');

/**
 * Our own ids of lots, gates and spots. At most 30 characters so that a QR scene `g:<id>` fits
 * WeChat's 32-character limit; CloudBase's automatic 32-character `_id` is too long for that,
 * so these are assigned by us.
 */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9-]{1,30}$/;
export const entityId = z
  .string()
  .regex(ENTITY_ID_PATTERN, 'id must be 1 to 30 letters, digits or "-"');

/** A WeChat openid (the protocol allows 32 characters). */
export const openid = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'openid must be 1 to 32 letters, digits, "-" or "_"');

/** An Allinpay merchant number (`cusid`, 15 characters, protocol note 3). */
export const cusid = z
  .string()
  .regex(/^[0-9A-Za-z]{1,15}$/, 'cusid must be 1 to 15 letters or digits');

/** A short display name: trimmed, 1 to `max` characters. */
export function displayName(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'name must not be empty')
    .max(max, `name must be at most ${max} characters`);
}
