// Templates, styles, wxs, json and images of miniprogram/ go into the package as they are.
import fs from 'node:fs';
import path from 'node:path';
import { walk } from './files';

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

/**
 * Copies the assets of srcDir that are not left out; records package path -> source file in
 * `sources`, so that a compiler's complaint about a copy can name the file people edit.
 */
export function copyAssets(
  srcDir: string,
  packageDir: string,
  leftOut: (rel: string) => boolean,
  sources: Map<string, string>,
): void {
  for (const rel of walk(srcDir)) {
    if (!ASSET_EXTENSIONS.has(path.posix.extname(rel)) || leftOut(rel)) continue;
    const target = path.join(packageDir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(srcDir, rel), target);
    sources.set(rel, path.join(srcDir, rel));
  }
}
