// Where a value of a JSON file stands, so that a complaint about app.json or a page's json can
// name the line as a compiler does.

/** 1-based line of the first occurrence of `needle` in text, or undefined. */
export function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/** The line of the string `value` written in a JSON text (as a JSON string literal). */
export function lineOfJsonString(text: string, value: string): number | undefined {
  return lineOf(text, JSON.stringify(value));
}

/**
 * The line of the value at `segments` (keys and indexes) in a JSON text: the line of its string
 * literal when it is a string, else of the last key on the way. Undefined when nothing matches.
 */
export function lineOfJsonPath(text: string, segments: (string | number)[]): number | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const s of segments) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string | number, unknown>)[s]
        : undefined;
  }
  if (typeof value === 'string') {
    const line = lineOfJsonString(text, value);
    if (line !== undefined) return line;
  }
  const key = [...segments].reverse().find((s): s is string => typeof s === 'string');
  return key === undefined ? undefined : lineOf(text, `${JSON.stringify(key)}:`);
}

/** `["pages"][16]` (as miniprogram-ci writes a place in a JSON file) to ['pages', 16]. */
export function parseJsonPath(place: string): (string | number)[] {
  return [...place.matchAll(/\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\]/g)].map(([, key, index]) =>
    key !== undefined ? (JSON.parse(`"${key}"`) as string) : Number(index),
  );
}
