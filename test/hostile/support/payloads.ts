import fc from 'fast-check';

/**
 * Hostile values for the HTTP tests of test/hostile: injection-shaped, path-shaped and markup
 * strings, NUL bytes, lone surrogates, odd Unicode, a megabyte of text, numbers as strings, and
 * values of every wrong type. Everything here travels as JSON (as the mini-program's calls do), so
 * NaN and ±Infinity arrive as null: they are listed for what a caller may try, and the raw-text
 * cases of api.test.ts send them as literals too.
 */

export const MEGABYTE = 'x'.repeat(1 << 20);

export const HOSTILE_STRINGS: readonly string[] = [
  '{"$gt":""}',
  "'; DROP TABLE sessions; --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u200b\ufeff',
  '粤\u0301B12345',
  '🚗🅿️',
  '',
  '   ',
  '__proto__',
  'constructor',
  '%00%2e%2e%2f',
  '${7*7}{{7*7}}',
  '123',
  '-1',
  '1e3',
  'NaN',
  'Infinity',
  'true',
  'null',
];

/** Values that are not what any field expects (or are, as a string, a number). */
export const HOSTILE_VALUES: readonly unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  [],
  ['a'],
  [{ $gt: '' }],
  {},
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  -Infinity,
];

/** An own `__proto__` key, as JSON.parse makes it (a spread of a literal would set the prototype). */
const PROTO_KEY: Record<string, unknown> = JSON.parse('{"__proto__":{"isAdmin":true}}');

const LEAVE_OUT = Symbol('leave out');

export interface Mutation {
  /** Says what was done, for the failure message. */
  label: string;
  /** The `data` of the call (undefined: left out). */
  body: unknown;
}

function setAt(body: Record<string, unknown>, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy: Record<string, unknown> = { ...body };
  if (rest.length === 0) copy[head] = value;
  else copy[head] = setAt(body[head] as Record<string, unknown>, rest, value);
  return copy;
}

function dropAt(body: Record<string, unknown>, path: string[]): unknown {
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = { ...body };
  if (head === undefined) return copy;
  if (rest.length === 0) delete copy[head];
  else copy[head] = dropAt(body[head] as Record<string, unknown>, rest);
  return copy;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths of the sample's fields: top level and one level into nested records. */
function fieldPaths(sample: Record<string, unknown>): string[][] {
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(sample)) {
    paths.push([key]);
    if (isRecord(value)) for (const inner of Object.keys(value)) paths.push([key, inner]);
  }
  return paths;
}

const label = (path: string[]) => path.join('.') || '(body)';
const show = (v: unknown) =>
  typeof v === 'string' && v.length > 40 ? `<${v.length} chars>` : (JSON.stringify(v) ?? String(v));

/**
 * The hostile bodies of one route, from a well-formed sample of its input: fixed cases (the
 * whole body of a wrong type, an unknown key, an own `__proto__` key, each top-level field left
 * out and made an operator object, a megabyte once) and a seeded fast-check sample of one field
 * (top level or nested) set to a hostile string or value, or left out.
 */
export function hostileBodies(
  sample: Record<string, unknown>,
  options: { seed: number; numRuns: number },
): Mutation[] {
  const out: Mutation[] = [
    { label: 'body is an array', body: [sample] },
    { label: 'body is a string', body: JSON.stringify(sample) },
    { label: 'body is a number', body: 42 },
    { label: 'body is an operator object', body: { $where: 'return true' } },
    { label: 'unknown key', body: { ...sample, $where: '1' } },
    { label: 'own __proto__ key', body: { ...sample, ...PROTO_KEY } },
  ];
  const paths = fieldPaths(sample);
  // Every top-level field left out and made an operator object; nested ones by the sample below.
  for (const path of paths.filter((p) => p.length === 1)) {
    out.push({ label: `${label(path)} left out`, body: dropAt(sample, path) });
    out.push({ label: `${label(path)} = {$gt:''}`, body: setAt(sample, path, { $gt: '' }) });
  }
  for (const [key, value] of Object.entries(sample)) {
    if (isRecord(value)) {
      out.push({
        label: `own __proto__ key in ${key}`,
        body: { ...sample, [key]: { ...value, ...PROTO_KEY } },
      });
    }
  }
  if (paths[0])
    out.push({ label: `${label(paths[0])} = 1 MB`, body: setAt(sample, paths[0], MEGABYTE) });
  if (paths.length > 0) {
    const mutation = fc
      .tuple(
        fc.constantFrom(...paths),
        fc.oneof(
          fc.constantFrom<unknown>(...HOSTILE_STRINGS),
          fc.constantFrom(...HOSTILE_VALUES),
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.constant<unknown>(LEAVE_OUT),
        ),
      )
      .map(([path, value]) =>
        value === LEAVE_OUT
          ? { label: `${label(path)} left out`, body: dropAt(sample, path) }
          : { label: `${label(path)} = ${show(value)}`, body: setAt(sample, path, value) },
      );
    out.push(...fc.sample(mutation, { seed: options.seed, numRuns: options.numRuns }));
  }
  return out;
}

/** The body as the function receives it: through JSON, as the transport carries it. */
export function overTheWire(body: unknown): unknown {
  const text = JSON.stringify(body);
  return text === undefined ? undefined : JSON.parse(text);
}
