import { aggregate as mingoAggregate, find as mingoFind, Query } from 'mingo';
import type { AnyObject } from 'mingo/types';
import { collectionNotExist, DbError, duplicateKey } from './errors';
import { stringifyEjson, parseEjson } from './ejson';
import type { SqliteStore } from './sqlite-store';

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

interface StoredDoc {
  doc: Doc;
  ord: number;
}

interface CollectionState {
  name: string;
  docs: Map<string, StoredDoc>;
  indexes: Map<string, IndexSpec>;
  /** index name -> unique key -> idKey */
  unique: Map<string, Map<string, string>>;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function idKey(id: DocId): string {
  return JSON.stringify(id);
}

function readPath(doc: Record<string, unknown>, dotted: string): unknown {
  let current: unknown = doc;
  for (const part of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The key a unique index stores for a document; a missing field counts as null, as in MongoDB. */
function uniqueKey(spec: IndexSpec, doc: Doc): string {
  return stringifyEjson(Object.keys(spec.keys).map((field) => readPath(doc, field) ?? null));
}

function describeKey(spec: IndexSpec, key: string): string {
  const values = parseEjson(key) as unknown[];
  const fields = Object.keys(spec.keys).map((field, i) => `${field}: ${JSON.stringify(values[i])}`);
  return `{ ${fields.join(', ')} }`;
}

/**
 * The document database: every collection lives in memory for querying (through mingo) and
 * every write goes through `applyBatch`, which persists it to SQLite in one transaction.
 * All methods are synchronous, so each one is atomic with respect to concurrent requests.
 */
export class DocumentEngine {
  private readonly collections = new Map<string, CollectionState>();
  /** Sequence number of the last write to each document (deletes included). */
  private readonly versions = new Map<string, number>();
  private seq = 0;
  private ord = 0;

  constructor(
    private readonly store: SqliteStore,
    private readonly autoCreateCollections = false,
  ) {
    for (const row of store.loadCollections()) this.addCollectionState(row.name);
    for (const row of store.loadIndexes()) {
      const state = this.collections.get(row.collection);
      if (!state) continue;
      const parsed = JSON.parse(row.spec) as Omit<IndexSpec, 'name'>;
      state.indexes.set(row.name, { name: row.name, ...parsed });
    }
    for (const row of store.loadDocuments()) {
      const state = this.collections.get(row.collection);
      if (!state) continue;
      state.docs.set(row.idKey, { doc: parseEjson(row.body) as Doc, ord: row.ord });
      this.ord = Math.max(this.ord, row.ord);
    }
    for (const state of this.collections.values()) {
      for (const spec of state.indexes.values()) if (spec.unique) this.buildUnique(state, spec);
    }
  }

  /** Sequence number of the latest write; transactions use it as their starting point. */
  get currentSeq(): number {
    return this.seq;
  }

  versionOf(collection: string, id: DocId): number {
    return this.versions.get(`${collection}\u0000${idKey(id)}`) ?? 0;
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
    this.store.putCollection(name, Date.now());
    this.addCollectionState(name);
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
      if (JSON.stringify(existing) === JSON.stringify(spec)) return;
      throw new DbError('INVALID_PARAM', `index ${spec.name} exists with different options`);
    }
    if (Object.keys(spec.keys).length === 0) {
      throw new DbError('INVALID_PARAM', 'an index needs at least one key');
    }
    if (spec.unique) this.buildUnique(state, spec);
    state.indexes.set(spec.name, spec);
    this.store.putIndex(
      collection,
      spec.name,
      JSON.stringify({ keys: spec.keys, unique: spec.unique }),
    );
  }

  listIndexes(collection: string): IndexSpec[] {
    return [...this.collectionFor(collection, false).indexes.values()];
  }

  /** A copy of one document, or undefined. */
  get(collection: string, id: DocId): Doc | undefined {
    const found = this.peek(collection, id);
    return found && structuredClone(found);
  }

  find(collection: string, criteria: AnyObject, options: FindOptions = {}): Doc[] {
    const candidates = this.candidates(collection, criteria);
    const projection =
      options.projection && Object.keys(options.projection).length > 0
        ? options.projection
        : undefined;
    let cursor = mingoFind(candidates, criteria, projection);
    if (options.sort && Object.keys(options.sort).length > 0) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (cursor.all() as Doc[]).map((doc) => structuredClone(doc));
  }

  count(collection: string, criteria: AnyObject): number {
    const query = new Query(criteria);
    return this.candidates(collection, criteria).filter((doc) => query.test(doc)).length;
  }

  /** Ids of the matching documents in natural order, at most `limit` of them. */
  matchIds(collection: string, criteria: AnyObject, limit = Infinity): DocId[] {
    const query = new Query(criteria);
    const ids: DocId[] = [];
    for (const doc of this.candidates(collection, criteria)) {
      if (ids.length >= limit) break;
      if (query.test(doc)) ids.push(doc._id);
    }
    return ids;
  }

  aggregate(collection: string, pipeline: AnyObject[]): AnyObject[] {
    const docs = this.candidates(collection, {});
    const result = mingoAggregate(docs, pipeline, {
      collectionResolver: (name: string) => this.candidates(name, {}),
    });
    return result.map((doc) => structuredClone(doc));
  }

  /**
   * Applies writes atomically: unique indexes are checked as each change lands, and on any
   * failure both memory and SQLite are put back as they were.
   */
  applyBatch(changes: Change[]): void {
    if (changes.length === 0) return;
    const undo: Array<{ state: CollectionState; key: string; before: StoredDoc | undefined }> = [];
    try {
      this.store.atomically(() => {
        for (const change of changes) {
          const state = this.collectionFor(change.collection, true);
          const key = idKey(change.id);
          const before = state.docs.get(key);
          undo.push({ state, key, before });
          this.replaceInMemory(state, key, before, change.doc);
          if (change.doc) {
            const stored = state.docs.get(key)!;
            this.store.putDocument(state.name, key, stored.ord, stringifyEjson(change.doc));
          } else if (before) {
            this.store.deleteDocument(state.name, key);
          }
        }
      });
    } catch (err) {
      for (const step of undo.reverse()) {
        const current = step.state.docs.get(step.key);
        this.replaceInMemory(step.state, step.key, current, step.before?.doc ?? null, step.before);
      }
      throw err;
    }
    this.seq += 1;
    for (const change of changes) {
      this.versions.set(`${change.collection}\u0000${idKey(change.id)}`, this.seq);
    }
  }

  // --- internals -------------------------------------------------------------------------

  private addCollectionState(name: string): void {
    this.collections.set(name, { name, docs: new Map(), indexes: new Map(), unique: new Map() });
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

  /** Internal reference: callers must not mutate it. */
  peek(collection: string, id: DocId): Doc | undefined {
    const state = this.readableCollection(collection);
    return state?.docs.get(idKey(id))?.doc;
  }

  private readableCollection(name: string): CollectionState | undefined {
    const state = this.collections.get(name);
    if (!state && !this.autoCreateCollections) throw collectionNotExist(name);
    return state;
  }

  /** Documents that may match: a lookup when the query pins `_id`, else the whole collection. */
  private candidates(collection: string, criteria: AnyObject): Doc[] {
    const state = this.readableCollection(collection);
    if (!state) return [];
    const id = criteria._id;
    if (typeof id === 'string' || typeof id === 'number') {
      const found = state.docs.get(idKey(id));
      return found ? [found.doc] : [];
    }
    return [...state.docs.values()].map((stored) => stored.doc);
  }

  private buildUnique(state: CollectionState, spec: IndexSpec): void {
    const map = new Map<string, string>();
    for (const [key, stored] of state.docs) {
      const value = uniqueKey(spec, stored.doc);
      if (map.has(value)) throw duplicateKey(state.name, spec.name, describeKey(spec, value));
      map.set(value, key);
    }
    state.unique.set(spec.name, map);
  }

  private replaceInMemory(
    state: CollectionState,
    key: string,
    before: StoredDoc | undefined,
    doc: Doc | null,
    restore?: StoredDoc,
  ): void {
    const uniques = [...state.indexes.values()].filter((spec) => spec.unique);
    if (doc) {
      for (const spec of uniques) {
        const owner = state.unique.get(spec.name)!.get(uniqueKey(spec, doc));
        if (owner !== undefined && owner !== key) {
          throw duplicateKey(state.name, spec.name, describeKey(spec, uniqueKey(spec, doc)));
        }
      }
    }
    if (before) {
      for (const spec of uniques) state.unique.get(spec.name)!.delete(uniqueKey(spec, before.doc));
    }
    if (doc) {
      const stored = restore ?? { doc, ord: before?.ord ?? ++this.ord };
      state.docs.set(key, stored);
      for (const spec of uniques) state.unique.get(spec.name)!.set(uniqueKey(spec, doc), key);
    } else {
      state.docs.delete(key);
    }
  }
}
