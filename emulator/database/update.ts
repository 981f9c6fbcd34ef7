import { randomBytes } from 'node:crypto';
import { update as mingoUpdate } from 'mingo';
import type { AnyObject } from 'mingo/types';
import { DbError } from './errors';
import { isPlainObject } from './ejson';
import type { Doc, DocId } from './engine';

/** New document ids look like CloudBase's: 32 lowercase hex characters. */
export function newDocId(): string {
  return randomBytes(16).toString('hex');
}

function hasOperators(value: AnyObject): boolean {
  return Object.keys(value).some((key) => key.startsWith('$'));
}

/** `doc.set()`: the whole document is replaced, `_id` kept. */
export function replaceDocument(id: DocId, data: AnyObject): Doc {
  if (hasOperators(data)) {
    throw new DbError('INVALID_PARAM', 'a replacement document cannot contain update operators');
  }
  if ('_id' in data && data._id !== id) {
    throw new DbError('INVALID_PARAM', 'the _id of a document cannot be changed');
  }
  return { ...data, _id: id };
}

/** Plain fields in a merge update mean `$set`, as in the SDK's raw mode. */
function toModifier(data: AnyObject): AnyObject {
  const modifier: AnyObject = {};
  const plain: AnyObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('$')) modifier[key] = value;
    else plain[key] = value;
  }
  if (Object.keys(plain).length > 0) {
    modifier.$set = { ...(isPlainObject(modifier.$set) ? modifier.$set : {}), ...plain };
  }
  return modifier;
}

/** `doc.update()` / `where().update()`: Mongo update operators applied by mingo. */
export function mergeUpdate(current: Doc, data: AnyObject): Doc {
  const next = structuredClone(current);
  try {
    mingoUpdate(next, toModifier(data));
  } catch (err) {
    throw new DbError('DATABASE_REQUEST_FAILED', (err as Error).message);
  }
  if (next._id !== current._id) {
    throw new DbError('DATABASE_REQUEST_FAILED', "the immutable field '_id' cannot be modified");
  }
  return next;
}

/** The document an upsert creates: the query's equality fields, then the update. */
export function upsertDocument(query: AnyObject, data: AnyObject, merge: boolean): Doc {
  const id =
    typeof query._id === 'string' || typeof query._id === 'number' ? query._id : newDocId();
  if (!merge) return replaceDocument(id, data);
  const base: Doc = { _id: id };
  const equalities: AnyObject = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('$') || key === '_id') continue;
    if (isPlainObject(value) && hasOperators(value)) continue;
    equalities[key] = value;
  }
  const seeded =
    Object.keys(equalities).length > 0 ? mergeUpdate(base, { $set: equalities }) : base;
  return mergeUpdate(seeded, data);
}
