import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, manifestText } from '../../scripts/cloudbase-manifest';

const ROOT = path.resolve(__dirname, '../..');

describe('cloudbase/database.json', () => {
  it('matches server/store/collections.ts (run `npm run cloudbase:manifest` after changing it)', () => {
    expect(fs.readFileSync(MANIFEST_FILE, 'utf8')).toBe(manifestText());
  });

  it('denies every client read and write', () => {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST_FILE, 'utf8')) as {
      collections: Array<{ securityRule: unknown }>;
    };
    for (const c of manifest.collections)
      expect(c.securityRule).toEqual({ read: false, write: false });
  });
});

describe('cloudbaserc.json', () => {
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as {
    functions: Array<{
      name: string;
      dir: string;
      timeout: number;
      triggers?: unknown[];
      envVariables: Record<string, string>;
    }>;
  };

  it('deploys every cloud function with the timeout and triggers of its config.json', () => {
    const names = fs
      .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(rc.functions.map((f) => f.name).sort()).toEqual(names);
    for (const fn of rc.functions) {
      const config = JSON.parse(
        fs.readFileSync(path.join(ROOT, 'cloudfunctions', fn.name, 'config.json'), 'utf8'),
      ) as {
        timeout: number;
        triggers?: unknown[];
      };
      expect({ name: fn.name, timeout: fn.timeout, triggers: fn.triggers }).toEqual({
        name: fn.name,
        timeout: config.timeout,
        triggers: config.triggers,
      });
      expect(fn.dir).toBe(`./cloudfunctions/${fn.name}/dist`);
    }
  });

  it('gives every function the Allinpay configuration and no literal secret', () => {
    for (const fn of rc.functions) {
      for (const name of [
        'ALLINPAY_BASE_URL',
        'ALLINPAY_CUSID',
        'ALLINPAY_APPID',
        'ALLINPAY_KEY',
        'ALLINPAY_NOTIFY_URL',
      ]) {
        expect(fn.envVariables[name]).toBe(`{{env.${name}}}`);
      }
    }
  });
});
