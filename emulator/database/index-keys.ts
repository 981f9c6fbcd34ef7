/**
 * How values become index entries: each key is two SQLite columns, a type tag and a value, so
 * that SQLite orders entries as mingo sorts values (type first, mingo's SORT_ORDER, then the
 * value). Only the types that order natively in SQLite carry a value; an object or array key
 * makes the index "mixed" (it can no longer serve sorts, and a unique one no longer serves
 * queries).
 */

export const TAG = {
  missing: 1,
  null: 2,
  number: 3,
  string: 4,
  object: 6,
  array: 7,
  boolean: 9,
  date: 10,
  other: 12,
} as const;

/** One key of an entry: [tag, value]. */
export type KeyPart = [tag: number, value: number | string | null];

/** A condition value the index can look up, or undefined (a regex, an object, an array...). */
export function encodeScalar(value: unknown): KeyPart | undefined {
  if (value === null) return [TAG.null, null];
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : [TAG.number, value];
  if (typeof value === 'string') return [TAG.string, value];
  if (typeof value === 'boolean') return [TAG.boolean, value ? 1 : 0];
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : [TAG.date, ms];
  }
  return undefined;
}

function encodeStored(value: unknown): { part: KeyPart; mixed: boolean } {
  if (value === undefined) return { part: [TAG.missing, null], mixed: false };
  const scalar = encodeScalar(value);
  if (scalar) return { part: scalar, mixed: false };
  if (Array.isArray(value)) return { part: [TAG.array, JSON.stringify(value)], mixed: true };
  if (value !== null && typeof value === 'object') {
    return { part: [TAG.object, JSON.stringify(value)], mixed: true };
  }
  return { part: [TAG.other, String(value)], mixed: true };
}

/**
 * The values a dotted path reaches in a document, through arrays as mingo does (`calls.id`
 * reaches the id of every call; a leaf array contributes each element).
 */
export function valuesAt(doc: unknown, path: string[], expandArrays: boolean): unknown[] {
  let current: unknown[] = [doc];
  for (const part of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value) && expandArrays) {
        for (const item of value) {
          if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
            const v = (item as Record<string, unknown>)[part];
            if (v !== undefined) next.push(v);
          }
        }
        // A numeric part also addresses an element.
        if (/^\d+$/.test(part) && Number(part) < value.length) next.push(value[Number(part)]);
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const v = (value as Record<string, unknown>)[part];
        if (v !== undefined) next.push(v);
      }
    }
    current = next;
  }
  if (!expandArrays) return current.length > 0 ? current : [undefined];
  const leaves: unknown[] = [];
  for (const value of current) {
    if (Array.isArray(value)) {
      leaves.push(...value);
      // mingo also matches the array as a whole: keep it when empty so the doc stays indexed
      if (value.length === 0) leaves.push(value);
    } else leaves.push(value);
  }
  return leaves.length > 0 ? leaves : [undefined];
}

export interface DocEntries {
  /** Every key combination of the document (several when a key reaches an array). */
  entries: KeyPart[][];
  /** An array or object was met in a key. */
  mixed: boolean;
}

/**
 * The entries of a document in an index. A unique index keeps whole values (arrays are not
 * expanded, as before); a plain index expands arrays into one entry per element (multikey).
 */
export function docEntries(doc: unknown, fields: string[], unique: boolean): DocEntries {
  let mixed = false;
  let combos: KeyPart[][] = [[]];
  for (const field of fields) {
    const path = field.split('.');
    const raw = valuesAt(doc, path, !unique);
    if (raw.length > 1) mixed = true;
    const parts: KeyPart[] = [];
    const seen = new Set<string>();
    for (const value of raw) {
      const encoded = encodeStored(unique && value === undefined ? null : value);
      if (encoded.mixed) mixed = true;
      const key = JSON.stringify(encoded.part);
      if (seen.has(key)) continue;
      seen.add(key);
      parts.push(encoded.part);
    }
    const next: KeyPart[][] = [];
    for (const combo of combos) for (const part of parts) next.push([...combo, part]);
    combos = next;
  }
  return { entries: combos, mixed };
}
