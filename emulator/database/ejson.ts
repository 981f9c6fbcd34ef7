import { BSONRegExp, EJSON } from 'bson';

/**
 * The SDK sends documents, queries and updates as EJSON strings (canonical mode) and parses
 * the `list` items we return with `EJSON.parse`. We work on native JS values in between.
 */
export function parseEjson(text: string): unknown {
  return EJSON.parse(text, { relaxed: true });
}

export function stringifyEjson(value: unknown): string {
  return EJSON.stringify(value as Parameters<typeof EJSON.stringify>[0], { relaxed: true });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** BSON regex options that JavaScript understands ('x' has no equivalent and is dropped). */
function toJsRegExp(re: BSONRegExp): RegExp {
  const flags = [...new Set(re.options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
  return new RegExp(re.pattern, flags);
}

/**
 * Replaces the SDK's placeholders with real values: `db.serverDate({ offset })` arrives as
 * `{ $tcb_server_date: { offset } }` and becomes the server's clock; BSON regexes become RegExp
 * so that the query engine can evaluate them.
 */
export function resolveSpecialValues(value: unknown, now: number): unknown {
  if (value instanceof BSONRegExp) return toJsRegExp(value);
  if (Array.isArray(value)) return value.map((item) => resolveSpecialValues(item, now));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date;
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = resolveSpecialValues(value[key], now);
  return out;
}

/** Parses an EJSON field of a request and resolves its placeholders. */
export function decodeField(text: string, now: number): unknown {
  return resolveSpecialValues(parseEjson(text), now);
}
