// What the build measured: every file with its size, the main package, each subpackage and total.
import fs from 'node:fs';
import path from 'node:path';
import { subpackageRoots, type AppJson } from './entries';
import { walk } from './files';

const LARGEST_COUNT = 10;

export interface PackageFile {
  /** Path inside the package, posix. */
  path: string;
  bytes: number;
}

/** One package of the upload: the main package or a subpackage of app.json. */
export interface PackageSize {
  /** 'main', or the subpackage's root as app.json names it (no slashes around). */
  name: string;
  /** Folder inside the package, with a trailing slash; '' for the main package. */
  root: string;
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
  /** The main package first, then each subpackage in app.json order. */
  packages: PackageSize[];
  /** What the sizes were held against. */
  limits: SizeLimits;
  files: PackageFile[];
  /** The biggest files, biggest first. */
  largest: PackageFile[];
}

export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB)`;
}

export function measurePackage(
  outDir: string,
  packageDir: string,
  app: AppJson,
  limits: SizeLimits,
): BuildReport {
  const subRoots = subpackageRoots(app);
  const files = walk(packageDir)
    .sort()
    .map((rel) => ({ path: rel, bytes: fs.statSync(path.join(packageDir, rel)).size }));
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const sizeOf = (inside: (p: string) => boolean) =>
    files.filter((f) => inside(f.path)).reduce((sum, f) => sum + f.bytes, 0);
  const mainBytes = sizeOf((p) => !subRoots.some((root) => p.startsWith(root)));
  const packages: PackageSize[] = [
    { name: 'main', root: '', bytes: mainBytes },
    ...subRoots.map((root) => ({
      name: root.slice(0, -1),
      root,
      bytes: sizeOf((p) => p.startsWith(root)),
    })),
  ];
  const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, LARGEST_COUNT);
  return { outDir, packageDir, bytes, mainBytes, packages, limits, files, largest };
}

export interface SizeLimits {
  /** Each package, main and subpackages. */
  packageBytes: number;
  /** All packages together. */
  totalBytes: number;
}

export function printReport(report: BuildReport): void {
  const { limits } = report;
  console.log(`mini-program package: ${path.relative(process.cwd(), report.packageDir) || '.'}`);
  console.log(`  files:        ${report.files.length}`);
  console.log(
    `  total:        ${formatBytes(report.bytes)} (limit ${formatBytes(limits.totalBytes)}; WeChat: 20 MB)`,
  );
  for (const p of report.packages) {
    const label = p.root ? `subpackage ${p.root}:` : 'main package:';
    console.log(
      `  ${label.padEnd(13)} ${formatBytes(p.bytes)} (limit ${formatBytes(limits.packageBytes)}; WeChat: 2 MB)`,
    );
  }
  console.log('  largest files:');
  for (const f of report.largest) {
    console.log(`    ${(f.bytes / 1024).toFixed(1).padStart(8)} KB  ${f.path}`);
  }
}
