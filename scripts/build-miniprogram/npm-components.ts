// npm components (TDesign), placed as WeChat DevTools "build npm" does: a package's `miniprogram`
// folder (default miniprogram_dist) becomes miniprogram_npm/<package>/. Only the components the
// pages use and the files they reach are copied, so the size check measures what ships.
import fs from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';
import {
  NPM_DIR,
  isNpmComponent,
  packagedPath,
  resolveNpmComponent,
} from '../npm-component-resolve';
import { isInside, readJson, toPosix } from './files';
import { SCRIPT_TARGET } from './scripts';

interface NpmUnit {
  /** The package's mini-program folder on disk. */
  dist: string;
  /** Its path inside the upload package (miniprogram_npm/<package>). */
  packagePath: string;
  /** The component, relative to dist, no extension. */
  unit: string;
}

function resolveNpmUnit(target: string, nodeModulesFrom: string): NpmUnit {
  const resolved = resolveNpmComponent(target, {
    manifestOf: (pkg) => {
      try {
        return require.resolve(`${pkg}/package.json`, { paths: [nodeModulesFrom] });
      } catch {
        return undefined;
      }
    },
    readText: (file) => fs.readFileSync(file, 'utf8'),
    exists: (file) => fs.existsSync(file),
  });
  if (!resolved.ok) throw new Error(resolved.message);
  const { pkg, dist, unit } = resolved.component;
  return { dist, packagePath: packagedPath(pkg, ''), unit };
}

/** The path inside the upload package where a file of `dist` goes. */
function npmPackagePath(unit: NpmUnit, file: string): string {
  return `${unit.packagePath}/${toPosix(path.relative(unit.dist, file))}`;
}

const WXML_REFS = /<(?:import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g;
const WXSS_IMPORTS = /@import\s+["']([^"']+)["']/g;
const REQUIRES = /\brequire\(\s*["']([^"']+)["']\s*\)/g;

function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

/**
 * Copies the npm components `targets` name, and every file they reach (templates, styles, wxs,
 * scripts), into packageDir; scripts become CommonJS with relative requires, as WeChat needs.
 * Files copied unchanged are recorded in `sources` (package path -> file in node_modules).
 * Returns target -> the component's absolute path in the package, for usingComponents.
 */
export async function copyNpmComponents(
  targets: string[],
  nodeModulesFrom: string,
  packageDir: string,
  sources: Map<string, string>,
): Promise<Map<string, string>> {
  const placed = new Map<string, string>();
  const done = new Set<string>();
  const queue: Array<{ file: string; owner: NpmUnit }> = [];
  const add = (file: string, owner: NpmUnit) => {
    if (done.has(file)) return;
    if (!isInside(owner.dist, file)) throw new Error(`${file} is outside ${owner.dist}`);
    done.add(file);
    queue.push({ file, owner });
  };
  const addUnit = (base: string, owner: NpmUnit) => {
    for (const ext of ['.json', '.wxml', '.wxss', '.js']) {
      if (fs.existsSync(`${base}${ext}`)) add(`${base}${ext}`, owner);
    }
  };
  for (const target of targets) {
    const owner = resolveNpmUnit(target, nodeModulesFrom);
    const base = path.join(owner.dist, owner.unit);
    placed.set(target, `/${npmPackagePath(owner, base)}`);
    addUnit(base, owner);
  }

  while (queue.length > 0) {
    const { file, owner } = queue.shift()!;
    const dir = path.dirname(file);
    let text = fs.readFileSync(file, 'utf8');
    const ext = path.extname(file);
    const need = (spec: string, candidates: string[]) => {
      const found = firstExisting(candidates);
      if (!found) throw new Error(`${file}: cannot find ${spec}`);
      add(found, owner);
      return found;
    };
    if (ext === '.json') {
      const using = (JSON.parse(text).usingComponents ?? {}) as Record<string, string>;
      for (const value of Object.values(using)) {
        if (isNpmComponent(value)) throw new Error(`${file}: npm component ${value} inside npm`);
        const base = value.startsWith('/')
          ? path.join(owner.dist, value)
          : path.resolve(dir, value);
        if (!fs.existsSync(`${base}.json`)) throw new Error(`${file}: cannot find ${value}`);
        addUnit(base, owner);
      }
    } else if (ext === '.wxml') {
      for (const [, spec] of text.matchAll(WXML_REFS)) {
        const abs = path.resolve(dir, spec!);
        need(spec!, [abs, `${abs}.wxml`]);
      }
    } else if (ext === '.wxss') {
      for (const [, spec] of text.matchAll(WXSS_IMPORTS)) need(spec!, [path.resolve(dir, spec!)]);
    } else if (ext === '.wxs') {
      for (const [, spec] of text.matchAll(REQUIRES)) need(spec!, [path.resolve(dir, spec!)]);
    } else if (ext === '.js') {
      const { code } = await transform(text, {
        format: 'cjs',
        target: SCRIPT_TARGET,
        minify: true,
        legalComments: 'none',
        charset: 'utf8',
      });
      text = code.replace(REQUIRES, (_all, spec: string) => {
        // Bare names resolve from the package's own miniprogram_npm/, as WeChat looks them up.
        const abs = spec.startsWith('.')
          ? path.resolve(dir, spec)
          : path.join(owner.dist, NPM_DIR, spec);
        const found = need(spec, [abs, `${abs}.js`, path.join(abs, 'index.js')]);
        let rel = toPosix(path.relative(dir, found));
        if (!rel.startsWith('.')) rel = `./${rel}`;
        return `require(${JSON.stringify(rel)})`;
      });
    }
    const rel = npmPackagePath(owner, file);
    const out = path.join(packageDir, rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
    if (ext !== '.js') sources.set(rel, file);
  }
  return placed;
}

/**
 * Page and component json name npm components by their place in the package, which is where
 * DevTools resolves `tdesign-miniprogram/button/button` after "build npm".
 */
export function pointAtPlacedComponents(
  packageDir: string,
  entries: string[],
  placed: Map<string, string>,
  sources: Map<string, string>,
): void {
  for (const entry of entries) {
    const jsonFile = path.join(packageDir, `${entry}.json`);
    if (!fs.existsSync(jsonFile)) continue;
    const json = readJson(jsonFile) as { usingComponents?: Record<string, string> };
    const using = json.usingComponents ?? {};
    if (!Object.values(using).some(isNpmComponent)) continue;
    for (const [tag, target] of Object.entries(using)) using[tag] = placed.get(target) ?? target;
    fs.writeFileSync(jsonFile, JSON.stringify(json, null, 2));
    sources.delete(`${entry}.json`); // no longer a copy: its lines moved
  }
}
