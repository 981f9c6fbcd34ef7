import fs from 'node:fs';
import path from 'node:path';
import { discoverFunctions } from './discover';
import { removeTempDataDirs, tempDataDir } from '../test/helpers';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('discoverFunctions', () => {
  const dir = tempDataDir();
  write(path.join(dir, 'api/index.ts'), 'export const main = () => 1;');
  write(path.join(dir, 'api/dist/index.js'), 'exports.main = () => 1;');
  write(
    path.join(dir, 'api/config.json'),
    JSON.stringify({
      permissions: { openapi: ['wxacode.getUnlimited'] },
      timeout: 20,
      envVariables: { ALLINPAY_CUSID: '990' },
      triggers: [{ name: 'everyMinute', type: 'timer', config: '0 */1 * * * * *' }],
    }),
  );
  write(path.join(dir, 'notify/package.json'), JSON.stringify({ main: 'build/main.js' }));
  write(path.join(dir, 'notify/build/main.js'), 'exports.main = () => 1;');
  write(path.join(dir, 'notify/src/index.ts'), 'export const main = () => 1;');
  write(path.join(dir, 'shared/helpers.ts'), 'export {};');

  it('finds TypeScript sources with their config.json', () => {
    expect(discoverFunctions(dir, 'source')).toEqual([
      {
        name: 'api',
        dir: path.join(dir, 'api'),
        entry: path.join(dir, 'api/index.ts'),
        timeoutMs: 20_000,
        env: { ALLINPAY_CUSID: '990' },
        timers: [{ name: 'everyMinute', cron: '0 */1 * * * * *' }],
      },
      {
        name: 'notify',
        dir: path.join(dir, 'notify'),
        entry: path.join(dir, 'notify/src/index.ts'),
        timeoutMs: undefined,
        env: {},
        timers: [],
      },
    ]);
  });

  it('finds bundles through package.json main, else dist/index.js', () => {
    const entries = discoverFunctions(dir, 'bundle').map((f) => [f.name, f.entry]);
    expect(entries).toEqual([
      ['api', path.join(dir, 'api/dist/index.js')],
      ['notify', path.join(dir, 'notify/build/main.js')],
    ]);
  });

  it('follows a linked function folder, and ignores a linked file', () => {
    const linked = tempDataDir();
    fs.symlinkSync(path.join(dir, 'api'), path.join(linked, 'api'));
    write(path.join(linked, 'loose.ts'), 'export {};');
    fs.symlinkSync(path.join(linked, 'loose.ts'), path.join(linked, 'alias'));
    expect(discoverFunctions(linked, 'source').map((f) => [f.name, f.entry])).toEqual([
      ['api', path.join(linked, 'api/index.ts')],
    ]);
  });

  it('refuses a config.json the platform would refuse', () => {
    const bad = tempDataDir();
    write(path.join(bad, 'f/index.ts'), 'export const main = () => 1;');
    write(path.join(bad, 'f/config.json'), JSON.stringify({ timeout: 'long' }));
    expect(() => discoverFunctions(bad, 'source')).toThrow(/config.json/);
  });
});

// Last, after the servers of the file are closed.
afterAll(removeTempDataDirs);
