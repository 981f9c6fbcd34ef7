import type { QueryEvent } from './engine';
import { indexName } from './query-plan';

/**
 * Index coverage: every query that comes over the wire is planned; one that no declared index
 * serves (see query-plan.ts) is reported with its collection, the filter's shape, the call site
 * the function host sent along, and the index to declare. Reports are logged and kept in this
 * process, where the test setup (test/support/index-coverage.ts) fails the test file on them.
 */

export interface UnindexedQuery {
  collection: string;
  operation: QueryEvent['operation'];
  /** field -> what the filter asks of it (eq, in, range, $exists...), values left out. */
  shape: Record<string, string>;
  sort?: Record<string, 1 | -1>;
  origin?: string;
  /** The index that would serve it (equality fields, then the sort, then the range). */
  suggestion?: { name: string; keys: Record<string, 1 | -1>; unique: false };
  message: string;
}

export interface CoverageOptions {
  /** Collections bounded by design: their queries need no index. */
  allow?: readonly string[];
  /** Called once per distinct unindexed query (collection, shape, sort, call site). */
  onUnindexed?: (query: UnindexedQuery) => void;
}

const reported: UnindexedQuery[] = [];

/** The unindexed queries reported in this process since the last call (and forgets them). */
export function takeUnindexedQueries(): UnindexedQuery[] {
  return reported.splice(0, reported.length);
}

function describeShape(shape: Record<string, string>): string {
  const fields = Object.entries(shape).map(([field, what]) => `${field}: ${what}`);
  return `{ ${fields.join(', ')} }`;
}

export function formatUnindexed(q: Omit<UnindexedQuery, 'message'>): string {
  const sort = q.sort ? ` sort ${JSON.stringify(q.sort)}` : '';
  const where = q.origin ? ` at ${q.origin}` : '';
  const fix = q.suggestion
    ? `declare { name: '${q.suggestion.name}', keys: ${JSON.stringify(q.suggestion.keys)}, unique: false } in INDEXES.${q.collection} of server/store/collections.ts, then npm run cloudbase:manifest`
    : `give it a filter an index can serve, or list ${q.collection} in UNINDEXED_ALLOWED (server/store/collections.ts) if it is bounded by design`;
  return `unindexed query: ${q.collection}.${q.operation} ${describeShape(q.shape)}${sort}${where} — ${fix}`;
}

/** The listener the database emulator gives its engine. */
export function coverageListener(options: CoverageOptions = {}): (event: QueryEvent) => void {
  const allow = new Set(options.allow ?? []);
  const seen = new Set<string>();
  // By default a report is logged and kept for the test setup; a given handler replaces both.
  const onUnindexed =
    options.onUnindexed ??
    ((q: UnindexedQuery) => {
      reported.push(q);
      process.stderr.write(`[emulator] ${q.message}\n`);
    });
  return (event) => {
    if (event.plan.served || allow.has(event.collection)) return;
    const key = JSON.stringify([
      event.collection,
      event.operation,
      event.plan.shape,
      event.sort,
      event.origin,
    ]);
    if (seen.has(key)) return;
    seen.add(key);
    const keys = event.plan.suggestion;
    const base = {
      collection: event.collection,
      operation: event.operation,
      shape: event.plan.shape,
      sort: event.sort,
      origin: event.origin,
      suggestion: keys ? { name: indexName(keys), keys, unique: false as const } : undefined,
    };
    const query = { ...base, message: formatUnindexed(base) };
    onUnindexed(query);
  };
}
