import type { FieldEntries, WireFields } from './sign';

/**
 * Parses a raw `application/x-www-form-urlencoded` body once (`+` is a space, `%XX` is UTF-8),
 * keeping the received order and every field, as protocol note 2 requires for verification.
 */
export function parseForm(raw: string): Array<[string, string]> {
  return [...new URLSearchParams(raw).entries()];
}

/** Encodes fields as a form body, leaving out absent and empty values (they are not signed either). */
export function encodeForm(fields: WireFields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(name, String(value));
  }
  return params.toString();
}

/** Turns parsed entries into a plain object; a repeated name keeps its first value. */
export function entriesToObject(entries: FieldEntries): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of entries) if (!(name in out)) out[name] = value;
  return out;
}

/**
 * Turns a parsed JSON body into signable entries: strings as they are, numbers and booleans as
 * their text, objects and arrays (e.g. payinfo, couponList) as their JSON text; null is absent.
 * Our sandbox sends nested values as JSON strings, so this only matters for other peers.
 */
export function jsonToEntries(body: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    out.push([name, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  return out;
}
