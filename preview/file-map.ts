import fs from 'node:fs';
import path from 'node:path';
import {
  isNpmComponent,
  packagedPath,
  resolveNpmComponent,
  splitPackagePath,
  unitCandidates,
  type PackageHost,
} from '../scripts/npm-component-resolve';
import { buildModuleGraph, type ModuleDef } from './module-graph';
import { inlineWxs } from './wxs-inline';

/**
 * The mini-program as miniprogram-simulate's browser build reads it: `window.__FILE_MAP__` maps
 * paths relative to the mini-program root to file contents (toolchain notes, "The mini-program in
 * a real browser"). Scripts are bundled per page or component so that imports outside
 * miniprogram/ (core/plate) resolve, as a build step would before upload.
 */

export interface AppJson {
  pages: string[];
  window?: Record<string, unknown>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  subPackages?: Array<{ root: string; pages: string[] }>;
  [key: string]: unknown;
}

export interface MiniprogramSources {
  /** Path (no leading slash, posix) -> content, for `window.__FILE_MAP__`. */
  files: Record<string, string>;
  app: AppJson;
  /** Page routes from app.json (main package first, then subpackages). */
  pages: string[];
  /** Custom components found in the folder, as paths without extension. */
  components: string[];
  /** Units whose script failed to build: path -> message, shown in the preview. */
  errors: Record<string, string>;
  /** The scripts as one module graph (module-graph.ts), run by the preview's runtime. */
  modules: Record<string, ModuleDef>;
}

// Folders that are not part of the app the preview shows.
const SKIPPED_DIRS = new Set(['node_modules', 'test-support', 'typings']);

/** Files of the preview's mini-program: path as the mini-program sees it -> file on disk. */
type Tree = Map<string, string>;

function addDir(tree: Tree, absDir: string, prefix: string): void {
  for (const entry of fs.readdirSync(absDir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const abs = path.join(absDir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) addDir(tree, abs, rel);
    } else if (entry.isFile()) tree.set(rel, abs);
  }
}

/** Page routes of app.json, subpackage pages prefixed with their root. */
export function pagesOf(app: AppJson): string[] {
  // WeChat accepts both spellings; a project may use either.
  const subs = [...(app.subpackages ?? []), ...(app.subPackages ?? [])];
  return [
    ...app.pages,
    ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`)),
  ];
}

const readText = (file: string) => fs.readFileSync(file, 'utf8');

/** Where the project's installed packages are, for the shared resolver. */
function packageHost(root: string): PackageHost {
  return {
    manifestOf: (pkg) => {
      try {
        return require.resolve(`${pkg}/package.json`, { paths: [root] });
      } catch {
        return undefined;
      }
    },
    readText,
    exists: (file) => fs.existsSync(file),
  };
}

/**
 * Resolves usingComponents paths that name an npm package, as WeChat's "build npm" does: from
 * the mini-program's own miniprogram_npm/, else from the package's `miniprogram` folder in
 * node_modules (scripts/npm-component-resolve.ts), which is then added to the tree under
 * miniprogram_npm/.
 */
function createNpmResolver(root: string, tree: Tree, onAdded: () => void) {
  const added = new Set<string>();
  const host = packageHost(root);
  const unitAt = (value: string) => {
    const { pkg, rest } = splitPackagePath(value);
    return unitCandidates(rest)
      .map((unit) => packagedPath(pkg, unit))
      .find((u) => tree.has(`${u}.json`));
  };
  return (value: string): string | undefined => {
    if (!isNpmComponent(value)) return undefined;
    let unit = unitAt(value);
    if (!unit) {
      const { pkg } = splitPackagePath(value);
      if (added.has(pkg)) return undefined;
      added.add(pkg);
      const resolved = resolveNpmComponent(value, host);
      if (!resolved.ok) return undefined;
      addDir(tree, resolved.component.dist, packagedPath(pkg, ''));
      onAdded();
      unit = unitAt(value);
    }
    return unit ? `/${unit}` : undefined;
  };
}

/**
 * j-component drops aria-* attributes; as data-* they reach the DOM, where the preview's runtime
 * copies them back (preview/client/aria.ts).
 */
export function keepAria(wxml: string): string {
  return wxml.replace(/(\s)aria-([a-z-]+)(\s*=)/g, '$1data-pv-aria-$2$3');
}

/**
 * Reads and bundles the mini-program at `root` (the folder holding app.json). `appConfig` sets
 * fields of `APP_CONFIG` (config.ts), the mini-program's build-time settings, for this build.
 */
export async function buildFileMap(
  root: string,
  options: { appConfig?: Record<string, unknown> | undefined } = {},
): Promise<MiniprogramSources> {
  const app = JSON.parse(readText(path.join(root, 'app.json'))) as AppJson;
  const pages = pagesOf(app);
  const pageSet = new Set(pages);
  const tree: Tree = new Map();
  addDir(tree, root, '');
  const files: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const components: string[] = [];

  // A unit (page or component) is a .json beside a .wxml; npm packages add units as found.
  const seen = new Set<string>();
  const queue: string[] = [];
  const findUnits = () => {
    for (const file of tree.keys()) {
      const unit = file.replace(/\.json$/, '');
      if (file.endsWith('.json') && tree.has(`${unit}.wxml`) && !seen.has(unit)) {
        seen.add(unit);
        queue.push(unit);
      }
    }
  };
  const resolveNpm = createNpmResolver(root, tree, findUnits);
  findUnits();

  const scripts: Array<{ unit: string; abs: string }> = [];
  while (queue.length) {
    const unit = queue.shift()!;
    try {
      const json = JSON.parse(readText(tree.get(`${unit}.json`)!)) as {
        component?: boolean;
        usingComponents?: Record<string, string>;
      };
      for (const [tag, value] of Object.entries(json.usingComponents ?? {})) {
        const resolved = resolveNpm(value);
        if (resolved) json.usingComponents![tag] = resolved;
      }
      files[`${unit}.json`] = JSON.stringify(json);
      if (json.component && !unit.startsWith('miniprogram_npm/')) components.push(unit);
    } catch (error) {
      errors[unit] = `${unit}.json: ${error instanceof Error ? error.message : String(error)}`;
      continue;
    }
    const entry = ['ts', 'js'].map((ext) => `${unit}.${ext}`).find((f) => tree.has(f));
    if (entry) scripts.push({ unit, abs: tree.get(entry)! });
    else errors[unit] = `no script: ${unit}.ts`;
  }

  const read = (file: string) => (tree.has(file) ? readText(tree.get(file)!) : undefined);
  for (const file of tree.keys()) {
    if (file.endsWith('.wxss') || file.endsWith('.wxs')) files[file] = read(file)!;
  }
  for (const unit of seen) {
    if (!files[`${unit}.json`]) continue;
    try {
      const wxml = inlineWxs(read(`${unit}.wxml`)!, `${unit}.wxml`, read);
      files[`${unit}.wxml`] = keepAria(wxml);
    } catch (error) {
      errors[unit] = error instanceof Error ? error.message : String(error);
    }
    if (pageSet.has(unit) && tree.has('app.wxss')) {
      // app.wxss applies to every page, so it is inlined into each page's own sheet.
      const rel = path.posix.relative(path.posix.dirname(unit), 'app.wxss');
      files[`${unit}.wxss`] = `@import '${rel}';\n${files[`${unit}.wxss`] ?? ''}`;
    }
  }

  const appEntry = ['app.ts', 'app.js'].find((f) => tree.has(f));
  if (appEntry) scripts.push({ unit: 'app', abs: tree.get(appEntry)! });
  const graph = await buildModuleGraph(
    root,
    scripts.map((s) => s.abs),
  );
  for (const { unit, abs } of scripts) {
    const key = graph.entries.get(abs);
    if (key === undefined) {
      errors[unit] = graph.failed.get(abs) ?? `${unit}: not built`;
      continue;
    }
    // simulate runs `<unit>.js` each time it registers the unit, so the unit's own module runs
    // afresh (a new Component/Page definition); the modules it imports are shared.
    files[`${unit}.js`] =
      `module.exports = window.__pvRequire(${JSON.stringify(key)}, ${unit !== 'app'});\n`;
  }

  const config = graph.modules['config.ts'];
  if (options.appConfig && config) {
    // Before any other module reads it: config.ts runs first wherever it is imported.
    const set = `Object.assign(module.exports.APP_CONFIG, ${JSON.stringify(options.appConfig)});`;
    graph.modules['config.ts'] = { ...config, code: `${config.code}\n${set}\n` };
  }
  components.sort();
  return { files, app, pages, components, errors, modules: graph.modules };
}
