// (a) No secret in the mini-program package. The upload package is built from the real
// miniprogram/ tree (scripts/build-miniprogram.ts, as `npm run build:miniprogram`) into a
// temporary folder; every file it writes (the package and its project.config.json) is then
// searched for the merchant key and password and the gate secrets, in the clear and encoded,
// and for the server-only code that would hold them (function configuration, lot secrets).
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildMiniprogram, type BuildReport } from '../../scripts/build-miniprogram';
import { COLLECTIONS } from '../../server/store/collections';
import { walkFiles } from '../miniprogram-package/support/load-package';
import { leaks } from './support/secrets';

jest.setTimeout(60_000);

let outDir: string;
let report: BuildReport;
let files: string[];

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(tmpdir(), 'security-package-'));
  report = await buildMiniprogram({ outDir });
  files = walkFiles(outDir);
}, 60_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const read = (rel: string, encoding: BufferEncoding) =>
  fs.readFileSync(path.join(outDir, rel), encoding);

it('built the real mini-program: pages, app and shared code', () => {
  expect(files.length).toBeGreaterThan(20);
  expect(files).toContain('project.config.json');
  expect(report.files.length).toBeGreaterThan(20);
  expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(10);
});

it('holds no merchant key, password or gate secret, in any form, in any file', () => {
  const texts = files.flatMap((f) => [read(f, 'utf8'), read(f, 'latin1')]);
  expect(leaks(texts, (n) => files[Math.floor(n / 2)]!)).toEqual([]);
});

it('holds none of the server-only code that handles them', () => {
  const serverOnly = [
    // server/config/function-config.ts: where the key and password are read.
    'ALLINPAY_KEY',
    'ALLINPAY_PASSWORD',
    'ALLINPAY_MERCHANTS',
    // server/parking/gate: the lots' gate secrets.
    COLLECTIONS.lotSecrets,
    'x-gate-signature',
    // The sandbox's demo merchant (sandbox/config.ts).
    'DEMO_MERCHANT',
  ];
  const found = files.flatMap((f) => {
    const text = read(f, 'utf8');
    return serverOnly.filter((s) => text.includes(s)).map((s) => `${f}: ${s}`);
  });
  expect(found).toEqual([]);
});
