// How the compilers' complaints become file and line: the output formats seen from wcc, wcsc
// (miniprogram-compiler 0.2.3) and the errors miniprogram-ci 2.1.42 throws.
import path from 'node:path';
import { lineOfJsonPath, parseJsonPath } from './json-lines';
import { formatProblem } from './problems';
import { ciProblem } from './wechat-ci';
import { parseCompilerOutput } from './wechat-compilers';

const PKG = '/out/miniprogram';

it('wcc: file:line:column: message, with or without a space, copies named by their source', () => {
  const sources = new Map([['pages/pay/pay.wxml', '/src/pages/pay/pay.wxml']]);
  const output = [
    'pages/pay/pay.wxml:50:1: unexpected end',
    'miniprogram_npm/tdesign-miniprogram/dialog/dialog.wxs:14:8:Expected exp',
    'something else',
  ].join('\n');
  expect(parseCompilerOutput('wcc', output, PKG, sources)).toEqual([
    {
      tool: 'wcc',
      file: '/src/pages/pay/pay.wxml',
      line: 50,
      column: 1,
      message: 'unexpected end',
    },
    {
      tool: 'wcc',
      file: path.join(PKG, 'miniprogram_npm/tdesign-miniprogram/dialog/dialog.wxs'),
      line: 14,
      column: 8,
      message: 'Expected exp',
    },
  ]);
});

it('wcsc: ERR: file(line:column): message', () => {
  const output =
    'ERR: pages/plate/plate.wxss(2:20): unexpected `{` at pos 53\n\nerror file count: 0\n';
  expect(parseCompilerOutput('wcsc', output, PKG, new Map())).toEqual([
    {
      tool: 'wcsc',
      file: path.join(PKG, 'pages/plate/plate.wxss'),
      line: 2,
      column: 20,
      message: 'unexpected `{` at pos 53',
    },
  ]);
});

it('miniprogram-ci, a script: line and column from "(2:8)"', () => {
  const problem = ciProblem(
    {
      message:
        'file: pages/index/index.js\n /tmp/x/pages/index/index.js: Unexpected token (2:8)\n\n  1 | "use strict"',
    },
    PKG,
    new Map(),
  );
  expect(problem).toEqual({
    tool: 'miniprogram-ci',
    file: path.join(PKG, 'pages/index/index.js'),
    line: 2,
    column: 8,
    message: 'Unexpected token (2:8)',
  });
});

it('JSON paths as miniprogram-ci writes them, and their lines', () => {
  expect(parseJsonPath('["pages"][16]')).toEqual(['pages', 16]);
  expect(parseJsonPath('["a\\"b"][0]["c"]')).toEqual(['a"b', 0, 'c']);
  const text = JSON.stringify({ pages: ['a', 'b'], window: { title: 'x' } }, null, 2);
  expect(lineOfJsonPath(text, ['pages', 1])).toBe(4);
  expect(lineOfJsonPath(text, ['window'])).toBe(6);
  expect(lineOfJsonPath(text, ['nothing', 3])).toBeUndefined();
  expect(lineOfJsonPath('{ not json', ['pages'])).toBeUndefined();
});

it('formatProblem: relative file, line and column when known', () => {
  expect(
    formatProblem({ tool: 'wcc', file: '/r/a/b.wxml', line: 3, column: 4, message: 'm' }, '/r'),
  ).toBe('a/b.wxml:3:4: m (wcc)');
  expect(formatProblem({ tool: 'build', file: '/r/app.json', line: 2, message: 'm' }, '/r')).toBe(
    'app.json:2: m (build)',
  );
  expect(formatProblem({ tool: 'miniprogram-ci', file: '/r/x', message: 'm' }, '/r')).toBe(
    'x: m (miniprogram-ci)',
  );
});
