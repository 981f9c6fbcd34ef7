import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keyFromPassword } from '../core/allinpay/sign';
import {
  DEFAULT_DATA_DIR,
  DEMO_MERCHANT,
  loadSandboxOptions,
  resolveConfig,
  SandboxConfigError,
} from './config';

describe('resolveConfig', () => {
  it('defaults: 127.0.0.1:8801, .data/sandbox, the demo merchant, 0.6%', () => {
    const config = resolveConfig();
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8801,
      dataDir: DEFAULT_DATA_DIR,
      feeRateBp: 60,
      timeScale: 1,
    });
    expect(DEFAULT_DATA_DIR.endsWith(path.join('.data', 'sandbox'))).toBe(true);
    expect(config.merchants).toEqual([
      expect.objectContaining({
        cusid: '990440153996000',
        appid: '00000000',
        key: keyFromPassword('sandbox-password'),
      }),
    ]);
    expect(DEMO_MERCHANT.key).toBe(keyFromPassword('sandbox-password'));
  });

  it('adds merchants (by password or key), or leaves the demo one out', () => {
    const config = resolveConfig({
      demoMerchant: false,
      feeRateBp: 25,
      merchants: [
        { cusid: 'A', appid: '1', password: 'pa' },
        { cusid: 'B', appid: '2', key: keyFromPassword('pb').toUpperCase(), feeRateBp: 0 },
      ],
    });
    expect(config.merchants.map((m) => [m.cusid, m.key, m.feeRateBp])).toEqual([
      ['A', keyFromPassword('pa'), 25],
      ['B', keyFromPassword('pb'), 0],
    ]);
  });

  it('refuses bad options, naming the field', () => {
    expect(() => resolveConfig({ port: 70000 })).toThrow(/port/);
    expect(() => resolveConfig({ merchants: [{ cusid: 'A', appid: '1' }] })).toThrow(/password/);
    expect(() => resolveConfig({ timeScale: 0 })).toThrow(/timeScale/);
    expect(() => resolveConfig({ faults: { global: { drop: 3 } } })).toThrow(SandboxConfigError);
  });
});

describe('loadSandboxOptions', () => {
  it('reads SANDBOX_* variables', () => {
    const options = loadSandboxOptions({
      SANDBOX_PORT: '9900',
      SANDBOX_HOST: '127.0.0.2',
      SANDBOX_DATA_DIR: '/tmp/x',
      SANDBOX_TIME_SCALE: '6000',
      SANDBOX_FEE_RATE_BP: '38',
      SANDBOX_FAULT_SEED: '42',
      SANDBOX_FAULTS: '{"global":{"drop":0.3}}',
      SANDBOX_MERCHANTS: '[{"cusid":"A","appid":"1","password":"p"}]',
    });
    expect(options).toEqual({
      port: 9900,
      host: '127.0.0.2',
      dataDir: '/tmp/x',
      timeScale: 6000,
      feeRateBp: 38,
      faults: { global: { drop: 0.3 }, seed: 42 },
      merchants: [{ cusid: 'A', appid: '1', password: 'p' }],
    });
  });

  it('reads a JSON file named by SANDBOX_CONFIG; variables win over it', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sandbox-config-')), 'sandbox.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 1234, feeRateBp: 10, faults: { seed: 5, global: { delay: 0.1 } } }),
    );
    expect(
      loadSandboxOptions({ SANDBOX_CONFIG: file, SANDBOX_PORT: '4321', SANDBOX_FAULT_SEED: '6' }),
    ).toEqual({
      port: 4321,
      feeRateBp: 10,
      faults: { seed: 6, global: { delay: 0.1 } },
    });
    rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('refuses bad values with the variable named', () => {
    expect(() => loadSandboxOptions({ SANDBOX_PORT: 'eighty' })).toThrow(/port/);
    expect(() => loadSandboxOptions({ SANDBOX_FAULTS: '{oops' })).toThrow(/SANDBOX_FAULTS/);
    expect(() => loadSandboxOptions({ SANDBOX_CONFIG: '/nonexistent/sandbox.json' })).toThrow(
      /cannot be read/,
    );
  });
});
