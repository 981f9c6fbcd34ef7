// The wire protocol as @cloudbase/node-sdk speaks it, checked with raw requests.
import { EJSON } from 'bson';
import { startDatabaseEmulator, type DatabaseEmulator } from './server';
import { postJson, removeTempDataDirs, tempDataDir } from '../test/helpers';

const ejson = (value: unknown) => EJSON.stringify(value as object, { relaxed: false });

describe('database emulator protocol', () => {
  let db: DatabaseEmulator;
  const call = async (body: Record<string, unknown>) =>
    (await postJson(`${db.serviceUrl}?env=local&seqId=1`, { envName: 'local', ...body })).body;

  beforeAll(async () => {
    // Protocol tests on a collection without indexes: coverage is not their subject.
    db = await startDatabaseEmulator({
      dataDir: tempDataDir(),
      collections: [{ name: 'c' }],
      coverage: { onUnindexed: () => {} },
    });
  });
  afterAll(() => db.close());

  it('answers in the CloudBase envelope', async () => {
    const inserted = await call({
      action: 'database.insertDocument',
      collectionName: 'c',
      data: [ejson({ _id: 'd1', n: 1, at: { $tcb_server_date: { offset: 1000 } } })],
    });
    expect(inserted).toEqual({ requestId: expect.any(String), data: { insertedIds: ['d1'] } });
    const stored = db.engine.get('c', 'd1')!;
    // structuredClone makes Dates of Node's realm, not jest's: check the tag, not instanceof.
    expect(Object.prototype.toString.call(stored.at)).toBe('[object Date]');
    expect(Math.abs((stored.at as Date).getTime() - Date.now() - 1000)).toBeLessThan(5000);

    const got = await call({
      action: 'database.getDocument',
      collectionName: 'c',
      queryType: 'WHERE',
      query: ejson({ n: { $gte: 1 } }),
      projection: ejson({ n: 1 }),
      limit: 10,
    });
    expect((got.data as { list: string[] }).list.map((item) => EJSON.parse(item))).toEqual([
      { _id: 'd1', n: 1 },
    ]);

    const returned = await call({
      action: 'database.modifyAndReturnDoc',
      collectionName: 'c',
      queryType: 'WHERE',
      query: ejson({ _id: 'd1' }),
      data: ejson({ $inc: { n: 5 } }),
    });
    expect(returned.data).toMatchObject({ updated: 1 });
    expect(EJSON.parse((returned.data as { doc: string }).doc)).toMatchObject({ n: 6 });
  });

  it('reports bad requests with a code and changes nothing', async () => {
    expect(await call({ action: 'database.dropEverything' })).toMatchObject({
      code: 'INVALID_PARAM',
      message: expect.stringContaining('not supported'),
    });
    expect(
      await call({ action: 'database.insertDocument', collectionName: 'c', data: ['{not json'] }),
    ).toMatchObject({ code: 'INVALID_PARAM' });
    expect(
      await call({ action: 'database.insertDocument', collectionName: 'c', data: [] }),
    ).toMatchObject({
      code: 'INVALID_PARAM',
    });
    expect(
      await call({
        action: 'database.modifyDocument',
        collectionName: 'c',
        query: ejson({}),
        data: ejson({ $bogus: { n: 1 } }),
        multi: true,
      }),
    ).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(
      await call({ action: 'database.commitTransaction', transactionId: 'no-such-transaction' }),
    ).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    const raw = await fetch(db.serviceUrl, { method: 'POST', body: 'not json' });
    expect(await raw.json()).toMatchObject({ code: 'INVALID_PARAM' });
    expect(db.engine.count('c', {})).toBe(1);
  });
});

// Last, after the servers of the file are closed.
afterAll(removeTempDataDirs);
