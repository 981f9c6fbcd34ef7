// The database emulator driven by the real wx-server-sdk inside functions run by the host.
import { startDatabaseEmulator, type DatabaseEmulator } from '../database/server';
import { startFunctionHost, type FunctionHost } from '../functions/host';
import { FIXTURES, invoke, removeTempDataDirs, tempDataDir } from './helpers';

jest.setTimeout(60_000);

const logs: string[] = [];

async function startStack(dataDir: string): Promise<{ db: DatabaseEmulator; host: FunctionHost }> {
  // Semantics on collections without indexes: coverage is tested in index-coverage.test.ts.
  const db = await startDatabaseEmulator({ dataDir, coverage: { onUnindexed: () => {} } });
  const host = await startFunctionHost({
    databaseUrl: db.url,
    functionsDir: FIXTURES,
    timers: false,
    defaultTimeoutMs: 20_000,
    log: (line) => logs.push(line),
  });
  return { db, host };
}

describe('database through wx-server-sdk', () => {
  const dataDir = tempDataDir();
  let stack: { db: DatabaseEmulator; host: FunctionHost };

  beforeAll(async () => {
    stack = await startStack(dataDir);
  });
  afterAll(async () => {
    await stack.host.close();
    await stack.db.close();
  });

  it('adds, reads, queries, counts, updates with commands and removes', async () => {
    const r = (await invoke(stack.host.url, 'scenarios', {
      scenario: 'crud',
      collection: 'items',
    })) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

    expect(r.byId).toMatchObject({ name: 'a', n: 1, tags: ['x'], nested: { k: 1 } });
    expect(r.byId.at).toBe('2024-01-01T00:00:00.000Z');
    expect(r.byId._id).toMatch(/^[0-9a-f]{32}$/);
    expect(r.gtDesc).toEqual(['c', 'b']);
    expect(r.inProjected).toEqual([
      { _id: expect.any(String), name: 'a' },
      { _id: expect.any(String), name: 'c' },
    ]);
    expect(r.page).toEqual(['b']);
    expect(r.orCount).toBe(2);
    expect(r.rangeCount).toBe(2);
    expect(r.nestedCount).toBe(1);
    expect(r.dateCount).toBe(1);
    expect(r.regexCount).toBe(2);
    expect(r.arrayCount).toBe(2);
    expect(r.update.stats).toEqual({ updated: 1 });
    expect(r.afterUpdate).toMatchObject({ n: 11, tags: ['x', 'z'], label: 'first' });
    expect(r.afterUpdate).not.toHaveProperty('nested');
    expect(r.unchanged.stats).toEqual({ updated: 0 });
    expect(r.multiUpdate.stats).toEqual({ updated: 2 });
    expect(r.setCreate.stats).toEqual({ updated: 0, created: 1 });
    expect(r.setReplace.stats).toEqual({ updated: 1, created: 0 });
    expect(r.fixed).toEqual({ _id: 'fixed-id', name: 'fixed2' });
    expect(r.removeMany.stats).toEqual({ removed: 2 });
    expect(r.removeOne.stats).toEqual({ removed: 1 });
    expect(r.left).toEqual([{ _id: 'fixed-id', name: 'fixed2' }]);
    expect(r.missingDoc).toContain('does not exist');
    expect(r.missingCollection).toBe(-502005);
    expect(r.duplicateId.errCode).toBe(-502001);
    expect(r.duplicateId.errMsg).toContain('E11000 duplicate key');
    expect(r.aggregate).toEqual([{ _id: 'L1', total: 350 }]);

    // What the SDK wrote is what the emulator stores.
    const stored = stack.db.engine.find('items', {}, { sort: { name: 1 } });
    expect(stored.map((d) => d.name)).toEqual(['fixed2', 'g1', 'g2']);
  });

  it('commits, rolls back, isolates and detects conflicting transactions', async () => {
    const r = await invoke(stack.host.url, 'scenarios', {
      scenario: 'transactions',
      collection: 'accounts',
    });
    expect(r).toEqual({
      committed: 'done',
      afterCommit: 90,
      logWritten: 10,
      thrown: 'changed my mind',
      afterThrow: 90,
      isolation: { seenInside: -1, seenOutside: 90 },
      afterRollback: 90,
      conflict: 'DATABASE_TRANSACTION_CONFLICT',
      afterConflict: 91,
      whereInTransaction: 'refused',
    });
  });

  it('loses no update when concurrent transactions increment one counter', async () => {
    stack.db.engine.ensureCollection('counters');
    stack.db.engine.applyBatch([
      { collection: 'counters', id: 'counter', doc: { _id: 'counter', n: 0 } },
    ]);
    const callers = 6;
    const results = (await Promise.all(
      Array.from({ length: callers }, (_, i) =>
        invoke(stack.host.url, 'scenarios', {
          scenario: 'increment',
          collection: 'counters',
          pauseMs: 15 + i,
        }),
      ),
    )) as Array<{ attempts: number }>;
    expect(stack.db.engine.get('counters', 'counter')?.n).toBe(callers);
    for (const result of results) expect(result.attempts).toBeGreaterThanOrEqual(1);
  });
});

describe('restart', () => {
  it('keeps documents and indexes across a restart of the whole stack', async () => {
    const dataDir = tempDataDir();
    let stack = await startStack(dataDir);
    try {
      await invoke(stack.host.url, 'scenarios', { scenario: 'persist-write', collection: 'kept' });
      stack.db.engine.createCollection('kept-codes');
      stack.db.engine.createIndex('kept-codes', {
        name: 'code_1',
        keys: { code: 1 },
        unique: true,
      });
      stack.db.engine.applyBatch([
        { collection: 'kept-codes', id: 'coded', doc: { _id: 'coded', code: 'unique-1' } },
      ]);
    } finally {
      await stack.host.close();
      await stack.db.close();
    }

    stack = await startStack(dataDir);
    try {
      const r = await invoke(stack.host.url, 'scenarios', {
        scenario: 'persist-read',
        collection: 'kept',
      });
      expect(r).toEqual({
        docs: [
          { _id: 'kept', value: 42, at: '1970-01-01T00:00:00.000Z' },
          { _id: 'kept-tx', value: 7 },
        ],
        duplicate: -502001,
      });
    } finally {
      await stack.host.close();
      await stack.db.close();
    }
  });

  it('refuses a second emulator on the same data folder', async () => {
    const dataDir = tempDataDir();
    const first = await startDatabaseEmulator({ dataDir });
    try {
      await expect(startDatabaseEmulator({ dataDir })).rejects.toThrow(/in use/);
    } finally {
      await first.close();
    }
  });
});

// Last, after the servers of the file are closed.
afterAll(removeTempDataDirs);
