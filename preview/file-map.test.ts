import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeNpmFixture } from '../test/e2e/fixtures/npm-fixture';
import { buildFileMap, keepAria, pagesOf } from './file-map';

const MINIPROGRAM = path.resolve(__dirname, '..', 'miniprogram');

describe('buildFileMap of the mini-program', () => {
  let sources: Awaited<ReturnType<typeof buildFileMap>>;
  beforeAll(async () => {
    sources = await buildFileMap(MINIPROGRAM);
  });

  it('lists the pages of app.json and the components', () => {
    expect(sources.pages).toEqual(pagesOf(sources.app));
    expect(sources.pages).toContain('pages/index/index');
    // The operator area is the admin/ subpackage: its pages and components are served too.
    expect(sources.pages).toContain('admin/index/index');
    expect(sources.components).toContain('components/plate-keyboard/index');
    expect(sources.components).toContain('admin/components/reason-dialog/index');
    expect(sources.errors).toEqual({});
  });

  it('gives each page app.wxss before its own sheet', () => {
    expect(sources.files['pages/index/index.wxss']).toMatch(/^@import '\.\.\/\.\.\/app\.wxss';\n/);
    expect(sources.files['app.wxss']).toBeDefined();
    expect(sources.files['components/plate-keyboard/index.wxss']).not.toMatch(/@import/);
  });

  it('runs scripts as one module graph, reaching modules outside miniprogram/', () => {
    expect(sources.files['components/plate-keyboard/index.js']).toBe(
      'module.exports = window.__pvRequire("components/plate-keyboard/index.ts", true);\n',
    );
    expect(sources.files['app.js']).toBe('module.exports = window.__pvRequire("app.ts", false);\n');
    // miniprogram/core/plate re-exports the repository's core/plate: both are modules.
    expect(sources.modules['core/plate/index.ts']!.deps).toEqual({
      '../../../core/plate': '../core/plate/index.ts',
    });
    expect(sources.modules['../core/plate/provinces.ts']!.code).toContain('粤');
    expect(sources.modules['pages/index/index.ts']!.code).toContain('Page(');
    // A subpackage page shares the main package's modules (one transport, as in WeChat).
    expect(sources.files['admin/lot/index.js']).toBe(
      'module.exports = window.__pvRequire("admin/lot/index.ts", true);\n',
    );
    expect(sources.modules['admin/lot/index.ts']!.deps['../../services/operator-api']).toBe(
      'services/operator-api.ts',
    );
    expect(sources.files['admin/lot/index.wxss']).toMatch(/^@import '\.\.\/\.\.\/app\.wxss';\n/);
  });

  it('leaves test helpers out', () => {
    expect(Object.keys(sources.files).some((f) => f.startsWith('test-support/'))).toBe(false);
  });
});

describe('buildFileMap with a broken page', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-map-'));
    fs.mkdirSync(path.join(dir, 'pages', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/a/a'] }));
    fs.writeFileSync(path.join(dir, 'pages', 'a', 'a.json'), '{}');
    fs.writeFileSync(path.join(dir, 'pages', 'a', 'a.wxml'), '<view/>');
    fs.writeFileSync(path.join(dir, 'pages', 'a', 'a.ts'), "import './missing';\nPage({});\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports the build error for the preview to show instead of failing', async () => {
    const sources = await buildFileMap(dir);
    expect(sources.errors['pages/a/a']).toMatch(/missing/);
    expect(sources.files['pages/a/a.js']).toBeUndefined();
    expect(sources.files['pages/a/a.wxml']).toBe('<view/>');
  });
});

describe('pagesOf', () => {
  it('prefixes subpackage pages with their root', () => {
    expect(
      pagesOf({ pages: ['pages/a/a'], subpackages: [{ root: 'operator/', pages: ['home/home'] }] }),
    ).toEqual(['pages/a/a', 'operator/home/home']);
  });

  it('reads both spellings of subpackages', () => {
    expect(
      pagesOf({
        pages: ['pages/a/a'],
        subpackages: [{ root: 'a', pages: ['x/x'] }],
        subPackages: [{ root: 'b/', pages: ['y/y'] }],
      }),
    ).toEqual(['pages/a/a', 'a/x/x', 'b/y/y']);
  });
});

describe('buildFileMap with a component library from node_modules', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-npm-'));
    writeNpmFixture(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('maps the library under miniprogram_npm/ and points usingComponents at it', async () => {
    const sources = await buildFileMap(dir);
    expect(sources.errors).toEqual({});
    expect(JSON.parse(sources.files['pages/main/main.json']!)).toEqual({
      usingComponents: { 'demo-badge': '/miniprogram_npm/demo-ui/badge/badge' },
    });
    expect(sources.files['miniprogram_npm/demo-ui/badge/badge.js']).toContain(
      'node_modules/demo-ui/miniprogram_dist/badge/badge.js',
    );
    expect(sources.files['miniprogram_npm/demo-ui/badge/badge.wxml']).toMatch(
      /^<wxs module="u">[\s\S]*__wxsRequire\("miniprogram_npm\/demo-ui\/common\/money\.wxs"\)/,
    );
    // Library components are not offered as the app's own component demos.
    expect(sources.components).toEqual([]);
  });
});

describe('keepAria', () => {
  it('renames aria attributes to data attributes that j-component renders', () => {
    expect(keepAria('<view aria-role="button" aria-label="第 {{i}} 位" class="a">x</view>')).toBe(
      '<view data-pv-aria-role="button" data-pv-aria-label="第 {{i}} 位" class="a">x</view>',
    );
  });
});
