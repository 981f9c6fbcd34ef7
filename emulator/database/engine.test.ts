import path from 'node:path';
import { DocumentEngine } from './engine';
import { SqliteStore } from './sqlite-store';
import { removeTempDataDirs, tempDataDir } from '../test/helpers';

function open(dir: string, autoCreate = false): { engine: DocumentEngine; store: SqliteStore } {
  const store = new SqliteStore(path.join(dir, 'cloudbase.sqlite'));
  return { engine: new DocumentEngine(store, autoCreate), store };
}

describe('DocumentEngine', () => {
  it('reloads collections, documents (dates included), order and indexes from disk', () => {
    const dir = tempDataDir();
    const first = open(dir);
    first.engine.createCollection('sessions');
    first.engine.createIndex('sessions', { name: 'reqsn_1', keys: { reqsn: 1 }, unique: true });
    first.engine.applyBatch([
      { collection: 'sessions', id: 'b', doc: { _id: 'b', reqsn: 'R2', at: new Date(5) } },
      { collection: 'sessions', id: 'a', doc: { _id: 'a', reqsn: 'R1', fee: 300 } },
    ]);
    first.store.close();

    const second = open(dir);
    expect(second.engine.find('sessions', {})).toEqual([
      { _id: 'b', reqsn: 'R2', at: new Date(5) },
      { _id: 'a', reqsn: 'R1', fee: 300 },
    ]);
    expect(second.engine.listIndexes('sessions')).toEqual([
      { name: 'reqsn_1', keys: { reqsn: 1 }, unique: true },
    ]);
    expect(() =>
      second.engine.applyBatch([
        { collection: 'sessions', id: 'c', doc: { _id: 'c', reqsn: 'R1' } },
      ]),
    ).toThrow(/E11000 duplicate key .* reqsn_1 dup key: \{ reqsn: "R1" \}/);
    second.store.close();
  });

  it('applies a batch all or nothing, in memory and on disk', () => {
    const dir = tempDataDir();
    const first = open(dir);
    first.engine.createCollection('c');
    first.engine.createIndex('c', { name: 'k_1', keys: { k: 1 }, unique: true });
    first.engine.applyBatch([{ collection: 'c', id: 1, doc: { _id: 1, k: 'x' } }]);
    expect(() =>
      first.engine.applyBatch([
        { collection: 'c', id: 1, doc: { _id: 1, k: 'moved' } },
        { collection: 'c', id: 2, doc: { _id: 2, k: 'y' } },
        { collection: 'c', id: 3, doc: { _id: 3, k: 'y' } },
      ]),
    ).toThrow(/duplicate key/);
    expect(first.engine.find('c', {})).toEqual([{ _id: 1, k: 'x' }]);
    // The index still knows 'x' is taken and 'y' is free.
    first.engine.applyBatch([{ collection: 'c', id: 4, doc: { _id: 4, k: 'y' } }]);
    expect(() =>
      first.engine.applyBatch([{ collection: 'c', id: 5, doc: { _id: 5, k: 'x' } }]),
    ).toThrow(/duplicate key/);
    first.store.close();
    const second = open(dir);
    expect(second.engine.find('c', {}, { sort: { _id: 1 } })).toEqual([
      { _id: 1, k: 'x' },
      { _id: 4, k: 'y' },
    ]);
    second.store.close();
  });

  it('lets a document give up a unique key to another in the same batch', () => {
    const { engine, store } = open(tempDataDir());
    engine.createCollection('c');
    engine.createIndex('c', { name: 'k_1', keys: { k: 1 }, unique: true });
    engine.applyBatch([{ collection: 'c', id: 'a', doc: { _id: 'a', k: 1 } }]);
    engine.applyBatch([
      { collection: 'c', id: 'a', doc: null },
      { collection: 'c', id: 'b', doc: { _id: 'b', k: 1 } },
    ]);
    expect(engine.find('c', {})).toEqual([{ _id: 'b', k: 1 }]);
    store.close();
  });

  it('refuses missing collections unless told to create them, and duplicate collections', () => {
    const strict = open(tempDataDir());
    expect(() => strict.engine.find('nope', {})).toThrow(/not exist/);
    expect(() =>
      strict.engine.applyBatch([{ collection: 'nope', id: 1, doc: { _id: 1 } }]),
    ).toThrow(/not exist/);
    strict.engine.createCollection('once');
    expect(() => strict.engine.createCollection('once')).toThrow(/already exists/);
    expect(() => strict.engine.createCollection('bad name!')).toThrow(/invalid collection name/);
    strict.store.close();

    const lenient = open(tempDataDir(), true);
    expect(lenient.engine.find('nope', {})).toEqual([]);
    lenient.engine.applyBatch([{ collection: 'nope', id: 1, doc: { _id: 1 } }]);
    expect(lenient.engine.listCollections()).toEqual(['nope']);
    lenient.store.close();
  });

  it('returns copies that callers cannot use to change stored documents', () => {
    const { engine, store } = open(tempDataDir());
    engine.createCollection('c');
    engine.applyBatch([{ collection: 'c', id: 'a', doc: { _id: 'a', list: [1] } }]);
    (engine.find('c', {})[0]!.list as number[]).push(2);
    (engine.get('c', 'a')!.list as number[]).push(3);
    expect(engine.get('c', 'a')).toEqual({ _id: 'a', list: [1] });
    store.close();
  });
});

// Last, after the servers of the file are closed.
afterAll(removeTempDataDirs);
