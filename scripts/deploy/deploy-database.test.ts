// deploy:database through the real @cloudbase/manager-node, pointed (TCB_BASE_URL) at a double
// of the Tencent Cloud API that checks each request's signature and parameters and keeps state.
import fs from 'node:fs';
import { deployDatabase, MANIFEST } from './deploy-database';
import { startCloudApiDouble, type CloudApiDouble } from './tencent-cloud-api-double';
import type { ManifestCollection } from './database-plan';

const ENV_ID = 'parking-test-1a2b3c';
const SECRET = { secretId: 'AKIDdouble', secretKey: 'double-secret-key' };
const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as {
  collections: ManifestCollection[];
};
const WRITES = ['CreateTable', 'UpdateTable', 'ModifyResourcePermission'];

let double: CloudApiDouble;
let lines: string[];
const run = (dryRun: boolean, secretKey = SECRET.secretKey) =>
  deployDatabase({
    envId: ENV_ID,
    secretId: SECRET.secretId,
    secretKey,
    dryRun,
    log: (l) => lines.push(l),
  });
const writes = () => double.requests.filter((r) => WRITES.includes(r.action));

beforeEach(async () => {
  double = await startCloudApiDouble({ envId: ENV_ID, ...SECRET });
  process.env.TCB_BASE_URL = double.url;
  lines = [];
});
afterEach(async () => {
  delete process.env.TCB_BASE_URL;
  await double.close();
});

test('a dry run on an empty environment prints every step and changes nothing', async () => {
  const { steps, applied } = await run(true);
  const indexCount = manifest.collections.reduce((n, c) => n + c.indexes.length, 0);
  expect(steps.filter((s) => s.kind === 'createCollection')).toHaveLength(
    manifest.collections.length,
  );
  expect(steps.filter((s) => s.kind === 'createIndex')).toHaveLength(indexCount);
  expect(steps.filter((s) => s.kind === 'setRule')).toHaveLength(manifest.collections.length);
  expect(applied).toBe(0);
  expect(writes()).toEqual([]);
  expect(double.tables.size).toBe(0);
  expect(lines).toContain('would create collection lots');
  expect(lines).toContain('would create index lots.parkingNo_1 (parkingNo:1, unique)');
  expect(lines).toContain('would set security rule of lots to {"read":false,"write":false}');
  expect(lines.at(-1)).toBe(`database of ${ENV_ID}: dry run, changed nothing`);
});

test('a run creates the collections, indexes and rules of cloudbase/database.json; a second run changes nothing', async () => {
  const first = await run(false);
  expect(first.applied).toBe(first.steps.length);
  for (const c of manifest.collections) {
    const indexes = double.tables.get(c.name);
    expect(indexes).toBeDefined();
    for (const wanted of c.indexes) {
      expect(indexes).toContainEqual({
        Name: wanted.name,
        Unique: wanted.unique,
        Keys: wanted.keys.map((k) => ({ Name: k.name, Direction: k.direction })),
      });
    }
    expect(double.permissions.get(c.name)).toEqual({
      Permission: 'CUSTOM',
      SecurityRule: JSON.stringify(c.securityRule),
    });
  }
  // What the SDK sent for one index, as the management API takes it.
  const update = double.requests.find(
    (r) => r.action === 'UpdateTable' && r.body.TableName === 'lots',
  );
  expect(update?.body).toMatchObject({
    EnvId: ENV_ID,
    MongoConnector: { InstanceId: 'flexdb' },
    CreateIndexes: [
      {
        IndexName: 'parkingNo_1',
        MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'parkingNo', Direction: '1' }] },
      },
    ],
  });

  const before = writes().length;
  lines = [];
  const second = await run(false);
  expect(second.steps).toEqual([]);
  expect(writes().length).toBe(before);
  expect(lines).toEqual([
    `database of ${ENV_ID}: ${manifest.collections.length} collections as cloudbase/database.json says; nothing to change`,
  ]);
});

test('a partly set-up environment gets only what it lacks', async () => {
  await run(false);
  double.tables.delete('gates');
  double.permissions.set('lots', { Permission: 'PRIVATE' });
  const lotsIndexes = double.tables.get('lots') ?? [];
  lotsIndexes.splice(
    lotsIndexes.findIndex((i) => i.Name === 'parkingNo_1'),
    1,
  );
  const before = writes().length;
  lines = [];
  const { steps } = await run(false);
  const gates = manifest.collections.find((c) => c.name === 'gates');
  expect(steps.map((s) => `${s.kind} ${s.collection}`).sort()).toEqual(
    [
      'createCollection gates',
      'createIndex lots',
      'setRule gates',
      'setRule lots',
      ...(gates?.indexes ?? []).map(() => 'createIndex gates'),
    ].sort(),
  );
  expect(writes().length - before).toBe(steps.length);
});

test('an index of the same name with other keys is reported, not changed', async () => {
  await run(false);
  const lots = double.tables.get('lots') ?? [];
  const index = lots.find((i) => i.Name === 'parkingNo_1');
  if (index) index.Unique = false;
  lines = [];
  const { steps } = await run(false);
  expect(steps).toEqual([
    {
      kind: 'conflict',
      collection: 'lots',
      message: expect.stringContaining('drop it in the console'),
    },
  ]);
  expect(index?.Unique).toBe(false);
});

test('a wrong key is refused by the API (the double checks signatures) and the run fails', async () => {
  await expect(run(false, 'not-the-key')).rejects.toThrow(/signature does not match/);
  expect(double.tables.size).toBe(0);
});
