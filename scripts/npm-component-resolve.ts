// Where a `usingComponents` value that names an npm package (TDesign) lives, as WeChat DevTools'
// "build npm" places it: the package's `miniprogram` folder (default miniprogram_dist) becomes
// miniprogram_npm/<package>/, and `pkg/button/button` is that folder + `/button/button` (or
// `.../index`). One module for the three places that need it: the build (scripts/
// build-miniprogram.ts), the preview (preview/file-map.ts) and the component tests
// (miniprogram/test-support/npm-components.ts).
//
// Pure: no node imports (the mini-program's own type-check, which has no node typings, reaches it
// through test-support). The file system is what the caller hands in.

/** The few file-system facts the resolution needs. */
export interface PackageHost {
  /** The package.json of `pkg` as installed for the project, or undefined when it is not. */
  manifestOf(pkg: string): string | undefined;
  readText(file: string): string;
  exists(file: string): boolean;
}

export interface NpmComponent {
  /** The package name (`tdesign-miniprogram`, `@scope/name`). */
  pkg: string;
  /** The package's mini-program folder, absolute (posix). */
  dist: string;
  /** The component inside `dist`, without extension: `button/button`. */
  unit: string;
}

export type NpmResolution =
  | { ok: true; component: NpmComponent }
  | {
      ok: false;
      problem: 'not-npm' | 'not-installed' | 'no-dist' | 'no-component';
      message: string;
    };

/** The folder a package's mini-program build takes inside the upload package. */
export const NPM_DIR = 'miniprogram_npm';

/** A usingComponents value that names an npm package rather than a file of the mini-program. */
export function isNpmComponent(value: string): boolean {
  return !/^(\.|\/|plugin:\/\/|plugin-private:\/\/)/.test(value);
}

/** `pkg/rest` or `@scope/pkg/rest` -> package name and the path inside it. */
export function splitPackagePath(value: string): { pkg: string; rest: string } {
  const parts = value.split('/');
  const size = value.startsWith('@') ? 2 : 1;
  return { pkg: parts.slice(0, size).join('/'), rest: parts.slice(size).join('/') };
}

/** The units a component path may name, in the order WeChat tries them. */
export function unitCandidates(rest: string): string[] {
  return rest === '' ? ['index'] : [rest, `${rest}/index`];
}

/** Joins posix path parts, resolving `.` and `..` (no node `path` here). */
export function joinPath(...parts: string[]): string {
  const absolute = parts[0]?.startsWith('/') ?? false;
  const out: string[] = [];
  for (const segment of parts.join('/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `${absolute ? '/' : ''}${out.join('/')}`;
}

function dirnameOf(file: string): string {
  return joinPath(file, '..');
}

/** The package's mini-program folder from its package.json (`miniprogram`, default miniprogram_dist). */
export function packageDist(manifest: string, manifestText: string): string {
  const info = JSON.parse(manifestText) as { miniprogram?: unknown };
  const folder = typeof info.miniprogram === 'string' ? info.miniprogram : 'miniprogram_dist';
  return joinPath(dirnameOf(manifest), folder);
}

/** Resolves `value` of a usingComponents entry to the package's component, or says why not. */
export function resolveNpmComponent(value: string, host: PackageHost): NpmResolution {
  if (!isNpmComponent(value)) {
    return { ok: false, problem: 'not-npm', message: `${value} is not an npm component path` };
  }
  const { pkg, rest } = splitPackagePath(value);
  const manifest = host.manifestOf(pkg);
  if (manifest === undefined) {
    return {
      ok: false,
      problem: 'not-installed',
      message: `usingComponents names ${value}, but npm package ${pkg} is not installed`,
    };
  }
  const dist = packageDist(manifest, host.readText(manifest));
  if (!host.exists(dist)) {
    return {
      ok: false,
      problem: 'no-dist',
      message: `usingComponents names ${value}, but ${pkg} has no mini-program folder (${dist})`,
    };
  }
  const unit = unitCandidates(rest).find((u) => host.exists(`${joinPath(dist, u)}.json`));
  if (unit === undefined) {
    return {
      ok: false,
      problem: 'no-component',
      message: `usingComponents names ${value}, which ${pkg} lacks`,
    };
  }
  return { ok: true, component: { pkg, dist, unit: joinPath(unit) } };
}

/** Where a component of `pkg` sits in the upload package: `miniprogram_npm/<pkg>/<unit>`. */
export function packagedPath(pkg: string, unit: string): string {
  return joinPath(NPM_DIR, pkg, unit);
}
