import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

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
}

// Folders that are not part of the app the preview shows.
const SKIPPED_DIRS = new Set(['node_modules', 'test-support', 'typings']);

function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...listFiles(root, rel));
    } else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** Page routes of app.json, subpackage pages prefixed with their root. */
export function pagesOf(app: AppJson): string[] {
  const subs = app.subpackages ?? app.subPackages ?? [];
  return [
    ...app.pages,
    ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`)),
  ];
}

async function bundleScript(absEntry: string, unit: string): Promise<string> {
  const result = await build({
    entryPoints: [absEntry],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    charset: 'utf8',
  });
  const code = result.outputFiles[0]?.text ?? '';
  // Names the script in the browser's devtools and stack traces.
  return `${code}\n//# sourceURL=miniprogram:///${unit}.js\n`;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Reads and bundles the mini-program at `root` (the folder holding app.json). */
export async function buildFileMap(root: string): Promise<MiniprogramSources> {
  const app = readJson(path.join(root, 'app.json')) as AppJson;
  const pages = pagesOf(app);
  const all = listFiles(root);
  const present = new Set(all);
  const files: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const components: string[] = [];

  for (const file of all) {
    if (file.endsWith('.wxss') || file.endsWith('.wxs')) {
      files[file] = fs.readFileSync(path.join(root, file), 'utf8');
    }
  }

  // A unit (page or component) is a .json beside a .wxml.
  const units = all
    .filter((f) => f.endsWith('.json') && present.has(f.replace(/\.json$/, '.wxml')))
    .map((f) => f.replace(/\.json$/, ''));
  const pageSet = new Set(pages);
  const hasAppWxss = present.has('app.wxss');

  await Promise.all(
    units.map(async (unit) => {
      files[`${unit}.json`] = fs.readFileSync(path.join(root, `${unit}.json`), 'utf8');
      files[`${unit}.wxml`] = fs.readFileSync(path.join(root, `${unit}.wxml`), 'utf8');
      const json = readJson(path.join(root, `${unit}.json`)) as { component?: boolean };
      if (json.component) components.push(unit);
      if (pageSet.has(unit) && hasAppWxss) {
        // app.wxss applies to every page, so it is inlined into each page's own sheet.
        const rel = path.posix.relative(path.posix.dirname(unit), 'app.wxss');
        files[`${unit}.wxss`] = `@import '${rel}';\n${files[`${unit}.wxss`] ?? ''}`;
      }
      const entry = ['ts', 'js'].map((ext) => `${unit}.${ext}`).find((f) => present.has(f));
      if (!entry) {
        errors[unit] = `no script: ${unit}.ts`;
        return;
      }
      try {
        files[`${unit}.js`] = await bundleScript(path.join(root, entry), unit);
      } catch (error) {
        errors[unit] = error instanceof Error ? error.message : String(error);
      }
    }),
  );

  const appEntry = ['app.ts', 'app.js'].find((f) => present.has(f));
  if (appEntry) {
    try {
      files['app.js'] = await bundleScript(path.join(root, appEntry), 'app');
    } catch (error) {
      errors.app = error instanceof Error ? error.message : String(error);
    }
  }

  components.sort();
  return { files, app, pages, components, errors };
}
