// `npm run build:miniprogram`: writes the upload package of the mini-program to dist/miniprogram/
// and a project.config.json to dist/, so that WeChat DevTools can open dist/ as it is.
//
// DevTools compiles only files inside miniprogramRoot, but the mini-program imports pure code from
// outside it (core/plate, core/money, core/parking). So every script module of the mini-program is
// compiled to one CommonJS file of its own, with what it imports from outside miniprogram/ bundled
// in, and its imports of other mini-program modules left as `require('./x.js')`. Modules stay
// shared, as WeChat runs them: bundling each page alone would give each page its own copy of
// services/transport.ts, whose transport app.ts sets once.
//
// The build refuses a main package above MAIN_PACKAGE_LIMIT_BYTES and a package that holds the
// demo merchant's password or key (the merchant key lives on the server only).
import fs from 'node:fs';
import path from 'node:path';
import { build, transform, type Plugin } from 'esbuild';
import { DEMO_MERCHANT } from '../sandbox/config';
import {
  NPM_DIR,
  isNpmComponent,
  packagedPath,
  resolveNpmComponent,
} from './npm-component-resolve';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const MINIPROGRAM_DIR = path.join(REPO_ROOT, 'miniprogram');
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'dist');
/** WeChat allows 2 MB for the main package; we keep a margin. */
export const MAIN_PACKAGE_LIMIT_BYTES = 1_572_864;
/** What WeChat's base libraries run without further lowering. */
export const SCRIPT_TARGET = 'es2017';
const LARGEST_COUNT = 10;

const ASSET_EXTENSIONS = new Set([
  '.wxml',
  '.wxss',
  '.wxs',
  '.json',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.svg',
  '.webp',
]);
/** Never uploaded, whatever project.config.json says. */
const ALWAYS_LEFT_OUT = ['test-support/', 'pages/testing/', 'pages/admin/testing/'];
const LEFT_OUT_FILES = new Set(['tsconfig.json']);

export interface PackageFile {
  /** Path inside the package, posix. */
  path: string;
  bytes: number;
}

export interface BuildReport {
  /** The folder DevTools opens (holds project.config.json). */
  outDir: string;
  /** The upload package: outDir/miniprogram. */
  packageDir: string;
  /** Total bytes of the package. */
  bytes: number;
  /** Bytes of the main package (all but subpackage roots). */
  mainBytes: number;
  files: PackageFile[];
  /** The biggest files, biggest first. */
  largest: PackageFile[];
}

export interface BuildMiniprogramOptions {
  /** Default: dist/ of the repository. Its miniprogram/ folder is replaced. */
  outDir?: string;
  srcDir?: string;
  /** Default: MAIN_PACKAGE_LIMIT_BYTES. */
  limitBytes?: number;
}

/** Thrown when a package was built but must not be uploaded; carries what was measured. */
export class PackageRefusedError extends Error {
  constructor(
    readonly problems: string[],
    readonly report: BuildReport,
  ) {
    super(`mini-program package refused:\n- ${problems.join('\n- ')}`);
    this.name = 'PackageRefusedError';
  }
}

export interface Secret {
  /** How the secret is named in messages (never its value). */
  label: string;
  value: string;
}

/** The values that must never ship in the mini-program (the demo merchant's credentials). */
export function merchantSecrets(): Secret[] {
  return [
    {
      label: 'the demo merchant password (sandbox/config.ts DEMO_MERCHANT)',
      value: DEMO_MERCHANT.password,
    },
    { label: 'the demo merchant key (sandbox/config.ts DEMO_MERCHANT)', value: DEMO_MERCHANT.key },
  ];
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

interface IgnoreRule {
  type: string;
  value: string;
}

/** `**` spans folders, `*` and `?` stay within one. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A predicate over package paths from project.config.json packOptions.ignore. */
export function ignoreMatcher(rules: IgnoreRule[]): (rel: string) => boolean {
  const tests = rules.map(({ type, value }) => {
    // Values are relative to miniprogramRoot; tolerate a leading "miniprogram/".
    const v = value.replace(/^\.?\//, '').replace(/^miniprogram\//, '');
    switch (type) {
      case 'suffix':
        return (rel: string) => rel.endsWith(v);
      case 'prefix':
        return (rel: string) => path.posix.basename(rel).startsWith(v);
      case 'folder':
        return (rel: string) => rel.startsWith(`${v.replace(/\/$/, '')}/`);
      case 'file':
        return (rel: string) => rel === v;
      case 'regexp': {
        const re = new RegExp(value);
        return (rel: string) => re.test(rel);
      }
      case 'glob': {
        const re = globToRegExp(v);
        return (rel: string) => re.test(rel);
      }
      default:
        throw new Error(`project.config.json packOptions.ignore: unknown type "${type}"`);
    }
  });
  return (rel) => tests.some((t) => t(rel));
}

function leftOutMatcher(srcDir: string): (rel: string) => boolean {
  const projectConfig = path.join(path.dirname(srcDir), 'project.config.json');
  const rules = fs.existsSync(projectConfig)
    ? (((readJson(projectConfig).packOptions as { ignore?: IgnoreRule[] } | undefined)?.ignore ??
        []) as IgnoreRule[])
    : [];
  const ignored = ignoreMatcher(rules);
  return (rel) =>
    rel.endsWith('.test.ts') ||
    rel.endsWith('.d.ts') ||
    LEFT_OUT_FILES.has(path.posix.basename(rel)) ||
    ALWAYS_LEFT_OUT.some((folder) => rel.startsWith(folder)) ||
    ignored(rel);
}

interface AppJson {
  pages?: string[];
  subpackages?: { root: string; pages: string[] }[];
  subPackages?: { root: string; pages: string[] }[];
  usingComponents?: Record<string, string>;
}

function subpackageRoots(app: AppJson): string[] {
  return [...(app.subpackages ?? []), ...(app.subPackages ?? [])].map(
    (s) => `${s.root.replace(/^\/|\/$/g, '')}/`,
  );
}

/**
 * The script entries WeChat loads: app, every page of app.json (subpackages included) and every
 * component their json files use, followed recursively. Paths relative to srcDir, no extension.
 */
export function entryModules(srcDir: string): string[] {
  return usedUnits(srcDir).entries;
}

/** Entries (see entryModules) and the npm components their json files name. */
function usedUnits(srcDir: string): { entries: string[]; npm: string[] } {
  const app = readJson(path.join(srcDir, 'app.json')) as AppJson;
  const pages = [
    ...(app.pages ?? []),
    ...[...(app.subpackages ?? []), ...(app.subPackages ?? [])].flatMap((s) =>
      s.pages.map((p) => path.posix.join(s.root, p)),
    ),
  ];
  const found = new Set<string>(['app']);
  const npm = new Set<string>();
  const queue: { entry: string; using: Record<string, string> }[] = [
    { entry: 'app', using: app.usingComponents ?? {} },
  ];
  const visit = (entry: string) => {
    if (found.has(entry)) return;
    found.add(entry);
    const json = path.join(srcDir, `${entry}.json`);
    if (!fs.existsSync(json)) throw new Error(`${entry}.json is missing`);
    const using = (readJson(json).usingComponents ?? {}) as Record<string, string>;
    queue.push({ entry, using });
  };
  for (const page of pages) visit(page.replace(/^\//, ''));
  while (queue.length > 0) {
    const { entry, using } = queue.shift()!;
    for (const target of Object.values(using)) {
      if (target.startsWith('plugin://')) continue;
      if (isNpmComponent(target)) {
        npm.add(target);
        continue;
      }
      const rel = target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(entry), target));
      visit(rel);
    }
  }
  for (const entry of found) {
    if (!fs.existsSync(path.join(srcDir, `${entry}.ts`))) throw new Error(`${entry}.ts is missing`);
  }
  return { entries: [...found].sort(), npm: [...npm].sort() };
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

// npm components (TDesign), placed as WeChat DevTools "build npm" does: a package's `miniprogram`
// folder (default miniprogram_dist) becomes miniprogram_npm/<package>/. Only the components the
// pages use and the files they reach are copied, so the size check measures what ships.
export { NPM_DIR, isNpmComponent };

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
 * Returns target -> the component's absolute path in the package, for usingComponents.
 */
async function copyNpmComponents(
  targets: string[],
  nodeModulesFrom: string,
  packageDir: string,
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
    const out = path.join(packageDir, npmPackagePath(owner, file));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
  }
  return placed;
}

/** The mini-program modules the entries reach (paths relative to srcDir, with extension). */
async function reachableModules(srcDir: string, entries: string[]): Promise<string[]> {
  const result = await build({
    entryPoints: entries.map((e) => path.join(srcDir, `${e}.ts`)),
    absWorkingDir: srcDir,
    outdir: path.join(srcDir, '.unused-out'),
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: SCRIPT_TARGET,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs)
    .map((input) => path.resolve(srcDir, input))
    .filter((file) => isInside(srcDir, file))
    .map((file) => toPosix(path.relative(srcDir, file)))
    .sort();
}

/** Leaves imports of other mini-program modules as requires of their built .js files. */
function sharedModulesPlugin(srcDir: string): Plugin {
  return {
    name: 'shared-miniprogram-modules',
    setup(b) {
      b.onResolve({ filter: /^\.\.?(\/|$)/ }, async (args) => {
        if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
        const resolved = await b.resolve(args.path, {
          importer: args.importer,
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: 'inner',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (!isInside(srcDir, resolved.path)) return undefined; // bundled in
        if (!isInside(srcDir, args.importer)) {
          return {
            errors: [
              {
                text: `code outside miniprogram/ imports ${toPosix(path.relative(srcDir, resolved.path))}`,
              },
            ],
          };
        }
        let spec = toPosix(path.relative(path.dirname(args.importer), resolved.path)).replace(
          /\.(ts|js)$/,
          '.js',
        );
        if (!spec.startsWith('.')) spec = `./${spec}`;
        return { path: spec, external: true };
      });
    },
  };
}

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return walk(full, base);
    return d.isFile() ? [toPosix(path.relative(base, full))] : [];
  });
}

/** Writes dist/project.config.json: the root one, pointed at the built package, no TS plugin. */
function writeProjectConfig(srcDir: string, outDir: string): void {
  const root = readJson(path.join(path.dirname(srcDir), 'project.config.json'));
  const setting = { ...(root.setting as Record<string, unknown>) };
  const plugins = ((setting.useCompilerPlugins as string[] | undefined) ?? []).filter(
    (p) => p !== 'typescript',
  );
  if (plugins.length > 0) setting.useCompilerPlugins = plugins;
  else delete setting.useCompilerPlugins;
  const config = {
    ...root,
    miniprogramRoot: 'miniprogram/',
    cloudfunctionRoot: '../cloudfunctions/',
    setting,
  };
  fs.writeFileSync(
    path.join(outDir, 'project.config.json'),
    `${JSON.stringify(config, null, 2)}\n`,
  );
}

/** Problems with what was measured; none means the package may be uploaded. */
export function sizeProblem(mainBytes: number, limitBytes: number): string | undefined {
  if (mainBytes <= limitBytes) return undefined;
  return `main package is ${formatBytes(mainBytes)}, above the limit of ${formatBytes(limitBytes)} (MAIN_PACKAGE_LIMIT_BYTES; WeChat refuses 2 MB)`;
}

/** Names (never values) of the secrets each file holds. `text` is read as latin1 to cover binaries. */
export function secretsIn(text: string, secrets: Secret[]): string[] {
  const lower = text.toLowerCase();
  const hex = new Set((lower.match(/[0-9a-f]{32}/g) ?? []).map((h) => h.toLowerCase()));
  return secrets
    .filter((s) => {
      const v = s.value.toLowerCase();
      return lower.includes(v) || hex.has(v);
    })
    .map((s) => s.label);
}

export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB)`;
}

export async function buildMiniprogram(
  options: BuildMiniprogramOptions = {},
): Promise<BuildReport> {
  const srcDir = path.resolve(options.srcDir ?? MINIPROGRAM_DIR);
  const outDir = path.resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const packageDir = path.join(outDir, 'miniprogram');
  const limitBytes = options.limitBytes ?? MAIN_PACKAGE_LIMIT_BYTES;
  const leftOut = leftOutMatcher(srcDir);

  const { entries, npm } = usedUnits(srcDir);
  const modules = await reachableModules(srcDir, entries);
  const shippedLeftOut = modules.filter(leftOut);
  if (shippedLeftOut.length > 0) {
    throw new Error(`the package would need files that are left out: ${shippedLeftOut.join(', ')}`);
  }

  fs.rmSync(packageDir, { recursive: true, force: true });
  fs.mkdirSync(packageDir, { recursive: true });
  await build({
    entryPoints: modules.map((m) => path.join(srcDir, m)),
    absWorkingDir: srcDir,
    outbase: srcDir,
    outdir: packageDir,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: SCRIPT_TARGET,
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'error',
    plugins: [sharedModulesPlugin(srcDir)],
  });

  for (const rel of walk(srcDir)) {
    if (!ASSET_EXTENSIONS.has(path.posix.extname(rel)) || leftOut(rel)) continue;
    const target = path.join(packageDir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(srcDir, rel), target);
  }
  const placed = await copyNpmComponents(npm, srcDir, packageDir);
  // Page and component json name npm components by their place in the package, which is where
  // DevTools resolves `tdesign-miniprogram/button/button` after "build npm".
  for (const entry of entries) {
    const jsonFile = path.join(packageDir, `${entry}.json`);
    if (!fs.existsSync(jsonFile)) continue;
    const json = readJson(jsonFile) as { usingComponents?: Record<string, string> };
    const using = json.usingComponents ?? {};
    if (!Object.values(using).some(isNpmComponent)) continue;
    for (const [tag, target] of Object.entries(using)) using[tag] = placed.get(target) ?? target;
    fs.writeFileSync(jsonFile, JSON.stringify(json, null, 2));
  }
  writeProjectConfig(srcDir, outDir);

  const app = readJson(path.join(srcDir, 'app.json')) as AppJson;
  const subRoots = subpackageRoots(app);
  const files = walk(packageDir)
    .sort()
    .map((rel) => ({ path: rel, bytes: fs.statSync(path.join(packageDir, rel)).size }));
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const mainBytes = files
    .filter((f) => !subRoots.some((root) => f.path.startsWith(root)))
    .reduce((sum, f) => sum + f.bytes, 0);
  const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, LARGEST_COUNT);
  const report: BuildReport = { outDir, packageDir, bytes, mainBytes, files, largest };

  const problems: string[] = [];
  const tooBig = sizeProblem(mainBytes, limitBytes);
  if (tooBig) problems.push(tooBig);
  const secrets = merchantSecrets();
  for (const f of files) {
    const found = secretsIn(fs.readFileSync(path.join(packageDir, f.path), 'latin1'), secrets);
    // Strings are matched as latin1 bytes; the secrets are ASCII so this is exact.
    for (const label of found) problems.push(`${f.path} contains ${label}`);
  }
  if (problems.length > 0) throw new PackageRefusedError(problems, report);
  return report;
}

function printReport(report: BuildReport): void {
  console.log(`mini-program package: ${path.relative(process.cwd(), report.packageDir) || '.'}`);
  console.log(`  files:        ${report.files.length}`);
  console.log(`  total:        ${formatBytes(report.bytes)}`);
  console.log(
    `  main package: ${formatBytes(report.mainBytes)} (limit ${formatBytes(MAIN_PACKAGE_LIMIT_BYTES)})`,
  );
  console.log('  largest files:');
  for (const f of report.largest) {
    console.log(`    ${(f.bytes / 1024).toFixed(1).padStart(8)} KB  ${f.path}`);
  }
}

if (require.main === module) {
  buildMiniprogram()
    .then((report) => {
      printReport(report);
      console.log(`open ${path.relative(process.cwd(), report.outDir) || '.'}/ in WeChat DevTools`);
    })
    .catch((error: unknown) => {
      if (error instanceof PackageRefusedError) printReport(error.report);
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
