import fs from 'node:fs';
import path from 'node:path';
import { build, transform, type Loader, type Metafile, type Plugin } from 'esbuild';

/**
 * The mini-program's scripts as one module graph, as WeChat runs them: every module once, shared
 * by the app and all pages, so that module state (the transport app.ts sets, caches) is the same
 * everywhere. Bundling each page alone would give each page its own copy of every module.
 *
 * esbuild resolves the imports (TypeScript, index files, folders outside miniprogram/ such as
 * core/plate); each file is then compiled alone to CommonJS, with its import specifiers mapped
 * to module keys. Packages from node_modules are bundled, one module per imported file.
 */

export interface ModuleDef {
  code: string;
  /** Import specifier as written -> module key. */
  deps: Record<string, string>;
}

export interface ModuleGraph {
  /** Key (path relative to the mini-program root, posix) -> module. */
  modules: Record<string, ModuleDef>;
  /** Entry file (absolute) -> its key, for the entries that built. */
  entries: Map<string, string>;
  /** Entry file (absolute) -> build error, for those that did not. */
  failed: Map<string, string>;
}

const LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.json': 'json',
};

// Compiled code by file and its modification time: a reload recompiles only what changed.
const compiled = new Map<string, { stamp: string; code: string }>();

async function cachedCompile(file: string, make: () => Promise<string>): Promise<string> {
  const stat = fs.statSync(file);
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const hit = compiled.get(file);
  if (hit && hit.stamp === stamp) return hit.code;
  const code = await make();
  compiled.set(file, { stamp, code });
  return code;
}

async function inputsOf(root: string, entries: string[]): Promise<Metafile['inputs']> {
  const result = await build({
    entryPoints: entries,
    absWorkingDir: root,
    outdir: path.join(root, '.preview-out'),
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2020',
    write: false,
    metafile: true,
    // Packages are bundled apart, once (bundling them here cost seconds on every load).
    packages: 'external',
    logLevel: 'silent',
  });
  return result.metafile.inputs;
}

async function compileFile(root: string, key: string): Promise<string> {
  const file = path.resolve(root, key);
  const loader = LOADERS[path.extname(file)] ?? 'js';
  const result = await transform(fs.readFileSync(file, 'utf8'), {
    loader,
    format: 'cjs',
    target: 'es2020',
    sourcefile: key,
    charset: 'utf8',
  });
  return result.code;
}

/**
 * The miniprogram_npm/ folders above `dir`: a package built for mini-programs (TDesign's
 * miniprogram_dist) brings its own dependencies there, where WeChat looks bare names up.
 */
function miniprogramNpmDirs(dir: string): string[] {
  const found: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'miniprogram_npm');
    if (fs.existsSync(candidate)) found.push(candidate);
    if (path.dirname(d) === d) return found;
  }
}

/**
 * Bare names resolve in those miniprogram_npm/ folders first, as WeChat looks them up: a package
 * of the same name in node_modules (tinycolor2, brought by miniprogram-ci's jimp) must not shadow
 * the copy TDesign ships (esbuild's nodePaths come only after node_modules).
 */
function miniprogramNpmFirst(dirs: string[]): Plugin {
  return {
    name: 'miniprogram-npm-first',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        for (const dir of dirs) {
          const base = path.join(dir, args.path);
          const file = [base, `${base}.js`, path.join(base, 'index.js')].find(
            (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
          );
          if (file) return { path: file };
        }
        return undefined;
      });
    },
  };
}

// A package's bundle by specifier: packages do not change while the preview runs.
const packageBundles = new Map<string, Promise<string>>();

function bundlePackage(spec: string, resolveDir: string): Promise<string> {
  let bundle = packageBundles.get(spec);
  if (!bundle) {
    bundle = build({
      stdin: { contents: `module.exports = require(${JSON.stringify(spec)});`, resolveDir },
      nodePaths: miniprogramNpmDirs(resolveDir),
      plugins: [miniprogramNpmFirst(miniprogramNpmDirs(resolveDir))],
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
      charset: 'utf8',
    }).then((result) => result.outputFiles[0]?.text ?? '');
    packageBundles.set(spec, bundle);
    bundle.catch(() => packageBundles.delete(spec));
  }
  return bundle;
}

export async function buildModuleGraph(root: string, entries: string[]): Promise<ModuleGraph> {
  const inputs: Metafile['inputs'] = {};
  const graph: ModuleGraph = { modules: {}, entries: new Map(), failed: new Map() };
  const keyOf = (entry: string) => path.relative(root, entry).split(path.sep).join('/');
  try {
    // One build resolves every entry (parsing shared files once); only if one fails are they
    // built one by one, to tell which.
    Object.assign(inputs, await inputsOf(root, entries));
    for (const entry of entries) graph.entries.set(entry, keyOf(entry));
  } catch {
    await Promise.all(
      entries.map(async (entry) => {
        try {
          Object.assign(inputs, await inputsOf(root, [entry]));
          graph.entries.set(entry, keyOf(entry));
        } catch (error) {
          graph.failed.set(entry, error instanceof Error ? error.message : String(error));
        }
      }),
    );
  }
  // Bare specifiers (packages) -> the folder to resolve them from.
  const packages = new Map<string, string>();
  const own = Object.keys(inputs);
  await Promise.all(
    own.map(async (key) => {
      const deps: Record<string, string> = {};
      for (const imported of inputs[key]!.imports) {
        // esbuild lists its own helpers as "<runtime>": not a module.
        if (imported.path.startsWith('<')) continue;
        if (imported.external) {
          deps[imported.path] = `npm:${imported.path}`;
          packages.set(imported.path, path.dirname(path.resolve(root, key)));
        } else if (imported.original !== undefined) {
          deps[imported.original] = imported.path;
        }
      }
      const code = await cachedCompile(path.resolve(root, key), () => compileFile(root, key));
      graph.modules[key] = { code, deps };
    }),
  );
  await Promise.all(
    [...packages].map(async ([spec, resolveDir]) => {
      graph.modules[`npm:${spec}`] = { code: await bundlePackage(spec, resolveDir), deps: {} };
    }),
  );
  return graph;
}
