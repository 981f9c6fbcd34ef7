// The build refuses what must not be uploaded: a main package above the limit, and any trace of
// the merchant's password or key. Built from a small mini-program written to a temporary folder.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  MAIN_PACKAGE_LIMIT_BYTES,
  PackageRefusedError,
  buildMiniprogram,
  entryModules,
  ignoreMatcher,
  merchantSecrets,
  secretsIn,
  sizeProblem,
} from '../../scripts/build-miniprogram';
import { DEMO_MERCHANT } from '../../sandbox/config';
import { walkFiles } from './support/load-package';

jest.setTimeout(60_000);

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(tmpdir(), 'miniprogram-refusal-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A project with one page using one component; the page imports pure code from outside. */
function writeProject(pageCode: string): string {
  write(
    'project.config.json',
    JSON.stringify({
      appid: 'touristappid',
      miniprogramRoot: 'miniprogram/',
      setting: { useCompilerPlugins: ['typescript'], es6: true },
      packOptions: { ignore: [{ type: 'file', value: 'pages/a/notes.wxml' }] },
    }),
  );
  write('shared/greeting.ts', 'export const greeting = (name: string) => `你好，${name}`;\n');
  write('miniprogram/app.json', JSON.stringify({ pages: ['pages/a/a'] }));
  write('miniprogram/app.ts', 'App({});\n');
  write(
    'miniprogram/pages/a/a.json',
    JSON.stringify({ usingComponents: { card: '../../c/card' } }),
  );
  write('miniprogram/pages/a/a.ts', pageCode);
  write('miniprogram/pages/a/a.wxml', '<card />\n');
  write('miniprogram/pages/a/a.wxss', '\n');
  write('miniprogram/pages/a/notes.wxml', '<view />\n');
  write('miniprogram/pages/a/a.test.ts', "it('x', () => {});\n");
  write('miniprogram/c/card.json', JSON.stringify({ component: true, usingComponents: {} }));
  write('miniprogram/c/card.ts', 'Component({});\n');
  write('miniprogram/c/card.wxml', '<view />\n');
  return path.join(root, 'miniprogram');
}

const HELLO_PAGE =
  "import { greeting } from '../../../shared/greeting';\nPage({ data: { text: greeting('司机') } });\n";

it('builds a small project: outside code bundled, components followed, ignores applied', async () => {
  const srcDir = writeProject(HELLO_PAGE);
  expect(entryModules(srcDir)).toEqual(['app', 'c/card', 'pages/a/a']);
  const report = await buildMiniprogram({ srcDir, outDir: path.join(root, 'dist') });
  expect(walkFiles(report.packageDir).sort()).toEqual([
    'app.js',
    'app.json',
    'c/card.js',
    'c/card.json',
    'c/card.wxml',
    'pages/a/a.js',
    'pages/a/a.json',
    'pages/a/a.wxml',
    'pages/a/a.wxss',
  ]);
  const page = fs.readFileSync(path.join(report.packageDir, 'pages/a/a.js'), 'utf8');
  expect(page).toContain('你好');
  expect(page).not.toContain('require(');
  const config = JSON.parse(fs.readFileSync(path.join(root, 'dist/project.config.json'), 'utf8'));
  expect(config.setting).toEqual({ es6: true });
});

it('refuses a package that holds the merchant key, without printing the key', async () => {
  const srcDir = writeProject(
    `${HELLO_PAGE}export const leaked = '${DEMO_MERCHANT.key.toUpperCase()}';\n`,
  );
  const error = await buildMiniprogram({ srcDir, outDir: path.join(root, 'dist') }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageRefusedError);
  const refused = error as PackageRefusedError;
  expect(refused.problems).toEqual([
    'pages/a/a.js contains the demo merchant key (sandbox/config.ts DEMO_MERCHANT)',
  ]);
  expect(refused.message.toLowerCase()).not.toContain(DEMO_MERCHANT.key);
});

it('refuses a package that holds the merchant password', async () => {
  const srcDir = writeProject(`${HELLO_PAGE}export const p = '${DEMO_MERCHANT.password}';\n`);
  const error = await buildMiniprogram({ srcDir, outDir: path.join(root, 'dist') }).catch(
    (e: unknown) => e,
  );
  expect((error as PackageRefusedError).problems).toEqual([
    'pages/a/a.js contains the demo merchant password (sandbox/config.ts DEMO_MERCHANT)',
  ]);
});

it('refuses a main package above the limit, and still reports its size', async () => {
  const srcDir = writeProject(HELLO_PAGE);
  const error = await buildMiniprogram({
    srcDir,
    outDir: path.join(root, 'dist'),
    limitBytes: 100,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackageRefusedError);
  const refused = error as PackageRefusedError;
  expect(refused.report.mainBytes).toBeGreaterThan(100);
  expect(refused.problems).toHaveLength(1);
  expect(refused.problems[0]).toMatch(/^main package is .* above the limit of 100 bytes/);
});

it('sizeProblem: at the limit passes, one byte above fails', () => {
  expect(sizeProblem(MAIN_PACKAGE_LIMIT_BYTES, MAIN_PACKAGE_LIMIT_BYTES)).toBeUndefined();
  expect(sizeProblem(MAIN_PACKAGE_LIMIT_BYTES + 1, MAIN_PACKAGE_LIMIT_BYTES)).toContain(
    '1,572,865 bytes',
  );
  expect(MAIN_PACKAGE_LIMIT_BYTES).toBe(1.5 * 1024 * 1024);
});

it('secretsIn: finds the key in any case and the password, names them only', () => {
  const secrets = merchantSecrets();
  expect(secretsIn('nothing here 0123456789abcdef0123456789abcdef', secrets)).toEqual([]);
  const found = secretsIn(`x="${DEMO_MERCHANT.key.toUpperCase()}";y="sandbox-password"`, secrets);
  expect(found).toHaveLength(2);
  for (const label of found) {
    expect(label).not.toContain(DEMO_MERCHANT.key);
    expect(label).not.toContain(DEMO_MERCHANT.password);
  }
});

it('ignoreMatcher: suffix, prefix, folder, file, glob and regexp rules', () => {
  const ignored = ignoreMatcher([
    { type: 'suffix', value: '.test.ts' },
    { type: 'prefix', value: 'draft-' },
    { type: 'folder', value: 'miniprogram/pages/testing' },
    { type: 'file', value: 'notes.md' },
    { type: 'glob', value: 'docs/**/*.png' },
    { type: 'glob', value: '*.bak' },
    { type: 'regexp', value: '\\.psd$' },
  ]);
  expect(
    [
      'pages/a/a.test.ts',
      'pages/a/draft-b.wxml',
      'pages/testing/x.ts',
      'notes.md',
      'docs/x/y/z.png',
      'docs/a.png',
      'top.bak',
      'art/logo.psd',
    ].filter(ignored),
  ).toHaveLength(8);
  expect(
    ['pages/a/a.ts', 'pages/testing-not/x.ts', 'x/notes.md', 'docs/a.jpg', 'x/y.bak'].filter(
      ignored,
    ),
  ).toEqual([]);
});
