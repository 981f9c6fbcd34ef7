// What WeChat loads: app, the pages of app.json and the components their json files use.
import fs from 'node:fs';
import path from 'node:path';
import { isNpmComponent } from '../npm-component-resolve';
import { readJson } from './files';
import { lineOfJsonString } from './json-lines';
import { CompileRefusedError } from './problems';

export interface AppJson {
  pages?: string[];
  subpackages?: { root: string; pages: string[] }[];
  subPackages?: { root: string; pages: string[] }[];
  usingComponents?: Record<string, string>;
}

export function readAppJson(srcDir: string): AppJson {
  return readJson(path.join(srcDir, 'app.json')) as AppJson;
}

export function subpackageRoots(app: AppJson): string[] {
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
export function usedUnits(srcDir: string): { entries: string[]; npm: string[] } {
  const app = readAppJson(srcDir);
  // Each page with the value app.json names it by.
  const pages = [
    ...(app.pages ?? []).map((p) => ({ page: p, value: p })),
    ...[...(app.subpackages ?? []), ...(app.subPackages ?? [])].flatMap((s) =>
      s.pages.map((p) => ({ page: path.posix.join(s.root, p), value: p })),
    ),
  ];
  const found = new Set<string>(['app']);
  const npm = new Set<string>();
  const queue: { entry: string; using: Record<string, string> }[] = [
    { entry: 'app', using: app.usingComponents ?? {} },
  ];
  // Where each entry was named (a json file and the value there), to point at a missing one.
  const visit = (entry: string, namedIn: string, value: string) => {
    if (found.has(entry)) return;
    found.add(entry);
    const json = path.join(srcDir, `${entry}.json`);
    if (!fs.existsSync(json)) {
      throw new CompileRefusedError([
        {
          tool: 'build',
          file: namedIn,
          line: lineOfJsonString(fs.readFileSync(namedIn, 'utf8'), value),
          message: `"${value}" names ${entry}, which has no ${entry}.json`,
        },
      ]);
    }
    const using = (readJson(json).usingComponents ?? {}) as Record<string, string>;
    queue.push({ entry, using });
  };
  const appFile = path.join(srcDir, 'app.json');
  for (const { page, value } of pages) visit(page.replace(/^\//, ''), appFile, value);
  while (queue.length > 0) {
    const { entry, using } = queue.shift()!;
    const namedIn = entry === 'app' ? appFile : path.join(srcDir, `${entry}.json`);
    for (const target of Object.values(using)) {
      if (target.startsWith('plugin://')) continue;
      if (isNpmComponent(target)) {
        npm.add(target);
        continue;
      }
      const rel = target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(entry), target));
      visit(rel, namedIn, target);
    }
  }
  for (const entry of found) {
    if (!fs.existsSync(path.join(srcDir, `${entry}.ts`))) throw new Error(`${entry}.ts is missing`);
  }
  return { entries: [...found].sort(), npm: [...npm].sort() };
}
