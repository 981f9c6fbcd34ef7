import { createHash, timingSafeEqual } from 'node:crypto';

/** A flat set of protocol fields as they travel on the wire (raw, decoded values). */
export type WireFields = Readonly<Record<string, string | number | null | undefined>>;

/** An ordered list of received fields, as parsed once from a raw body (protocol note 2). */
export type FieldEntries = ReadonlyArray<readonly [string, string]>;

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The signing key is the lowercase MD5 of the merchant's platform login password (protocol note 2.2). */
export function keyFromPassword(password: string): string {
  return md5Hex(password);
}

/**
 * A field value as text. Wire values are strings and numbers; anything else (from a JSON body of
 * the wrong shape) gets its JSON text, so that signing and verifying never throw on bad input.
 */
function wireText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function toEntries(fields: WireFields | FieldEntries): Array<[string, string]> {
  const list: Array<[string, unknown]> = Array.isArray(fields)
    ? (fields as FieldEntries).map(([k, v]) => [k, v])
    : Object.entries(fields as WireFields);
  return list
    .filter(
      ([name, value]) => name !== 'sign' && name !== 'key' && value !== undefined && value !== null,
    )
    .map(([name, value]) => [name, wireText(value)] as [string, string])
    .filter(([, value]) => value !== '');
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The string that is hashed (protocol note 2): every non-empty field but `sign`, plus `key`,
 * sorted by byte order of the name, joined as raw `name=value` pairs with `&`.
 */
export function signingString(fields: WireFields | FieldEntries, key: string): string {
  const entries = toEntries(fields);
  entries.push(['key', key]);
  entries.sort(([a], [b]) => byteOrder(a, b));
  return entries.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Uppercase MD5 hex of the signing string (protocol note 2.5). */
export function sign(fields: WireFields | FieldEntries, key: string): string {
  return md5Hex(signingString(fields, key)).toUpperCase();
}

/** Constant-time, case-insensitive comparison of two hex signatures. */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toUpperCase(), 'utf8');
  const b = Buffer.from(received.toUpperCase(), 'utf8');
  if (a.length !== b.length) {
    // Compare anyway so that the time taken does not depend on where the inputs differ.
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

export interface Verification {
  valid: boolean;
  /** The sign we computed over the received fields. */
  expected: string;
  /** What was received in `sign` ('' when absent). */
  received: string;
}

/** Verifies over all received non-empty fields except `sign`, never a fixed list (protocol note 2). */
export function verifyDetailed(fields: WireFields | FieldEntries, key: string): Verification {
  const received = Array.isArray(fields)
    ? ((fields as FieldEntries).find(([k]) => k === 'sign')?.[1] ?? '')
    : wireText((fields as WireFields).sign ?? '');
  const expected = sign(fields, key);
  return { valid: received !== '' && signaturesEqual(expected, received), expected, received };
}

export function verify(fields: WireFields | FieldEntries, key: string): boolean {
  return verifyDetailed(fields, key).valid;
}

/** Replaces the key inside a signing string so that it can be printed or logged. */
export function maskKey(text: string, key: string): string {
  if (!key) return text;
  const masked = key.length > 8 ? `${key.slice(0, 4)}****${key.slice(-4)}` : '****';
  return text.split(key).join(masked);
}
