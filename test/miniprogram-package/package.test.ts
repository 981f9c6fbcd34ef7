// The upload package as WeChat DevTools opens it: built into a temporary folder from the real
// mini-program, then read back file by file and run in a vm with the mini-program globals.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  MAIN_PACKAGE_LIMIT_BYTES,
  REPO_ROOT,
  buildMiniprogram,
  type BuildReport,
} from '../../scripts/build-miniprogram';
import { DEMO_MERCHANT } from '../../sandbox/config';
import { loadPackage, walkFiles } from './support/load-package';

jest.setTimeout(60_000);

let outDir: string;
let report: BuildReport;
let files: string[];

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(tmpdir(), 'miniprogram-package-'));
  report = await buildMiniprogram({ outDir });
  files = walkFiles(report.packageDir);
});
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const appJson = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'miniprogram', 'app.json'), 'utf8'),
) as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
/** Every page: the main package's, then each subpackage's under its root. */
const allPages = [
  ...appJson.pages,
  ...appJson.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
];

it('holds the four files of every page of app.json, and app.js', () => {
  expect(appJson.pages.length).toBeGreaterThan(0);
  expect(allPages).toContain('admin/index/index');
  const present = new Set(files);
  for (const page of allPages) {
    for (const ext of ['.js', '.wxml', '.wxss', '.json'])
      expect(present).toContain(`${page}${ext}`);
  }
  for (const f of ['app.js', 'app.json', 'app.wxss', 'sitemap.json']) expect(present).toContain(f);
});

it('holds the files of every component the pages use', () => {
  const present = new Set(files);
  for (const page of allPages) {
    const json = JSON.parse(fs.readFileSync(path.join(report.packageDir, `${page}.json`), 'utf8'));
    for (const target of Object.values((json.usingComponents ?? {}) as Record<string, string>)) {
      const rel = target.replace(/^\//, '');
      for (const ext of ['.js', '.wxml', '.wxss', '.json'])
        expect(present).toContain(`${rel}${ext}`);
    }
  }
});

it('leaves out TypeScript, tests and the test kits', () => {
  expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  expect(files.filter((f) => /\.test\./.test(f))).toEqual([]);
  expect(files.filter((f) => /^(test-support|pages\/testing|admin\/testing)\//.test(f))).toEqual(
    [],
  );
  expect(files).not.toContain('tsconfig.json');
});

it('requires only files inside the package', () => {
  let requires = 0;
  for (const f of files.filter((x) => x.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(report.packageDir, f), 'utf8');
    const literal = [...code.matchAll(/\brequire\((["'`])([^"'`]+)\1\)/g)].map((m) => m[2]!);
    // Every require has a literal path (nothing computed that could reach outside).
    expect({ f, count: literal.length }).toEqual({
      f,
      count: code.match(/\brequire\(/g)?.length ?? 0,
    });
    for (const spec of literal) {
      requires += 1;
      expect({ f, spec, relative: spec.startsWith('./') || spec.startsWith('../') }).toEqual({
        f,
        spec,
        relative: true,
      });
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), spec));
      expect({ f, spec, inside: !target.startsWith('../') && files.includes(target) }).toEqual({
        f,
        spec,
        inside: true,
      });
    }
  }
  // Modules are shared, not inlined into every page.
  expect(requires).toBeGreaterThan(appJson.pages.length);
});

it('is measured and under the main package limit', () => {
  const sizeOf = (list: string[]) =>
    list.reduce((sum, f) => sum + fs.statSync(path.join(report.packageDir, f)).size, 0);
  const onDisk = sizeOf(files);
  expect(report.bytes).toBe(onDisk);
  // The operator area (admin/) and each other subpackage of app.json apart; the rest is the
  // driver's main package.
  const subs = appJson.subPackages.map((s) => ({
    name: s.root,
    root: `${s.root}/`,
    bytes: sizeOf(files.filter((f) => f.startsWith(`${s.root}/`))),
  }));
  expect(subs.map((s) => s.name)).toContain('admin');
  const inSubs = subs.reduce((sum, s) => sum + s.bytes, 0);
  expect(report.packages).toEqual([{ name: 'main', root: '', bytes: onDisk - inSubs }, ...subs]);
  expect(report.mainBytes).toBe(onDisk - inSubs);
  expect(files.filter((f) => f.startsWith('pages/admin/'))).toEqual([]);
  expect(report.files.map((f) => f.path).sort()).toEqual([...files].sort());
  expect(report.largest[0]!.bytes).toBe(Math.max(...report.files.map((f) => f.bytes)));
  expect(report.mainBytes).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT_BYTES);
});

it('holds no merchant password or key', () => {
  const key = DEMO_MERCHANT.key.toLowerCase();
  for (const f of files) {
    const text = fs.readFileSync(path.join(report.packageDir, f), 'latin1').toLowerCase();
    expect({ f, password: text.includes(DEMO_MERCHANT.password) }).toEqual({ f, password: false });
    expect({ f, key: text.includes(key) }).toEqual({ f, key: false });
  }
});

it('writes a project.config.json that opens the built package without the TS plugin', () => {
  const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'project.config.json'), 'utf8'));
  const built = JSON.parse(fs.readFileSync(path.join(outDir, 'project.config.json'), 'utf8'));
  expect(built).toMatchObject({
    miniprogramRoot: 'miniprogram/',
    cloudfunctionRoot: '../cloudfunctions/',
    appid: root.appid,
    compileType: root.compileType,
  });
  expect(built.setting.useCompilerPlugins ?? []).not.toContain('typescript');
  expect(built.setting.es6).toBe(root.setting.es6);
});

it('runs: app.js sets the transport that a page then calls through', async () => {
  const calls: unknown[] = [];
  const pkg = loadPackage(report.packageDir, {
    cloud: {
      init: () => undefined,
      callFunction: async (req: unknown) => {
        calls.push(JSON.parse(JSON.stringify(req)));
        return { result: { ok: true, data: { live: [], history: [] } } };
      },
    },
  });
  pkg.require('app.js');
  expect(pkg.captured.app).toHaveLength(1);
  (pkg.captured.app[0]!.onLaunch as () => void).call(pkg.captured.app[0]);

  pkg.require('pages/index/index.js');
  expect(pkg.captured.page).toHaveLength(1);
  const options = pkg.captured.page[0]!;
  expect(typeof options.onLoad).toBe('function');
  expect(typeof options.onShow).toBe('function');

  const updates: unknown[] = [];
  const page: Record<string, unknown> = {
    ...options,
    data: { ...(options.data as object) },
    setData(patch: object) {
      updates.push(JSON.parse(JSON.stringify(patch)));
    },
  };
  await (page.loadLive as () => Promise<void>).call(page);
  expect(calls).toEqual([{ name: 'api', data: { route: 'sessions.mine', data: { limit: 10 } } }]);
  expect(updates).toEqual([{ live: [] }]);
});

it('runs every page and component file alone', () => {
  const pkg = loadPackage(report.packageDir, {});
  for (const page of allPages) pkg.require(`${page}.js`);
  expect(pkg.captured.page).toHaveLength(allPages.length);
  const components = report.files.filter(
    (f) => /^(admin\/)?components\//.test(f.path) && f.path.endsWith('/index.js'),
  );
  for (const c of components) pkg.require(c.path);
  expect(pkg.captured.component.length).toBeGreaterThanOrEqual(components.length);
});
