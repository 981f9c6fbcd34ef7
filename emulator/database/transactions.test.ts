import path from 'node:path';
import { DocumentEngine } from './engine';
import { SqliteStore } from './sqlite-store';
import { TransactionManager } from './transactions';
import { removeTempDataDirs, tempDataDir } from '../test/helpers';

function setup() {
  const store = new SqliteStore(path.join(tempDataDir(), 'cloudbase.sqlite'));
  const engine = new DocumentEngine(store);
  engine.createCollection('c');
  engine.applyBatch([{ collection: 'c', id: 'x', doc: { _id: 'x', n: 0 } }]);
  return { engine, store, txns: new TransactionManager(engine, 60_000) };
}

const inc = (doc: { _id: string | number; n?: unknown } | null) =>
  doc && { ...doc, n: Number(doc.n) + 1 };

describe('TransactionManager', () => {
  it('buffers writes until commit and lets only the transaction see them', () => {
    const { engine, store, txns } = setup();
    const t = txns.start();
    txns.write(t, 'c', 'x', inc);
    txns.write(t, 'c', 'y', () => ({ _id: 'y', n: 9 }));
    expect(txns.read(t, 'c', 'x')).toEqual({ _id: 'x', n: 1 });
    expect(engine.get('c', 'x')).toEqual({ _id: 'x', n: 0 });
    expect(engine.get('c', 'y')).toBeUndefined();
    txns.commit(t);
    expect(engine.find('c', {})).toEqual([
      { _id: 'x', n: 1 },
      { _id: 'y', n: 9 },
    ]);
    store.close();
  });

  it('fails the later of two transactions writing one document', () => {
    const { engine, store, txns } = setup();
    const a = txns.start();
    const b = txns.start();
    txns.write(a, 'c', 'x', inc);
    txns.write(b, 'c', 'x', inc);
    txns.commit(a);
    expect(() => txns.commit(b)).toThrow(
      expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }),
    );
    expect(engine.get('c', 'x')).toEqual({ _id: 'x', n: 1 });
    store.close();
  });

  it('fails a transaction whose document was written outside it after it started', () => {
    const { engine, store, txns } = setup();
    const t = txns.start();
    engine.applyBatch([{ collection: 'c', id: 'x', doc: { _id: 'x', n: 50 } }]);
    txns.write(t, 'c', 'x', inc);
    expect(() => txns.commit(t)).toThrow(
      expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }),
    );
    expect(engine.get('c', 'x')).toEqual({ _id: 'x', n: 50 });
    store.close();
  });

  it('does not fail on documents the transaction only read', () => {
    const { engine, store, txns } = setup();
    const t = txns.start();
    txns.read(t, 'c', 'x');
    engine.applyBatch([{ collection: 'c', id: 'x', doc: { _id: 'x', n: 7 } }]);
    txns.write(t, 'c', 'z', () => ({ _id: 'z' }));
    txns.commit(t);
    expect(engine.get('c', 'z')).toEqual({ _id: 'z' });
    store.close();
  });

  it('forgets aborted, committed and expired transactions', async () => {
    const { store, engine } = setup();
    const txns = new TransactionManager(engine, 20);
    const aborted = txns.start();
    txns.abort(aborted);
    expect(() => txns.write(aborted, 'c', 'x', inc)).toThrow(
      expect.objectContaining({ code: 'DATABASE_TRANSACTION_FAIL' }),
    );
    const committed = txns.start();
    txns.commit(committed);
    expect(() => txns.commit(committed)).toThrow(/does not exist/);
    const expiring = txns.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(() => txns.read(expiring, 'c', 'x')).toThrow(/expired/);
    expect(txns.openCount).toBe(0);
    store.close();
  });
});

// Last, after the servers of the file are closed.
afterAll(removeTempDataDirs);
