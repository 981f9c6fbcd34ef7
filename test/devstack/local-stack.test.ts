import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack } from '../../devstack/local-stack';

const ports = { sandbox: 0, database: 0, functions: 0 };

describe('startLocalStack', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-stack-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts sandbox, database and function host, seeds once, and keeps data across restarts', async () => {
    const first = await startLocalStack({ dataDir, ports });
    try {
      expect(first.seeded).toBe(true);
      const engine = first.emulator.database.engine;
      expect(engine.count('lots', {})).toBe(3);
      expect(engine.count('gates', { lotId: 'lot-mall' })).toBe(3);
      expect(engine.count('spots', { lotId: 'lot-road' })).toBe(4);
      expect(engine.count('operators', { role: 'owner' })).toBe(3);
      const health = await fetch(`${first.urls.functions}/health`);
      expect(health.status).toBe(200);
      const query = await fetch(`${first.urls.sandbox}/allinpay/api/query.php`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'cusid=nobody&reqsn=x&randomstr=r&sign=00',
      });
      expect(await query.json()).toMatchObject({ retcode: 'FAIL' });
      // An operator's change must survive the next start: no reseed over existing data.
      engine.applyBatch([
        {
          collection: 'lots',
          id: 'lot-mall',
          doc: { ...engine.get('lots', 'lot-mall')!, _id: 'lot-mall', name: '改名' },
        },
      ]);
    } finally {
      await first.close();
    }
    const second = await startLocalStack({ dataDir, ports });
    try {
      expect(second.seeded).toBe(false);
      expect(second.emulator.database.engine.get('lots', 'lot-mall')).toMatchObject({
        name: '改名',
      });
    } finally {
      await second.close();
    }
  });
});
