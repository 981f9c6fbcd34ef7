// Subpackages (分包): the build measures the main package and each subpackage against their
// limits, and refuses what WeChat refuses of the layout (the main package using a subpackage's
// file). Built from a small mini-program written to a temporary folder.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CompileRefusedError,
  PackageRefusedError,
  buildMiniprogram,
  entryModules,
  formatProblem,
  type CompileProblem,
} from '../../scripts/build-miniprogram';
import { loadPackage, walkFiles } from './support/load-package';

jest.setTimeout(60_000);

let root: string;
let srcDir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(tmpdir(), 'miniprogram-subpackages-'));
  srcDir = path.join(root, 'miniprogram');
  writeProject();
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const APP_JSON = {
  pages: ['pages/a/a'],
  subPackages: [{ root: 'ops', name: 'ops', pages: ['b/b'] }],
  preloadRule: { 'pages/a/a': { network: 'all', packages: ['ops'] } },
};

/** A main page, a subpackage page that uses the main package's component and module. */
function writeProject(): void {
  write('project.config.json', JSON.stringify({ miniprogramRoot: 'miniprogram/', setting: {} }));
  write('miniprogram/app.json', JSON.stringify(APP_JSON, null, 2));
  write('miniprogram/app.ts', 'App({});\n');
  write('miniprogram/shared/names.ts', 'export const who = (n: string) => `${n}（管理）`;\n');
  write('miniprogram/c/card.json', JSON.stringify({ component: true, usingComponents: {} }));
  write('miniprogram/c/card.ts', 'Component({});\n');
  write('miniprogram/c/card.wxml', '<view />\n');
  write('miniprogram/pages/a/a.json', JSON.stringify({ usingComponents: { card: '/c/card' } }));
  write(
    'miniprogram/pages/a/a.ts',
    "import { who } from '../../shared/names';\nPage({ data: { n: who('司机') } });\n",
  );
  write('miniprogram/pages/a/a.wxml', '<card />\n');
  write(
    'miniprogram/ops/b/b.json',
    JSON.stringify({ usingComponents: { card: '/c/card', panel: '../panel/panel' } }, null, 2),
  );
  write(
    'miniprogram/ops/b/b.ts',
    "import { who } from '../../shared/names';\nimport { label } from '../label';\nPage({ data: { n: who(label) } });\n",
  );
  write('miniprogram/ops/b/b.wxml', '<card /><panel />\n');
  write('miniprogram/ops/label.ts', "export const label = '值班员';\n");
  write('miniprogram/ops/panel/panel.json', JSON.stringify({ component: true }));
  write('miniprogram/ops/panel/panel.ts', 'Component({});\n');
  write('miniprogram/ops/panel/panel.wxml', `<view>${'管理'.repeat(400)}</view>\n`);
}

const build = (options: { limitBytes?: number; totalLimitBytes?: number } = {}) =>
  buildMiniprogram({ srcDir, outDir: path.join(root, 'dist'), ...options });

async function refusedProblems(): Promise<CompileProblem[]> {
  const error = await build().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CompileRefusedError);
  return (error as CompileRefusedError).problems;
}

it('builds subpackage pages and measures each package apart', async () => {
  expect(entryModules(srcDir)).toEqual([
    'app',
    'c/card',
    'ops/b/b',
    'ops/panel/panel',
    'pages/a/a',
  ]);
  const report = await build();
  const files = walkFiles(report.packageDir);
  expect(files).toEqual(
    expect.arrayContaining(['ops/b/b.js', 'ops/label.js', 'ops/panel/panel.wxml']),
  );
  const sizeOf = (inOps: boolean) =>
    files
      .filter((f) => f.startsWith('ops/') === inOps)
      .reduce((sum, f) => sum + fs.statSync(path.join(report.packageDir, f)).size, 0);
  expect(report.packages).toEqual([
    { name: 'main', root: '', bytes: sizeOf(false) },
    { name: 'ops', root: 'ops/', bytes: sizeOf(true) },
  ]);
  expect(report.mainBytes).toBe(sizeOf(false));
  expect(report.bytes).toBe(sizeOf(false) + sizeOf(true));
  // The subpackage page runs on the main package's module, shared.
  const pkg = loadPackage(report.packageDir, {});
  pkg.require('ops/b/b.js');
  expect(pkg.captured.page[0]!.data).toEqual({ n: '值班员（管理）' });
});

it('refuses a subpackage above the limit of each package, naming it', async () => {
  const sizes = (await build()).packages;
  const [main, ops] = [sizes[0]!.bytes, sizes[1]!.bytes];
  expect(ops).toBeGreaterThan(main);
  const error = await build({ limitBytes: ops - 1 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackageRefusedError);
  expect((error as PackageRefusedError).problems).toEqual([
    expect.stringMatching(/^subpackage ops\/ is .* above the limit of /),
  ]);
  expect((error as PackageRefusedError).report.packages[1]!.bytes).toBe(ops);
});

it('refuses all packages together above the total limit', async () => {
  const { bytes } = await build();
  const error = await build({ totalLimitBytes: bytes - 1 }).catch((e: unknown) => e);
  expect((error as PackageRefusedError).problems).toEqual([
    expect.stringMatching(/^all packages together are .* above the limit of /),
  ]);
  await expect(build({ totalLimitBytes: bytes })).resolves.toBeDefined();
});

it('refuses a main-package script that imports a file of the subpackage, at its line', async () => {
  write(
    'miniprogram/pages/a/a.ts',
    "import { who } from '../../shared/names';\nimport { label } from '../../ops/label';\nPage({ data: { n: who(label) } });\n",
  );
  const [problem, ...rest] = await refusedProblems();
  expect(rest).toEqual([]);
  expect(problem).toMatchObject({
    tool: 'build',
    file: path.join(srcDir, 'pages/a/a.ts'),
    line: 2,
  });
  expect(formatProblem(problem!, root)).toMatch(
    /^miniprogram\/pages\/a\/a\.ts:2: pages\/a\/a\.js \(the main package\) uses ops\/label\.js .* subpackage ops\/: /,
  );
});

it('refuses a main-package page using a component of the subpackage, at its line', async () => {
  write(
    'miniprogram/pages/a/a.json',
    JSON.stringify({ usingComponents: { card: '/c/card', panel: '/ops/panel/panel' } }, null, 2),
  );
  const problems = await refusedProblems();
  expect(problems).toEqual([
    expect.objectContaining({ file: path.join(srcDir, 'pages/a/a.json'), line: 4 }),
  ]);
  expect(problems[0]!.message).toContain('uses ops/panel/panel ("/ops/panel/panel")');
});

it('refuses one subpackage using another', async () => {
  write(
    'miniprogram/app.json',
    JSON.stringify({
      ...APP_JSON,
      subPackages: [...APP_JSON.subPackages, { root: 'more', pages: ['m/m'] }],
    }),
  );
  write(
    'miniprogram/more/m/m.json',
    JSON.stringify({ usingComponents: { panel: '/ops/panel/panel' } }),
  );
  write('miniprogram/more/m/m.ts', 'Page({});\n');
  write('miniprogram/more/m/m.wxml', '<panel />\n');
  const problems = await refusedProblems();
  expect(problems.map((p) => p.message)).toEqual([
    expect.stringMatching(
      /^more\/m\/m\.json \(subpackage more\/\) uses ops\/panel\/panel .* subpackage ops\//,
    ),
  ]);
});

it('refuses a page of the main package list that lies in a subpackage root', async () => {
  write(
    'miniprogram/app.json',
    JSON.stringify({ ...APP_JSON, pages: ['pages/a/a', 'ops/b/b'] }, null, 2),
  );
  const problems = await refusedProblems();
  expect(problems).toEqual([
    expect.objectContaining({ file: path.join(srcDir, 'app.json'), line: 4 }),
  ]);
  expect(problems[0]!.message).toMatch(
    /^"ops\/b\/b" is listed in pages but lies in subpackage ops\//,
  );
});
