// What WeChat refuses of a subpackage (分包) layout, checked on the upload package: a main-package
// page inside a subpackage root, and a file that uses a file of another package (script require,
// usingComponents, <import>/<include>/<wxs src>, @import), except anything using the main package.
// A subpackage may use the main package; the main package may not use a subpackage, nor one
// subpackage another. wcc, wcsc and miniprogram-ci offline accept such a package: DevTools and the
// phone fail at run time (module not defined, component not found).
import fs from 'node:fs';
import path from 'node:path';
import { isNpmComponent } from '../npm-component-resolve';
import { subpackageRoots, type AppJson } from './entries';
import { lineOf, lineOfJsonString } from './json-lines';
import type { CompileProblem } from './problems';

const REQUIRES = /\brequire\(\s*["']([^"']+)["']\s*\)/g;
const WXML_REFS = /<(?:import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g;
const WXSS_IMPORTS = /@import\s+["']([^"']+)["']/g;

/** The subpackage root ('admin/') a package path lies in, or '' for the main package. */
export function packageOfPath(roots: string[], rel: string): string {
  return roots.find((root) => rel.startsWith(root)) ?? '';
}

function describe(root: string): string {
  return root ? `subpackage ${root}` : 'the main package';
}

/** Package path a reference of `from` names: '/x' from the root, else relative to from's folder. */
function target(from: string, spec: string): string {
  return spec.startsWith('/')
    ? path.posix.normalize(spec.slice(1))
    : path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
}

/**
 * Problems of the built package at packageDir (`files` posix paths inside it). Each names the file
 * people edit: srcDir's source when there is one (the .ts of a built .js), else the built file.
 */
export function crossPackageProblems(
  srcDir: string,
  packageDir: string,
  app: AppJson,
  sources: Map<string, string>,
  files: string[],
): CompileProblem[] {
  const roots = subpackageRoots(app);
  if (roots.length === 0) return [];
  const problems: CompileProblem[] = [];
  const appFile = path.join(srcDir, 'app.json');
  const appText = fs.readFileSync(appFile, 'utf8');
  for (const page of app.pages ?? []) {
    const root = packageOfPath(roots, page.replace(/^\//, ''));
    if (root) {
      problems.push({
        tool: 'build',
        file: appFile,
        line: lineOfJsonString(appText, page),
        message: `"${page}" is listed in pages but lies in ${describe(root)}; list it under its subPackages entry`,
      });
    }
  }

  /** The source of a package file and its text, for the line of a reference. */
  const sourceOf = (rel: string): string => {
    const copied = sources.get(rel);
    if (copied) return copied;
    if (rel.endsWith('.js')) {
      const ts = path.join(srcDir, rel.replace(/\.js$/, '.ts'));
      if (fs.existsSync(ts)) return ts;
    }
    const own = path.join(srcDir, rel);
    return fs.existsSync(own) ? own : path.join(packageDir, rel);
  };
  const check = (from: string, spec: string, to: string, needles: string[]) => {
    const fromRoot = packageOfPath(roots, from);
    const toRoot = packageOfPath(roots, to);
    if (toRoot === '' || toRoot === fromRoot) return;
    const file = sourceOf(from);
    const text = fs.readFileSync(file, 'utf8');
    const line = needles.map((n) => lineOf(text, n)).find((l) => l !== undefined);
    problems.push({
      tool: 'build',
      file,
      line,
      message: `${from} (${describe(fromRoot)}) uses ${to} ("${spec}"), which lies in ${describe(toRoot)}: WeChat loads a subpackage only when one of its pages opens`,
    });
  };

  for (const rel of files) {
    if (rel.startsWith('miniprogram_npm/')) continue; // the library's own files, all in main
    const text = fs.readFileSync(path.join(packageDir, rel), 'utf8');
    if (rel.endsWith('.js')) {
      for (const [, spec] of text.matchAll(REQUIRES)) {
        if (!spec!.startsWith('.')) continue;
        const to = target(rel, spec!);
        // The source imports it without extension, relative to its folder.
        let stem = path.posix.relative(path.posix.dirname(rel), to.replace(/\.js$/, ''));
        if (!stem.startsWith('.')) stem = `./${stem}`;
        check(rel, spec!, to, [`'${stem}'`, `"${stem}"`, stem.replace(/\/index$/, '')]);
      }
    } else if (rel.endsWith('.json')) {
      let using: Record<string, string>;
      try {
        using = (JSON.parse(text).usingComponents ?? {}) as Record<string, string>;
      } catch {
        continue; // miniprogram-ci reports broken json
      }
      for (const value of Object.values(using)) {
        if (value.startsWith('plugin://') || isNpmComponent(value)) continue;
        check(rel, value, target(rel, value), [JSON.stringify(value)]);
      }
    } else if (rel.endsWith('.wxml')) {
      for (const [, spec] of text.matchAll(WXML_REFS))
        check(rel, spec!, target(rel, spec!), [spec!]);
    } else if (rel.endsWith('.wxss')) {
      for (const [, spec] of text.matchAll(WXSS_IMPORTS)) {
        check(rel, spec!, target(rel, spec!), [spec!]);
      }
    }
  }
  return problems;
}
