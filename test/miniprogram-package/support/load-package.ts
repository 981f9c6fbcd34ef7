// Runs built package files as WeChat does: CommonJS modules, one cache shared by all, in a context
// whose only globals are the mini-program ones (App, Page, Component, getApp, wx). A require that
// leaves the package or names a package from node_modules throws.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

export type Options = Record<string, unknown>;

export interface LoadedPackage {
  require(rel: string): unknown;
  captured: { app: Options[]; page: Options[]; component: Options[] };
}

export function walkFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return walkFiles(full, base);
    return [path.relative(base, full).split(path.sep).join('/')];
  });
}

export function loadPackage(packageDir: string, wx: Record<string, unknown>): LoadedPackage {
  const captured: LoadedPackage['captured'] = { app: [], page: [], component: [] };
  const context = vm.createContext({
    wx,
    App: (o: Options) => captured.app.push(o),
    Page: (o: Options) => captured.page.push(o),
    Component: (o: Options) => captured.component.push(o),
    getApp: () => captured.app[0],
    console,
    setTimeout,
    clearTimeout,
  });
  const cache = new Map<string, { exports: unknown }>();

  const load = (rel: string): unknown => {
    const normal = path.posix.normalize(rel);
    if (normal.startsWith('../') || path.posix.isAbsolute(normal)) {
      throw new Error(`require leaves the package: ${rel}`);
    }
    const hit = cache.get(normal);
    if (hit) return hit.exports;
    const file = path.join(packageDir, normal);
    if (!fs.existsSync(file)) throw new Error(`require of a missing file: ${rel}`);
    const module = { exports: {} as unknown };
    cache.set(normal, module);
    const wrapper = vm.runInContext(
      `(function (exports, require, module) {${fs.readFileSync(file, 'utf8')}\n})`,
      context,
      { filename: normal },
    ) as (exports: unknown, require: (spec: string) => unknown, module: unknown) => void;
    const localRequire = (spec: string) => {
      if (!spec.startsWith('./') && !spec.startsWith('../')) {
        throw new Error(`${normal} requires "${spec}", which is not a file of the package`);
      }
      const target = path.posix.join(path.posix.dirname(normal), spec);
      return load(target.endsWith('.js') ? target : `${target}.js`);
    };
    wrapper(module.exports, localRequire, module);
    return module.exports;
  };

  return { require: load, captured };
}
