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
