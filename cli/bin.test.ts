import { spawn } from 'node:child_process';
import path from 'node:path';
import { sign } from '../core/allinpay/sign';
import { encodeForm } from '../core/allinpay/form';
import {
  startFakePlatform,
  successAnswer,
  type FakePlatform,
} from '../server/allinpay-client/testing/fake-platform';

/** The installed command as a user runs it: `node bin/allinpay.cjs ...` (what `npx allinpay` runs). */
const BIN = path.join(__dirname, '..', 'bin', 'allinpay.cjs');
const KEY = 'ab56b4d92b40713acc5af89985d4b786';

function allinpay(
  args: string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

it("sign prints the spec's sign on its own line (acceptance)", async () => {
  const { code, stdout } = await allinpay([
    'sign',
    '--key',
    KEY,
    'appid=00000000',
    'reqsn=1450432107647',
  ]);
  expect(code).toBe(0);
  expect(stdout.split('\n')).toContain('8E8BF7FFC9B8EF6F1D02955D6C0892B2');
  expect(stdout).not.toContain(KEY);
});

it('plate --openid prints JWES60 (acceptance)', async () => {
  const { code, stdout } = await allinpay(['plate', '--openid', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o']);
  expect(code).toBe(0);
  expect(stdout).toBe('JWES60\n');
});

it('verify reads stdin: 0 when valid, 1 when invalid', async () => {
  const fields = { appid: '00000000', reqsn: '1450432107647' };
  const body = encodeForm({ ...fields, sign: sign(fields, KEY) });
  expect((await allinpay(['verify', '--key', KEY], body)).code).toBe(0);
  const tampered = await allinpay(['verify', '--key', KEY], body.replace('1450432107647', '1'));
  expect(tampered.code).toBe(1);
  expect(tampered.stdout).toContain('expected: ');
});

it('exits 1 for an invalid plate and 2 for a usage error', async () => {
  expect((await allinpay(['plate', '粤B1234'])).code).toBe(1);
  const usage = await allinpay(['sign', 'a=1']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--key');
});

describe('call', () => {
  let platform: FakePlatform;
  beforeAll(async () => {
    platform = await startFakePlatform(KEY, (r) => ({ json: successAnswer(r, KEY, '00000000') }));
  });
  afterAll(() => platform.close());

  it('prints the verified answer and exits 0', async () => {
    const { code, stdout } = await allinpay([
      'call',
      'query',
      '--base-url',
      platform.baseUrl,
      '--cusid',
      '990440153996000',
      '--appid',
      '00000000',
      '--key',
      KEY,
      'reqsn=R1',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ reqsn: 'R1', outcome: 'success' });
    expect(platform.requests).toHaveLength(1);
  });
});
