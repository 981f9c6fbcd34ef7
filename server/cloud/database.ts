import type { CollectionName } from '../store/collections';
import { isDuplicateKey, toDatabaseError } from './errors';

/**
 * A typed face of wx-server-sdk's database. The SDK's typings declare results as
 * `Result | void | string` (callback overloads), so every call goes through here, with one cast
 * at the boundary. Documents carry our own string `_id`; times are unix seconds (no Dates).
 */

/** The query and update commands the backend uses (`db.command`), typed loosely on purpose. */
export interface Commands {
  eq(value: unknown): unknown;
  neq(value: unknown): unknown;
  in(values: readonly unknown[]): unknown;
  nin(values: readonly unknown[]): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  exists(present: boolean): unknown;
  and(...conditions: unknown[]): unknown;
  or(conditions: unknown[]): unknown;
  /** Update: replace the field with exactly this value (objects are not merged). */
  set(value: unknown): unknown;
  /** Update: delete the field. */
  remove(): unknown;
  inc(by: number): unknown;
}

export type Query = Record<string, unknown> | unknown;
export type Patch = Record<string, unknown>;

export interface FindOptions {
  orderBy?: ReadonlyArray<readonly [field: string, direction: 'asc' | 'desc']>;
  /** At most 1000 (the platform's limit); default 100. */
  limit?: number;
  skip?: number;
  /** Projection: `{ field: true }`. */
  fields?: Record<string, boolean>;
}

export interface Collection<T extends { _id: string }> {
  readonly name: CollectionName;
  /** The document, or undefined when there is none (no exception for a missing id). */
  get(id: string): Promise<T | undefined>;
  find(query: Query, options?: FindOptions): Promise<T[]>;
  count(query: Query): Promise<number>;
  /** 'duplicate' when a document with this `_id` (or unique key) exists: inserts double as locks. */
  insert(doc: T): Promise<'inserted' | 'duplicate'>;
  /** Documents changed (0 when none matched or nothing changed). */
  updateWhere(query: Query, patch: Patch): Promise<number>;
  /** Replaces (or creates) the document with this id. */
  set(id: string, doc: Omit<T, '_id'>): Promise<void>;
  removeWhere(query: Query): Promise<number>;
}

export interface Database {
  collection<T extends { _id: string }>(name: CollectionName): Collection<T>;
  readonly cmd: Commands;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK boundary is untyped */
type Loose = any;

const MAX_LIMIT = 1000;

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

function collectionOf<T extends { _id: string }>(raw: Loose, name: CollectionName): Collection<T> {
  const coll = () => raw.collection(name);
  const run = async <R>(operation: string, task: () => Promise<R>): Promise<R> => {
    try {
      return await task();
    } catch (error) {
      throw toDatabaseError(`${name}.${operation}`, error);
    }
  };
  return {
    name,
    get: (id) =>
      run('get', async () => {
        const res = await coll().where({ _id: id }).limit(1).get();
        return (res.data as T[])[0];
      }),
    find: (query, options = {}) =>
      run('find', async () => {
        let q: Loose = coll().where(query);
        for (const [field, direction] of options.orderBy ?? []) q = q.orderBy(field, direction);
        if (options.skip) q = q.skip(options.skip);
        q = q.limit(Math.min(options.limit ?? 100, MAX_LIMIT));
        if (options.fields) q = q.field(options.fields);
        const res = await q.get();
        return res.data as T[];
      }),
    count: (query) =>
      run('count', async () => {
        const res = await coll().where(query).count();
        return Number(res.total);
      }),
    insert: async (doc) => {
      try {
        await coll().add({ data: doc });
        return 'inserted';
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw toDatabaseError(`${name}.insert`, error);
      }
    },
    updateWhere: (query, patch) =>
      run('update', async () => {
        const res = await coll().where(query).update({ data: patch });
        return Number(res?.stats?.updated ?? 0);
      }),
    set: (id, doc) =>
      run('set', async () => {
        await coll()
          .doc(id)
          .set({ data: withoutId({ ...doc, _id: id } as T) });
      }),
    removeWhere: (query) =>
      run('remove', async () => {
        const res = await coll().where(query).remove();
        return Number(res?.stats?.removed ?? 0);
      }),
  };
}

/** Wraps the SDK's `cloud.database()` object. */
export function wrapDatabase(raw: unknown): Database {
  const db = raw as Loose;
  return {
    collection: <T extends { _id: string }>(name: CollectionName) => collectionOf<T>(db, name),
    cmd: db.command as Commands,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
