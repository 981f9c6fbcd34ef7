import { encodeScalar, type KeyPart } from './index-keys';

/**
 * Which index answers a query, and how: the planner is pure (no storage), so that the engine
 * and the coverage report agree. A query is answered from the index with the longest prefix of
 * keys pinned by equality or `$in`, then at most one range on the next key; the sort is served
 * when the remaining keys (or all of them reversed) are the sort's. Whatever the index does not
 * decide is checked by mingo on the candidates.
 */

export interface PlannableIndex {
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
  /** An array or object was stored in a key (no sorts from it; a unique one serves nothing). */
  mixed: boolean;
}

export interface Range {
  tag: number;
  lower?: { value: number | string; inclusive: boolean };
  upper?: { value: number | string; inclusive: boolean };
}

export interface IndexPlan {
  index: PlannableIndex;
  /** Each combination of the pinned keys' values (the product of the `$in` lists). */
  combos: KeyPart[][];
  /** How many leading keys the combinations pin. */
  pinned: number;
  /** A range on the key after the pinned ones. */
  range?: Range;
  /** Entries come out in the query's sort order (scan backward when `reverse`). */
  sortServed: boolean;
  reverse: boolean;
}

export interface QueryPlan {
  /** undefined: scan the collection in natural order. */
  plan?: IndexPlan;
  /** A declared index narrows the filter (or serves the sort of an empty filter). */
  served: boolean;
  /** The sort is done on the candidates in memory. */
  sortInMemory: boolean;
  /** The filter's shape: field -> what is asked of it (values left out). */
  shape: Record<string, string>;
  /** The index to declare when not served (equality fields, then sort, then range). */
  suggestion?: Record<string, 1 | -1>;
}

interface FieldConditions {
  eq?: KeyPart[];
  range?: Range;
  other: string[];
}

const MAX_COMBOS = 256;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function addRange(target: FieldConditions, op: string, value: unknown): boolean {
  const part = encodeScalar(value);
  if (!part || part[1] === null || (part[0] !== 3 && part[0] !== 4 && part[0] !== 10)) return false;
  const range = target.range ?? { tag: part[0] };
  if (range.tag !== part[0]) return false;
  const bound = { value: part[1], inclusive: op === '$gte' || op === '$lte' };
  if (op === '$gt' || op === '$gte') {
    if (!range.lower || bound.value > range.lower.value) range.lower = bound;
  } else if (!range.upper || bound.value < range.upper.value) range.upper = bound;
  target.range = range;
  return true;
}

function collect(criteria: Record<string, unknown>, out: Map<string, FieldConditions>): void {
  for (const [key, condition] of Object.entries(criteria)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collect(part, out);
      continue;
    }
    if (key.startsWith('$')) {
      const target = out.get(key) ?? { other: [] };
      target.other.push(key);
      out.set(key, target);
      continue;
    }
    const target = out.get(key) ?? { other: [] };
    out.set(key, target);
    const scalar = encodeScalar(condition);
    if (scalar) {
      target.eq = [scalar];
      continue;
    }
    if (!isPlainObject(condition) || !Object.keys(condition).every((k) => k.startsWith('$'))) {
      target.other.push(Array.isArray(condition) ? 'array' : 'value');
      continue;
    }
    for (const [op, value] of Object.entries(condition)) {
      if (op === '$eq' && encodeScalar(value)) target.eq = [encodeScalar(value)!];
      else if (op === '$in' && Array.isArray(value) && value.every((v) => encodeScalar(v))) {
        target.eq = value.map((v) => encodeScalar(v)!);
      } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
        if (!addRange(target, op, value)) target.other.push(op);
      } else target.other.push(op);
    }
  }
}

/** `null` matches a missing field too. */
function expandNull(parts: KeyPart[]): KeyPart[] {
  const out: KeyPart[] = [];
  for (const part of parts) {
    if (part[0] === 2) out.push([1, null]);
    out.push(part);
  }
  return out;
}

function describe(conditions: FieldConditions): string {
  const parts: string[] = [];
  if (conditions.eq) parts.push(conditions.eq.length === 1 ? 'eq' : 'in');
  if (conditions.range) parts.push('range');
  parts.push(...conditions.other);
  return parts.join('+');
}

interface Candidate {
  plan: IndexPlan;
  score: number;
}

function planFor(
  index: PlannableIndex,
  fields: Map<string, FieldConditions>,
  sort: Array<[string, 1 | -1]>,
): Candidate | undefined {
  if (index.unique && index.mixed) return undefined;
  const keys = Object.entries(index.keys);
  let combos: KeyPart[][] = [[]];
  let pinned = 0;
  for (const [field] of keys) {
    const eq = fields.get(field)?.eq;
    if (!eq) break;
    const parts = expandNull(eq);
    if (combos.length * parts.length > MAX_COMBOS) break;
    const next: KeyPart[][] = [];
    for (const combo of combos) for (const part of parts) next.push([...combo, part]);
    combos = next;
    pinned += 1;
  }
  let range: Range | undefined;
  if (pinned < keys.length) range = fields.get(keys[pinned]![0])?.range;
  // On a multikey index two bounds may be met by different elements: keep the lower one only.
  if (range && index.mixed && range.lower && range.upper) range = { ...range, upper: undefined };
  // The sort is served when, after the pinned keys, the index continues with the sort's keys.
  let sortServed = false;
  let reverse = false;
  if (sort.length > 0 && !index.mixed && combos.length <= 1) {
    const rest = keys.slice(pinned);
    // Sort keys that are pinned themselves do not change the order.
    const needed = sort.filter(([field]) => !keys.slice(0, pinned).some(([k]) => k === field));
    if (needed.length === 0) sortServed = true;
    else if (needed.length <= rest.length) {
      const same = needed.every(([f, d], i) => rest[i]![0] === f && rest[i]![1] === d);
      const reversed = needed.every(([f, d], i) => rest[i]![0] === f && rest[i]![1] === -d);
      sortServed = same || reversed;
      reverse = !same && reversed;
    }
  }
  if (pinned === 0 && !range && !sortServed) return undefined;
  const score = pinned * 4 + (range ? 2 : 0) + (sortServed ? 1 : 0);
  return { plan: { index, combos, pinned, range, sortServed, reverse }, score };
}

/** Plans a query over the collection's indexes (the implicit `_id_` index included). */
export function planQuery(
  criteria: Record<string, unknown>,
  sortSpec: Record<string, 1 | -1> | undefined,
  indexes: PlannableIndex[],
): QueryPlan {
  const fields = new Map<string, FieldConditions>();
  collect(criteria, fields);
  const sort = Object.entries(sortSpec ?? {});
  const shape: Record<string, string> = {};
  for (const [field, conditions] of fields) shape[field] = describe(conditions);

  const filterEmpty = fields.size === 0;
  const servedBy = (plan: IndexPlan): boolean => {
    const narrows = plan.pinned > 0 || plan.range !== undefined;
    // A sort the index cannot give is done in memory: acceptable on candidates that `$in`
    // split into pinned combinations, or that a range bounds (a period, a due time).
    const sortOk =
      sort.length === 0 || plan.sortServed || plan.combos.length > 1 || plan.range !== undefined;
    return (narrows && sortOk) || (filterEmpty && plan.sortServed);
  };
  let best: (Candidate & { served: boolean }) | undefined;
  for (const index of indexes) {
    const found = planFor(index, fields, sort);
    if (!found) continue;
    const candidate = { ...found, served: servedBy(found.plan) };
    const better =
      !best ||
      (candidate.served && !best.served) ||
      (candidate.served === best.served &&
        (candidate.score > best.score ||
          (candidate.score === best.score &&
            Object.keys(candidate.plan.index.keys).length <
              Object.keys(best.plan.index.keys).length)));
    if (better) best = candidate;
  }
  const plan = best?.plan;
  const sortInMemory = sort.length > 0 && !plan?.sortServed;
  const served = best?.served ?? false;
  let suggestion: Record<string, 1 | -1> | undefined;
  if (!served) {
    suggestion = {};
    const eqFields = [...fields].filter(([, c]) => c.eq).map(([f]) => f);
    for (const field of eqFields) suggestion[field] = 1;
    for (const [field, direction] of sort)
      if (!(field in suggestion)) suggestion[field] = direction;
    for (const [field, c] of fields) if (c.range && !(field in suggestion)) suggestion[field] = 1;
    if (Object.keys(suggestion).length === 0) suggestion = undefined;
  }
  return { plan, served, sortInMemory, shape, suggestion };
}

export function indexName(keys: Record<string, 1 | -1>): string {
  return Object.entries(keys)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}
