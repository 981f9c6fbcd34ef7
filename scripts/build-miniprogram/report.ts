// What the build measured: every file with its size, main package and total.
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

export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB)`;
}

export function measurePackage(outDir: string, packageDir: string, app: AppJson): BuildReport {
  const subRoots = subpackageRoots(app);
  const files = walk(packageDir)
    .sort()
    .map((rel) => ({ path: rel, bytes: fs.statSync(path.join(packageDir, rel)).size }));
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const mainBytes = files
    .filter((f) => !subRoots.some((root) => f.path.startsWith(root)))
    .reduce((sum, f) => sum + f.bytes, 0);
  const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, LARGEST_COUNT);
  return { outDir, packageDir, bytes, mainBytes, files, largest };
}

export function printReport(report: BuildReport, limitBytes: number): void {
  console.log(`mini-program package: ${path.relative(process.cwd(), report.packageDir) || '.'}`);
  console.log(`  files:        ${report.files.length}`);
  console.log(`  total:        ${formatBytes(report.bytes)}`);
  console.log(
    `  main package: ${formatBytes(report.mainBytes)} (limit ${formatBytes(limitBytes)})`,
  );
  console.log('  largest files:');
  for (const f of report.largest) {
    console.log(`    ${(f.bytes / 1024).toFixed(1).padStart(8)} KB  ${f.path}`);
  }
}
