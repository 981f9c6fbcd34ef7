import { aggregate as mingoAggregate, find as mingoFind, Query } from 'mingo';
import type { AnyObject } from 'mingo/types';
import { collectionNotExist, DbError, duplicateKey } from './errors';
import { stringifyEjson, parseEjson } from './ejson';
import { docEntries, type KeyPart } from './index-keys';
import { planQuery, type IndexPlan, type QueryPlan } from './query-plan';
import type { SqliteStore, StoredRow } from './sqlite-store';

export type DocId = string | number;
export type Doc = { _id: DocId } & Record<string, unknown>;

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
}

/** One document write: `doc: null` deletes it. */
export interface Change {
  collection: string;
  id: DocId;
  doc: Doc | null;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

/** What the engine tells its listener about each query that came over the wire. */
export interface QueryEvent {
  collection: string;
  operation: 'find' | 'count' | 'update' | 'remove' | 'aggregate';
  criteria: AnyObject;
  sort?: Record<string, 1 | -1>;
  plan: QueryPlan;
  /** Call site the client sent along, if any. */
  origin?: string;
}

interface IndexState {
  spec: IndexSpec;
  table: number;
  fields: string[];
  mixed: boolean;
}

interface CollectionState {
  name: string;
  /** Declared indexes plus the implicit `_id_`. */
  indexes: Map<string, IndexState>;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const ID_INDEX: IndexSpec = { name: '_id_', keys: { _id: 1 }, unique: false };

export function idKey(id: DocId): string {
  return JSON.stringify(id);
}

function describeKey(spec: IndexSpec, entry: KeyPart[], doc: Doc): string {
  const fields = Object.keys(spec.keys).map((field, i) => {
    const value = entry[i]![0] <= 2 ? null : readPath(doc, field);
    return `${field}: ${JSON.stringify(value ?? null)}`;
  });
  return `{ ${fields.join(', ')} }`;
}

function readPath(doc: Record<string, unknown>, dotted: string): unknown {
  let current: unknown = doc;
  for (const part of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function rowDoc(row: StoredRow): Doc {
  return parseEjson(row.body) as Doc;
}

/**
 * The document database. Documents live in SQLite only (nothing is loaded at start); queries
 * are planned over the declared indexes (query-plan.ts), candidates come from the index
 * tables, and mingo checks the whole filter on them, so answers are those of mingo over the
 * collection. All methods are synchronous, so each one is atomic with respect to concurrent
 * requests.
 */
export class DocumentEngine {
  private readonly collections = new Map<string, CollectionState>();
  /** Sequence number of the last write to each document, kept while transactions are open. */
  private readonly versions = new Map<string, number>();
  private seq = 0;
  private ord: number;
  /** Set by the transaction manager: versions matter only while a transaction is open. */
  openTransactions: () => number = () => 1;
  /** Told about every query that came over the wire (index coverage). */
  queryListener?: (event: QueryEvent) => void;

  constructor(
    private readonly store: SqliteStore,
    private readonly autoCreateCollections = false,
  ) {
    for (const row of store.loadCollections()) this.addCollectionState(row.name);
    const unbuilt: Array<{ collection: string; spec: IndexSpec }> = [];
    for (const row of store.loadIndexes()) {
      const state = this.collections.get(row.collection);
      if (!state) continue;
      const parsed = JSON.parse(row.spec) as Omit<IndexSpec, 'name'>;
      const spec = { name: row.name, ...parsed };
      if (row.table === null) unbuilt.push({ collection: row.collection, spec });
      else state.indexes.set(row.name, this.indexState(spec, row.table, row.mixed === 1));
    }
    this.ord = store.maxOrd();
    // A data folder from before index tables: build them once.
    for (const state of this.collections.values()) {
      if (!state.indexes.has(ID_INDEX.name)) this.buildIndex(state, ID_INDEX);
    }
    for (const { collection, spec } of unbuilt) {
      this.buildIndex(this.collections.get(collection)!, spec);
    }
  }

  /** Sequence number of the latest write; transactions use it as their starting point. */
  get currentSeq(): number {
    return this.seq;
  }

  versionOf(collection: string, id: DocId): number {
    return this.versions.get(`${collection}\u0000${idKey(id)}`) ?? 0;
  }

  /** No transaction is open: no write can conflict with one, forget the versions. */
  forgetVersions(): void {
    this.versions.clear();
  }

  listCollections(): string[] {
    return [...this.collections.keys()];
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  createCollection(name: string): void {
    if (!COLLECTION_NAME.test(name)) {
      throw new DbError('INVALID_PARAM', `invalid collection name: ${name}`);
    }
    if (this.collections.has(name)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection already exists: ${name}`);
    }
    this.store.atomically(() => {
      this.store.putCollection(name, Date.now());
      this.addCollectionState(name);
      this.buildIndex(this.collections.get(name)!, ID_INDEX);
    });
  }

  /** Creates the collection unless it exists (seeding and test setup). */
  ensureCollection(name: string): void {
    if (!this.collections.has(name)) this.createCollection(name);
  }

  /** Creates an index; creating the same index again is a no-op, as in MongoDB. */
  createIndex(collection: string, spec: IndexSpec): void {
    const state = this.collectionFor(collection, true);
    const existing = state.indexes.get(spec.name);
    if (existing) {
      if (JSON.stringify(existing.spec) === JSON.stringify(spec)) return;
      throw new DbError('INVALID_PARAM', `index ${spec.name} exists with different options`);
    }
    if (Object.keys(spec.keys).length === 0) {
      throw new DbError('INVALID_PARAM', 'an index needs at least one key');
    }
    this.store.atomically(() => this.buildIndex(state, spec));
  }

  listIndexes(collection: string): IndexSpec[] {
    return [...this.collectionFor(collection, false).indexes.values()]
      .filter((index) => index.spec.name !== ID_INDEX.name)
      .map((index) => index.spec);
  }

  /** A copy of one document, or undefined. */
  get(collection: string, id: DocId): Doc | undefined {
    return this.peek(collection, id);
  }

  /** The plan of a query (which index answers it, and whether a declared one does). */
  explain(collection: string, criteria: AnyObject, sort?: Record<string, 1 | -1>): QueryPlan {
    const state = this.readableCollection(collection);
    if (!state) return planQuery(criteria, sort, []);
    return this.plan(state, criteria, sort);
  }

  find(
    collection: string,
    criteria: AnyObject,
    options: FindOptions = {},
    origin?: { origin?: string },
  ): Doc[] {
    const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : undefined;
    const projection =
      options.projection && Object.keys(options.projection).length > 0
        ? options.projection
        : undefined;
    const state = this.readableCollection(collection);
    if (!state) return [];
    const plan = this.plan(state, criteria, sort);
    if (origin) this.tell({ collection, operation: 'find', criteria, sort, plan, ...origin });
    const query = new Query(criteria);
    let docs: Doc[];
    const skip = options.skip ?? 0;
    const limit = options.limit ?? Infinity;
    if (!sort || plan.plan?.sortServed) {
      // Candidates come out in the answer's order: stop at the limit.
      docs = [];
      let skipped = 0;
      for (const doc of this.ordered(state, criteria, plan, sort !== undefined)) {
        if (docs.length >= limit) break;
        if (!query.test(doc)) continue;
        if (skipped < skip) skipped += 1;
        else docs.push(doc);
      }
    } else {
      const matching = this.matching(state, criteria, plan, query);
      let cursor = mingoFind(matching, {}).sort(sort);
      if (skip) cursor = cursor.skip(skip);
      if (limit !== Infinity) cursor = cursor.limit(limit);
      docs = cursor.all() as Doc[];
    }
    if (!projection) return docs;
    return mingoFind(docs, {}, projection).all() as Doc[];
  }

  count(collection: string, criteria: AnyObject, origin?: { origin?: string }): number {
    const state = this.readableCollection(collection);
    if (!state) return 0;
    const plan = this.plan(state, criteria, undefined);
    if (origin) this.tell({ collection, operation: 'count', criteria, plan, ...origin });
    if (!plan.plan && Object.keys(criteria).length === 0) return this.store.countAll(collection);
    const query = new Query(criteria);
    let n = 0;
    for (const doc of this.candidates(state, plan)) if (query.test(doc)) n += 1;
    return n;
  }

  /** Ids of the matching documents in natural order, at most `limit` of them. */
  matchIds(
    collection: string,
    criteria: AnyObject,
    limit = Infinity,
    origin?: { origin?: string; operation: 'update' | 'remove' },
  ): DocId[] {
    const state = this.readableCollection(collection);
    if (!state) return [];
    const plan = this.plan(state, criteria, undefined);
    if (origin) this.tell({ collection, criteria, plan, ...origin });
    const query = new Query(criteria);
    const ids: DocId[] = [];
    for (const doc of this.ordered(state, criteria, plan, false)) {
      if (ids.length >= limit) break;
      if (query.test(doc)) ids.push(doc._id);
    }
    return ids;
  }

  aggregate(collection: string, pipeline: AnyObject[], origin?: { origin?: string }): AnyObject[] {
    const state = this.readableCollection(collection);
    // A leading $match narrows the input through the indexes.
    const first = pipeline[0];
    const match =
      first && '$match' in first && typeof first.$match === 'object'
        ? (first.$match as AnyObject)
        : {};
    let docs: Doc[] = [];
    if (state) {
      const plan = this.plan(state, match, undefined);
      if (origin) {
        this.tell({ collection, operation: 'aggregate', criteria: match, plan, ...origin });
      }
      docs = this.matching(state, match, plan, new Query(match));
    }
    return mingoAggregate(docs, pipeline, {
      collectionResolver: (name: string) => {
        const other = this.readableCollection(name);
        return other ? [...this.store.scan(name)].map(rowDoc) : [];
      },
    });
  }

  /**
   * Applies writes atomically: documents and index entries change in one SQLite transaction,
   * unique indexes are checked as each change lands, and any failure rolls all of it back.
   */
  applyBatch(changes: Change[]): void {
    if (changes.length === 0) return;
    const mixedNow: Array<{ collection: string; index: IndexState }> = [];
    try {
      this.store.atomically(() => {
        for (const change of changes) {
          const state = this.collectionFor(change.collection, true);
          this.write(state, change, mixedNow);
        }
      });
    } catch (err) {
      for (const { index } of mixedNow) index.mixed = false;
      throw err;
    }
    for (const { collection, index } of mixedNow) this.store.setMixed(collection, index.spec.name);
    this.seq += 1;
    if (this.openTransactions() > 0) {
      for (const change of changes) {
        this.versions.set(`${change.collection}\u0000${idKey(change.id)}`, this.seq);
      }
    }
  }

  /** The document (a fresh copy every time), or undefined. */
  peek(collection: string, id: DocId): Doc | undefined {
    const state = this.readableCollection(collection);
    if (!state) return undefined;
    const row = this.store.getDocument(collection, idKey(id));
    return row && rowDoc(row);
  }

  // --- internals -------------------------------------------------------------------------

  private tell(event: QueryEvent): void {
    this.queryListener?.(event);
  }

  private indexState(spec: IndexSpec, table: number, mixed: boolean): IndexState {
    return { spec, table, fields: Object.keys(spec.keys), mixed };
  }

  private addCollectionState(name: string): void {
    this.collections.set(name, { name, indexes: new Map() });
  }

  /** Creates an index's table and fills it from the documents already there. */
  private buildIndex(state: CollectionState, spec: IndexSpec): void {
    const table = this.store.createIndexTable(
      state.name,
      spec.name,
      JSON.stringify({ keys: spec.keys, unique: spec.unique }),
      Object.values(spec.keys),
    );
    const index = this.indexState(spec, table, false);
    const rows = [...this.store.scan(state.name)];
    const mixedNow: Array<{ collection: string; index: IndexState }> = [];
    for (const row of rows)
      this.addEntries(state, index, row.idKey, row.ord, rowDoc(row), mixedNow);
    if (index.mixed) this.store.setMixed(state.name, spec.name);
    state.indexes.set(spec.name, index);
  }

  private addEntries(
    state: CollectionState,
    index: IndexState,
    key: string,
    ord: number,
    doc: Doc,
    mixedNow: Array<{ collection: string; index: IndexState }>,
  ): void {
    const { entries, mixed } = docEntries(doc, index.fields, index.spec.unique);
    if (mixed && !index.mixed) {
      index.mixed = true;
      mixedNow.push({ collection: state.name, index });
    }
    if (index.spec.unique) {
      for (const entry of entries) {
        const probe = entry.map(([tag, value]): KeyPart => (tag === 1 ? [2, null] : [tag, value]));
        if (this.store.uniqueOwner(index.table, probe, key) !== undefined) {
          throw duplicateKey(state.name, index.spec.name, describeKey(index.spec, entry, doc));
        }
      }
    }
    this.store.putEntries(index.table, index.fields.length, key, ord, entries);
  }

  private write(
    state: CollectionState,
    change: Change,
    mixedNow: Array<{ collection: string; index: IndexState }>,
  ): void {
    const key = idKey(change.id);
    const before = this.store.getDocument(state.name, key);
    for (const index of state.indexes.values()) this.store.deleteEntries(index.table, key);
    if (!change.doc) {
      if (before) this.store.deleteDocument(state.name, key);
      return;
    }
    const ord = before?.ord ?? ++this.ord;
    this.store.putDocument(state.name, key, ord, stringifyEjson(change.doc));
    for (const index of state.indexes.values()) {
      this.addEntries(state, index, key, ord, change.doc, mixedNow);
    }
  }

  private collectionFor(name: string, forWrite: boolean): CollectionState {
    let state = this.collections.get(name);
    if (!state && forWrite && this.autoCreateCollections) {
      this.createCollection(name);
      state = this.collections.get(name);
    }
    if (!state) throw collectionNotExist(name);
    return state;
  }

  private readableCollection(name: string): CollectionState | undefined {
    const state = this.collections.get(name);
    if (!state && !this.autoCreateCollections) throw collectionNotExist(name);
    return state;
  }

  private plan(
    state: CollectionState,
    criteria: AnyObject,
    sort: Record<string, 1 | -1> | undefined,
  ): QueryPlan {
    const indexes = [...state.indexes.values()].map((index) => ({
      name: index.spec.name,
      keys: index.spec.keys,
      unique: index.spec.unique,
      mixed: index.mixed,
    }));
    return planQuery(criteria, sort, indexes);
  }

  /** Candidate documents, each once, in no particular order. */
  private *candidates(state: CollectionState, plan: QueryPlan): Generator<Doc> {
    if (!plan.plan) {
      for (const row of this.store.scan(state.name)) yield rowDoc(row);
      return;
    }
    for (const row of this.entryRows(state, plan.plan, false)) yield rowDoc(row);
  }

  /** Matching documents in natural order (the order mingo saw before indexes). */
  private matching(state: CollectionState, criteria: AnyObject, plan: QueryPlan, query: Query) {
    const rows: StoredRow[] = plan.plan
      ? [...this.entryRows(state, plan.plan, false)].sort((a, b) => a.ord - b.ord)
      : [...this.store.scan(state.name)];
    const docs: Doc[] = [];
    for (const row of rows) {
      const doc = rowDoc(row);
      if (query.test(doc)) docs.push(doc);
    }
    return docs;
  }

  /**
   * Candidates in the order the answer needs: the served sort's, else natural order. Streams
   * when the index gives that order, so that a limit stops the scan.
   */
  private *ordered(
    state: CollectionState,
    criteria: AnyObject,
    plan: QueryPlan,
    sorted: boolean,
  ): Generator<Doc> {
    const p = plan.plan;
    if (!p) {
      for (const row of this.store.scan(state.name)) yield rowDoc(row);
      return;
    }
    // Natural order streams only when every key is pinned (entries then go by ord).
    const allPinned =
      p.combos.length === 1 &&
      !p.range &&
      !p.index.mixed &&
      p.pinned === Object.keys(p.index.keys).length;
    if (sorted ? p.sortServed : allPinned) {
      yield* this.entryDocs(state, p, true);
      return;
    }
    const rows = [...this.entryRows(state, p, false)].sort((a, b) => a.ord - b.ord);
    for (const row of rows) yield rowDoc(row);
  }

  private *entryDocs(state: CollectionState, plan: IndexPlan, ordered: boolean): Generator<Doc> {
    for (const row of this.entryRows(state, plan, ordered)) yield rowDoc(row);
  }

  /** Rows of the plan's entries, each document once, read lazily (scans run one at a time). */
  private *entryRows(state: CollectionState, plan: IndexPlan, ordered: boolean) {
    const index = state.indexes.get(plan.index.name)!;
    const seen = new Set<string>();
    const many = plan.combos.length > 1 || index.mixed;
    for (const combo of plan.combos) {
      const rows = this.store.scanEntries(state.name, {
        table: index.table,
        keyCount: index.fields.length,
        directions: Object.values(index.spec.keys),
        pinned: combo,
        range: plan.range,
        ordered,
        reverse: plan.reverse,
      });
      for (const row of rows) {
        if (many) {
          if (seen.has(row.idKey)) continue;
          seen.add(row.idKey);
        }
        yield row;
      }
    }
  }
}
