// Index coverage: a function's query that no declared index serves is reported with the
// collection, the filter's shape, the call site and the index to declare.
import { takeUnindexedQueries } from '../database/coverage';
import { startDatabaseEmulator, type DatabaseEmulator } from '../database/server';
import { startFunctionHost, type FunctionHost } from '../functions/host';
import { FIXTURES, invoke, removeTempDataDirs, tempDataDir } from './helpers';

jest.setTimeout(60_000);

describe('index coverage', () => {
  let db: DatabaseEmulator;
  let host: FunctionHost;

  beforeAll(async () => {
    db = await startDatabaseEmulator({
      dataDir: tempDataDir(),
      collections: [
        { name: 'planted', indexes: [{ name: 'k_1', keys: { k: 1 }, unique: false }] },
        { name: 'bounded' },
      ],
      coverage: { allow: ['bounded'] },
    });
    host = await startFunctionHost({
      databaseUrl: db.url,
      functionsDir: FIXTURES,
      timers: false,
      defaultTimeoutMs: 20_000,
      log: () => {},
    });
  });
  afterAll(async () => {
    await host.close();
    await db.close();
  });

  it('reports a planted unindexed query with its shape, call site and the index to declare', async () => {
    takeUnindexedQueries();
    await invoke(host.url, 'scenarios', { scenario: 'coverage', collection: 'planted' });
    const found = takeUnindexedQueries();
    expect(found.map((q) => q.shape)).toEqual([{ other: 'eq' }, { k: 'eq' }]);
    const [scan, sort] = found;
    expect(scan).toMatchObject({ collection: 'planted', operation: 'find' });
    expect(scan!.origin).toBe('function scenarios');
    expect(scan!.message).toContain(
      'declare { name: \'other_1\', keys: {"other":1}, unique: false } in INDEXES.planted of server/store/collections.ts',
    );
    expect(sort!.sort).toEqual({ at: -1 });
    expect(sort!.suggestion).toEqual({ name: 'k_1_at_-1', keys: { k: 1, at: -1 }, unique: false });
  });

  it('lets an allowed collection and queries by _id through', async () => {
    takeUnindexedQueries();
    await invoke(host.url, 'scenarios', { scenario: 'coverage', collection: 'bounded' });
    db.engine.find('planted', { other: 'direct' }); // direct engine access is not checked
    expect(takeUnindexedQueries()).toEqual([]);
  });
});

// Last, after the servers of the file are closed.
afterAll(removeTempDataDirs);
