// Paths and small file helpers shared by the steps of `npm run build:miniprogram`.
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const MINIPROGRAM_DIR = path.join(REPO_ROOT, 'miniprogram');
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'dist');

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Every file under dir, as posix paths relative to base. */
export function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return walk(full, base);
    return d.isFile() ? [toPosix(path.relative(base, full))] : [];
  });
}
