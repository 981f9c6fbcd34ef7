// WeChat's own compilers in the build: wcc (templates, wxs) and wcsc (styles) from
// miniprogram-compiler, and miniprogram-ci's getCompiledResult offline. The real package passes
// them; a small project with a planted error fails the build, naming the file and line.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CompileRefusedError,
  REPO_ROOT,
  buildMiniprogram,
  formatProblem,
  type CompileProblem,
} from '../../scripts/build-miniprogram';
import { compileWithMiniprogramCi } from '../../scripts/build-miniprogram/wechat-ci';

jest.setTimeout(240_000);

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(tmpdir(), 'miniprogram-wechat-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const PAGE_WXML = [
  '<wxs src="./format.wxs" module="format" />',
  '<view class="page">',
  '  <card title="{{format.title(name)}}" />',
  '  <t-button theme="primary">{{name}}</t-button>',
  '</view>',
  '',
].join('\n');
const PAGE_WXSS = ['@import "../../common.wxss";', '.page {', '  padding: 24rpx;', '}', ''].join(
  '\n',
);
const APP_JSON = JSON.stringify({ pages: ['pages/a/a'] }, null, 2);

/** One page with a wxs module, an imported style, a component of its own and a TDesign one. */
function writeProject(): string {
  // TDesign resolves from the project's node_modules, as in the repository.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  write(
    'project.config.json',
    JSON.stringify({
      appid: 'touristappid',
      compileType: 'miniprogram',
      miniprogramRoot: 'miniprogram/',
      setting: { useCompilerPlugins: ['typescript'], es6: true, enhance: true, minified: true },
    }),
  );
  write('miniprogram/app.json', APP_JSON);
  write('miniprogram/app.ts', 'App({});\n');
  write('miniprogram/common.wxss', '.muted {\n  color: #999;\n}\n');
  write(
    'miniprogram/pages/a/a.json',
    JSON.stringify(
      {
        usingComponents: { card: '../../c/card', 't-button': 'tdesign-miniprogram/button/button' },
      },
      null,
      2,
    ),
  );
  write('miniprogram/pages/a/a.ts', "Page({ data: { name: '司机' } });\n");
  write('miniprogram/pages/a/a.wxml', PAGE_WXML);
  write('miniprogram/pages/a/a.wxss', PAGE_WXSS);
  write(
    'miniprogram/pages/a/format.wxs',
    'module.exports = { title: function (n) { return "你好，" + n; } };\n',
  );
  write('miniprogram/c/card.json', JSON.stringify({ component: true, usingComponents: {} }));
  write('miniprogram/c/card.ts', 'Component({ properties: { title: String } });\n');
  write('miniprogram/c/card.wxml', '<view class="card">{{title}}</view>\n');
  write('miniprogram/c/card.wxss', '.card {\n  margin: 8rpx;\n}\n');
  return path.join(root, 'miniprogram');
}

async function refusal(
  srcDir: string,
  wechat: 'templates' | 'all' = 'templates',
): Promise<CompileProblem[]> {
  const error = await buildMiniprogram({ srcDir, outDir: path.join(root, 'dist'), wechat }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CompileRefusedError);
  return (error as CompileRefusedError).problems;
}

it('the real package passes wcc and wcsc, TDesign components included', async () => {
  const outDir = path.join(root, 'real');
  const report = await buildMiniprogram({ outDir, wechat: 'templates' });
  const checked = report.files.filter((f) => /\.(wxml|wxs|wxss)$/.test(f.path));
  expect(checked.length).toBeGreaterThan(40);
  expect(checked.some((f) => f.path.startsWith('miniprogram_npm/tdesign-miniprogram/'))).toBe(true);
});

it('a small project passes all three compilers', async () => {
  const srcDir = writeProject();
  const report = await buildMiniprogram({ srcDir, outDir: path.join(root, 'dist'), wechat: 'all' });
  expect(report.files.map((f) => f.path)).toEqual(
    expect.arrayContaining([
      'pages/a/format.wxs',
      'common.wxss',
      'miniprogram_npm/tdesign-miniprogram/button/button.wxml',
    ]),
  );
});

it('a template with an unclosed tag fails with its source file and line (wcc)', async () => {
  const srcDir = writeProject();
  write('miniprogram/pages/a/a.wxml', PAGE_WXML.replace('  <card', '  <view>\n  <card'));
  const problems = await refusal(srcDir);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({
    tool: 'wcc',
    file: path.join(srcDir, 'pages/a/a.wxml'),
    line: expect.any(Number),
  });
  expect(problems[0]!.message).toMatch(/end tag|unexpected end/);
});

it('a template with a broken expression fails at that line (wcc)', async () => {
  const srcDir = writeProject();
  write(
    'miniprogram/pages/a/a.wxml',
    PAGE_WXML.replace('{{name}}</t-button>', '{{ name + }}</t-button>'),
  );
  const problems = await refusal(srcDir);
  expect(problems).toEqual([
    expect.objectContaining({ tool: 'wcc', file: path.join(srcDir, 'pages/a/a.wxml'), line: 4 }),
  ]);
});

it('a wxs module with a syntax error fails with its file and line (wcc)', async () => {
  const srcDir = writeProject();
  write('miniprogram/pages/a/format.wxs', 'var a = 1;\nvar b = ;\nmodule.exports = {};\n');
  const problems = await refusal(srcDir);
  expect(problems).toEqual([
    expect.objectContaining({
      tool: 'wcc',
      file: path.join(srcDir, 'pages/a/format.wxs'),
      line: 2,
    }),
  ]);
});

it('a broken style fails with its source file and line (wcsc)', async () => {
  const srcDir = writeProject();
  write(
    'miniprogram/pages/a/a.wxss',
    PAGE_WXSS.replace('  padding: 24rpx;', '  padding: 24rpx;\n  { color'),
  );
  const problems = await refusal(srcDir);
  expect(problems).toEqual([
    expect.objectContaining({ tool: 'wcsc', file: path.join(srcDir, 'pages/a/a.wxss'), line: 4 }),
  ]);
  expect(formatProblem(problems[0]!, root)).toMatch(
    /^miniprogram\/pages\/a\/a\.wxss:4:\d+: .+ \(wcsc\)$/,
  );
});

it('an app.json naming a missing page fails at that line of app.json', async () => {
  const srcDir = writeProject();
  write(
    'miniprogram/app.json',
    JSON.stringify({ pages: ['pages/a/a', 'pages/gone/gone'] }, null, 2),
  );
  const problems = await refusal(srcDir);
  expect(problems).toEqual([
    expect.objectContaining({ file: path.join(srcDir, 'app.json'), line: 4 }),
  ]);
  expect(problems[0]!.message).toContain('pages/gone/gone');
});

it('miniprogram-ci refuses a package whose app.json names a missing page (10005), at its line', async () => {
  const srcDir = writeProject();
  const outDir = path.join(root, 'dist');
  await buildMiniprogram({ srcDir, outDir });
  // Planted in the built package: the build's own check would stop it before miniprogram-ci.
  const appFile = path.join(outDir, 'miniprogram/app.json');
  fs.writeFileSync(appFile, JSON.stringify({ pages: ['pages/a/a', 'pages/gone/gone'] }, null, 2));
  const problems = await compileWithMiniprogramCi(outDir, new Map([['app.json', '/src/app.json']]));
  expect(problems).toEqual([
    expect.objectContaining({ tool: 'miniprogram-ci', file: '/src/app.json', line: 4 }),
  ]);
  expect(problems[0]!.message).toContain('10005');
  expect(problems[0]!.message).toContain('pages/gone/gone');
});

it('miniprogram-ci refuses a script with a syntax error, at its line and column', async () => {
  const srcDir = writeProject();
  const outDir = path.join(root, 'dist');
  await buildMiniprogram({ srcDir, outDir });
  const pageJs = path.join(outDir, 'miniprogram/pages/a/a.js');
  fs.appendFileSync(pageJs, '\nvar broken = ;\n');
  const lines = fs.readFileSync(pageJs, 'utf8').split('\n');
  const problems = await compileWithMiniprogramCi(outDir, new Map());
  expect(problems).toEqual([
    expect.objectContaining({
      tool: 'miniprogram-ci',
      file: pageJs,
      line: lines.indexOf('var broken = ;') + 1,
    }),
  ]);
});
