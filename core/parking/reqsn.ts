import { z } from 'zod';
import { toChinaDateTime } from './china-time';

/**
 * Our merchant order numbers (`reqsn`): at most 32 characters, unique, no `_` (protocol note 3).
 * Shape: a kind letter, the China time to the second (yyMMddHHmmss), then 80 random bits as 16
 * Crockford base-32 characters, e.g. `P250101120000` + `7K3Q...` (29 characters). The time makes
 * them sortable and readable in an audit; the random part makes them unique without a counter.
 * Finish and cancel reuse the prepay's reqsn (spec), so only pay and prepay need new ones;
 * `op` names our own operations (e.g. an idempotency key of a finish) with the same shape.
 * A pay that is no parking session's names its order collection by its letter (server/pay-orders:
 * `K` a pass sale, `A` a payment of arrears), so that a notification finds its order in one read.
 */
export const REQSN_KINDS = {
  pay: 'P',
  prepay: 'R',
  op: 'O',
  passPay: 'K',
  arrearsPay: 'A',
} as const;
export type ReqsnKind = keyof typeof REQSN_KINDS;

/** Fills a new array of `count` bytes from a cryptographic source (e.g. node's randomBytes). */
export type RandomBytes = (count: number) => Uint8Array;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U
const RANDOM_BYTES = 10; // 80 bits = 16 characters of 5 bits

export const reqsnSchema = z
  .string()
  .regex(/^[0-9A-Za-z]{1,32}$/, 'reqsn must be 1 to 32 letters or digits');

const pad2 = (n: number) => String(n).padStart(2, '0');

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

export function newReqsn(kind: ReqsnKind, now: number, randomBytes: RandomBytes): string {
  const bytes = randomBytes(RANDOM_BYTES);
  if (!(bytes instanceof Uint8Array) || bytes.length < RANDOM_BYTES) {
    throw new RangeError(`the random source must give ${RANDOM_BYTES} bytes`);
  }
  const t = toChinaDateTime(now);
  const stamp = `${pad2(t.year % 100)}${pad2(t.month)}${pad2(t.day)}${pad2(t.hour)}${pad2(t.minute)}${pad2(t.second)}`;
  return `${REQSN_KINDS[kind]}${stamp}${base32(bytes.subarray(0, RANDOM_BYTES))}`;
}

/** The kind a reqsn of ours names by its first letter; undefined for anything else. */
export function reqsnKindOf(reqsn: string): ReqsnKind | undefined {
  const letter = reqsn.charAt(0);
  return (Object.keys(REQSN_KINDS) as ReqsnKind[]).find((kind) => REQSN_KINDS[kind] === letter);
}
