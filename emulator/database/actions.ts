import type { AnyObject } from 'mingo/types';
import { z } from 'zod';
import { decodeField, isPlainObject, stringifyEjson } from './ejson';
import { DbError } from './errors';
import type { DocumentEngine, Doc, DocId, Change } from './engine';
import type { TransactionManager } from './transactions';
import { mergeUpdate, newDocId, replaceDocument, upsertDocument } from './update';
import * as p from './protocol';

/** What an action puts in the response envelope next to `requestId`. */
export type ActionResult = Record<string, unknown>;

const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

function parse<T extends z.ZodType>(schema: T, params: unknown): z.infer<T> {
  const result = schema.safeParse(params);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DbError('INVALID_PARAM', `${issue?.path.join('.') || 'params'}: ${issue?.message}`);
  }
  return result.data;
}

function decodeObject(text: string | undefined, what: string, now: number): AnyObject {
  if (text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = decodeField(text, now);
  } catch {
    throw new DbError('INVALID_PARAM', `${what} is not valid EJSON`);
  }
  if (!isPlainObject(value)) throw new DbError('INVALID_PARAM', `${what} must be an object`);
  return value;
}

function decodeOrder(text: string | undefined, now: number): Record<string, 1 | -1> | undefined {
  const order = decodeObject(text, 'order', now);
  for (const [field, direction] of Object.entries(order)) {
    if (direction !== 1 && direction !== -1) {
      throw new DbError('INVALID_PARAM', `order of ${field} must be 1 or -1`);
    }
  }
  return order as Record<string, 1 | -1>;
}

/** Transactions allow single-document operations only, as on CloudBase. */
function docIdOf(query: AnyObject): DocId {
  const id = query._id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new DbError(
      'DATABASE_REQUEST_FAILED',
      'only single-document operations (doc(id)) are allowed in a transaction',
    );
  }
  return id;
}

function sameDoc(a: Doc | null | undefined, b: Doc | null | undefined): boolean {
  return stringifyEjson(a ?? null) === stringifyEjson(b ?? null);
}

/** The database actions of the CloudBase wire protocol, on top of the engine. */
export class DatabaseActions {
  private origin: { origin?: string } = {};

  constructor(
    private readonly engine: DocumentEngine,
    private readonly transactions: TransactionManager,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `origin`: the call site the function host sent along (index coverage reports). */
  handle(action: string, params: unknown, origin?: string): ActionResult {
    this.origin = { origin };
    switch (action) {
      case 'database.insertDocument':
        return this.insert(parse(p.insertParams, params));
      case 'database.getDocument':
        return this.get(parse(p.getParams, params));
      case 'database.calculateDocument':
        return this.count(parse(p.countParams, params));
      case 'database.modifyDocument':
        return this.modify(parse(p.modifyParams, params), false);
      case 'database.modifyAndReturnDoc':
        return this.modify(parse(p.modifyParams, params), true);
      case 'database.removeDocument':
        return this.remove(parse(p.removeParams, params));
      case 'database.aggregateDocuments':
        return this.aggregate(parse(p.aggregateParams, params));
      case 'database.addCollection':
        this.engine.createCollection(parse(p.addCollectionParams, params).collectionName);
        return {};
      case 'database.startTransaction':
        return { transactionId: this.transactions.start() };
      case 'database.commitTransaction':
        this.transactions.commit(parse(p.transactionParams, params).transactionId);
        return {};
      case 'database.abortTransaction':
        this.transactions.abort(parse(p.transactionParams, params).transactionId);
        return {};
      default:
        throw new DbError('INVALID_PARAM', `action not supported by the emulator: ${action}`);
    }
  }

  private insert(params: z.infer<typeof p.insertParams>): ActionResult {
    const now = this.clock();
    const docs = params.data.map((text) => {
      const doc = decodeObject(text, 'data', now);
      const id = doc._id ?? newDocId();
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw new DbError('INVALID_PARAM', '_id must be a string or a number');
      }
      return { ...doc, _id: id } as Doc;
    });
    if (params.transactionId) {
      for (const doc of docs) {
        this.transactions.write(params.transactionId, params.collectionName, doc._id, (cur) => {
          if (cur) throw this.duplicateId(params.collectionName, doc._id);
          return doc;
        });
      }
    } else {
      for (const doc of docs) {
        if (this.engine.peek(params.collectionName, doc._id)) {
          throw this.duplicateId(params.collectionName, doc._id);
        }
      }
      this.engine.applyBatch(
        docs.map((doc) => ({ collection: params.collectionName, id: doc._id, doc })),
      );
    }
    return { data: { insertedIds: docs.map((doc) => doc._id) } };
  }

  private get(params: z.infer<typeof p.getParams>): ActionResult {
    const now = this.clock();
    const query = decodeObject(params.query, 'query', now);
    if (params.transactionId) {
      const doc = this.transactions.read(
        params.transactionId,
        params.collectionName,
        docIdOf(query),
      );
      return { data: { list: doc ? [stringifyEjson(doc)] : [] } };
    }
    const limit = Math.min(params.limit || DEFAULT_LIMIT, MAX_LIMIT);
    const docs = this.engine.find(
      params.collectionName,
      query,
      {
        sort: decodeOrder(params.order, now),
        skip: params.offset,
        limit,
        projection: decodeObject(params.projection, 'projection', now),
      },
      this.origin,
    );
    return {
      data: { list: docs.map((doc) => stringifyEjson(doc)), limit, offset: params.offset ?? 0 },
    };
  }

  private count(params: z.infer<typeof p.countParams>): ActionResult {
    const query = decodeObject(params.query, 'query', this.clock());
    return { data: { total: this.engine.count(params.collectionName, query, this.origin) } };
  }

  private modify(params: z.infer<typeof p.modifyParams>, returnDoc: boolean): ActionResult {
    const now = this.clock();
    const query = decodeObject(params.query, 'query', now);
    const data = decodeObject(params.data, 'data', now);
    const merge = params.merge ?? true;
    const compute = (current: Doc): Doc =>
      merge ? mergeUpdate(current, data) : replaceDocument(current._id, data);

    if (params.transactionId) {
      const id = docIdOf(query);
      let upsertId: DocId | undefined;
      let updated = 0;
      const current = this.transactions.read(params.transactionId, params.collectionName, id);
      if (current || params.upsert) {
        this.transactions.write(params.transactionId, params.collectionName, id, (cur) => {
          if (cur) {
            const next = compute(cur);
            if (!sameDoc(cur, next)) updated = 1;
            return next;
          }
          upsertId = id;
          return upsertDocument(query, data, merge);
        });
      }
      return { data: { updated, upsert_id: upsertId } };
    }

    const limit = params.multi ? Infinity : 1;
    const ids =
      typeof query._id === 'string' || typeof query._id === 'number'
        ? this.engine.matchIds(params.collectionName, query, limit)
        : this.engine.matchIds(params.collectionName, query, limit, {
            ...this.origin,
            operation: 'update',
          });
    const changes: Change[] = [];
    let lastDoc: Doc | undefined;
    for (const id of ids) {
      const current = this.engine.peek(params.collectionName, id)!;
      const next = compute(structuredClone(current));
      lastDoc = next;
      if (!sameDoc(current, next)) {
        changes.push({ collection: params.collectionName, id, doc: next });
      }
    }
    let upsertId: DocId | undefined;
    if (ids.length === 0 && params.upsert) {
      const doc = upsertDocument(query, data, merge);
      if (this.engine.peek(params.collectionName, doc._id)) {
        throw this.duplicateId(params.collectionName, doc._id);
      }
      changes.push({ collection: params.collectionName, id: doc._id, doc });
      upsertId = doc._id;
      lastDoc = doc;
    }
    this.engine.applyBatch(changes);
    const updated = changes.length - (upsertId === undefined ? 0 : 1);
    if (returnDoc) {
      return { data: { updated, doc: lastDoc ? stringifyEjson(lastDoc) : undefined } };
    }
    return { data: { updated, upsert_id: upsertId } };
  }

  private remove(params: z.infer<typeof p.removeParams>): ActionResult {
    const query = decodeObject(params.query, 'query', this.clock());
    if (params.transactionId) {
      const id = docIdOf(query);
      const current = this.transactions.read(params.transactionId, params.collectionName, id);
      if (!current) return { data: { deleted: 0 } };
      this.transactions.write(params.transactionId, params.collectionName, id, () => null);
      return { data: { deleted: 1 } };
    }
    const ids = this.engine.matchIds(params.collectionName, query, params.multi ? Infinity : 1, {
      ...this.origin,
      operation: 'remove',
    });
    this.engine.applyBatch(ids.map((id) => ({ collection: params.collectionName, id, doc: null })));
    return { data: { deleted: ids.length } };
  }

  private aggregate(params: z.infer<typeof p.aggregateParams>): ActionResult {
    const now = this.clock();
    const pipeline = params.stages.map((stage) => {
      let value: unknown;
      try {
        value = decodeField(stage.stageValue, now);
      } catch {
        throw new DbError('INVALID_PARAM', `stage ${stage.stageKey} is not valid EJSON`);
      }
      return { [stage.stageKey]: value };
    });
    let list: AnyObject[];
    try {
      list = this.engine.aggregate(params.collectionName, pipeline, this.origin);
    } catch (err) {
      if (err instanceof DbError) throw err;
      throw new DbError('DATABASE_REQUEST_FAILED', (err as Error).message);
    }
    return { data: { list: list.map((doc) => stringifyEjson(doc)) } };
  }

  private duplicateId(collection: string, id: DocId): DbError {
    return new DbError(
      'DATABASE_REQUEST_FAILED',
      `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
    );
  }
}
