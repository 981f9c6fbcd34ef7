import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildModuleGraph } from './module-graph';

// A small tree: two pages sharing a module, a folder import outside the root, a package.
let dir: string;
let root: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-graph-'));
  root = path.join(dir, 'mp');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write(
    'shared/money/index.ts',
    'export const yuan = (fen: number): string => (fen / 100).toFixed(2);\n',
  );
  write('node_modules/tiny-pkg/package.json', '{ "name": "tiny-pkg", "main": "main.js" }');
  write('node_modules/tiny-pkg/main.js', "module.exports = { hello: () => '你好' };\n");
  write(
    'mp/services/state.ts',
    "import type { X } from './types';\nexport const state: { x?: X } = {};\n",
  );
  write('mp/services/types.ts', 'export interface X { n: number }\n');
  write(
    'mp/pages/a/a.ts',
    "import { state } from '../../services/state';\nimport { yuan } from '../../../shared/money';\nimport { hello } from 'tiny-pkg';\nstate.x = { n: 1 };\nexport const shown = yuan(1250) + hello();\n",
  );
  write(
    'mp/pages/b/b.ts',
    "import { state } from '../../services/state';\nexport const seen = state;\n",
  );
  write('mp/pages/broken/broken.ts', "import './nope';\n");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('keeps one module per file, shared by the entries, with specifiers mapped to keys', async () => {
  const entries = ['pages/a/a.ts', 'pages/b/b.ts'].map((f) => path.join(root, f));
  const graph = await buildModuleGraph(root, entries);
  expect([...graph.entries.values()].sort()).toEqual(['pages/a/a.ts', 'pages/b/b.ts']);
  expect(graph.modules['pages/a/a.ts']!.deps).toEqual({
    '../../services/state': 'services/state.ts',
    '../../../shared/money': '../shared/money/index.ts',
    'tiny-pkg': 'npm:tiny-pkg',
  });
  expect(graph.modules['pages/b/b.ts']!.deps).toEqual({
    '../../services/state': 'services/state.ts',
  });
  // Type-only imports are not modules at run time.
  expect(graph.modules['services/types.ts']).toBeUndefined();
  expect(graph.modules['npm:tiny-pkg']!.code).toContain('你好');
});

it('runs in a CommonJS loader where the pages share module state', async () => {
  const entries = ['pages/a/a.ts', 'pages/b/b.ts'].map((f) => path.join(root, f));
  const { modules } = await buildModuleGraph(root, entries);
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const load = (key: string): Record<string, unknown> => {
    if (cache.has(key)) return cache.get(key)!.exports;
    const module = { exports: {} as Record<string, unknown> };
    cache.set(key, module);
    const def = modules[key]!;
    new Function('require', 'module', 'exports', def.code)(
      (spec: string) => load(def.deps[spec]!),
      module,
      module.exports,
    );
    return module.exports;
  };
  expect(load('pages/a/a.ts').shown).toBe('12.50你好');
  expect(load('pages/b/b.ts').seen).toEqual({ x: { n: 1 } });
});

it('names the entries that fail to build, and builds the others', async () => {
  const broken = path.join(root, 'pages/broken/broken.ts');
  const graph = await buildModuleGraph(root, [broken, path.join(root, 'pages/b/b.ts')]);
  expect(graph.failed.get(broken)).toMatch(/nope/);
  expect(graph.modules['pages/b/b.ts']).toBeDefined();
});
