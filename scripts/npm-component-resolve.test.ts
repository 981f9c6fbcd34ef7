import fs from 'node:fs';
import path from 'node:path';
import {
  isNpmComponent,
  joinPath,
  packagedPath,
  resolveNpmComponent,
  splitPackagePath,
  type PackageHost,
} from './npm-component-resolve';

/** A host over an in-memory tree: file -> content; folders are the prefixes of files. */
function memoryHost(files: Record<string, string>, installed: Record<string, string>): PackageHost {
  const exists = (file: string) =>
    file in files || Object.keys(files).some((f) => f.startsWith(`${file}/`));
  return {
    manifestOf: (pkg) => installed[pkg],
    readText: (file) => {
      const text = files[file];
      if (text === undefined) throw new Error(`ENOENT ${file}`);
      return text;
    },
    exists,
  };
}

describe('npm component paths', () => {
  test('files of the mini-program and plugins are not npm components', () => {
    for (const own of [
      '/components/x/index',
      './x',
      '../x',
      'plugin://p/c',
      'plugin-private://p/c',
    ]) {
      expect(isNpmComponent(own)).toBe(false);
    }
    expect(isNpmComponent('tdesign-miniprogram/button/button')).toBe(true);
  });

  test('splits scoped and plain package paths', () => {
    expect(splitPackagePath('tdesign-miniprogram/button/button')).toEqual({
      pkg: 'tdesign-miniprogram',
      rest: 'button/button',
    });
    expect(splitPackagePath('@scope/ui/cell')).toEqual({ pkg: '@scope/ui', rest: 'cell' });
  });

  test('joins posix paths, resolving . and ..', () => {
    expect(joinPath('/a/b/package.json', '..', 'dist')).toBe('/a/b/dist');
    expect(joinPath('miniprogram_npm', 'pkg', '')).toBe('miniprogram_npm/pkg');
    expect(packagedPath('@s/ui', 'cell/index')).toBe('miniprogram_npm/@s/ui/cell/index');
  });
});

describe('resolveNpmComponent', () => {
  const files = {
    '/nm/ui/package.json': JSON.stringify({ name: 'ui' }),
    '/nm/ui/miniprogram_dist/button/button.json': '{}',
    '/nm/ui/miniprogram_dist/cell/index.json': '{}',
    '/nm/@s/x/package.json': JSON.stringify({ miniprogram: 'mp' }),
    '/nm/@s/x/mp/tag/tag.json': '{}',
    '/nm/plain/package.json': '{}',
  };
  const host = memoryHost(files, {
    ui: '/nm/ui/package.json',
    '@s/x': '/nm/@s/x/package.json',
    plain: '/nm/plain/package.json',
  });

  test('a component file, a folder with index, and a package with its own miniprogram folder', () => {
    expect(resolveNpmComponent('ui/button/button', host)).toEqual({
      ok: true,
      component: { pkg: 'ui', dist: '/nm/ui/miniprogram_dist', unit: 'button/button' },
    });
    expect(resolveNpmComponent('ui/cell', host)).toEqual({
      ok: true,
      component: { pkg: 'ui', dist: '/nm/ui/miniprogram_dist', unit: 'cell/index' },
    });
    expect(resolveNpmComponent('@s/x/tag/tag', host)).toEqual({
      ok: true,
      component: { pkg: '@s/x', dist: '/nm/@s/x/mp', unit: 'tag/tag' },
    });
  });

  test('says why a value does not resolve', () => {
    const problem = (value: string) => {
      const r = resolveNpmComponent(value, host);
      return r.ok ? 'ok' : r.problem;
    };
    expect(problem('/components/x/index')).toBe('not-npm');
    expect(problem('missing/button')).toBe('not-installed');
    expect(problem('plain/button')).toBe('no-dist');
    expect(problem('ui/nothing/here')).toBe('no-component');
    const lacking = resolveNpmComponent('ui/nothing/here', host);
    expect(!lacking.ok && lacking.message).toBe(
      'usingComponents names ui/nothing/here, which ui lacks',
    );
  });

  test("resolves TDesign's button from the installed package", () => {
    const root = path.resolve(__dirname, '..');
    const resolved = resolveNpmComponent('tdesign-miniprogram/button/button', {
      manifestOf: (pkg) => require.resolve(`${pkg}/package.json`, { paths: [root] }),
      readText: (file) => fs.readFileSync(file, 'utf8'),
      exists: (file) => fs.existsSync(file),
    });
    expect(resolved.ok && resolved.component).toEqual({
      pkg: 'tdesign-miniprogram',
      dist: path.join(root, 'node_modules/tdesign-miniprogram/miniprogram_dist'),
      unit: 'button/button',
    });
  });
});
