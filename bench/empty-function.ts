import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../devstack/local-stack';

/** The HTTP access path of the empty function, beside /notify, /gate and /camera. */
export const EMPTY_ROUTE = '/empty';

/**
 * A functions folder for the bench: every real function of cloudfunctions/ linked in unchanged,
 * plus `empty`, which answers `success` as /notify does and does nothing else. Served by the same
 * host, behind the same HTTP access path machinery, it is the floor the notify path is measured
 * against (issue 15: notify throughput ≥ 0.5× the empty function on the same host).
 */
export function benchFunctionsDir(into: string): {
  functionsDir: string;
  httpRoutes: Record<string, string>;
} {
  const source = path.join(REPO_ROOT, 'cloudfunctions');
  fs.mkdirSync(into, { recursive: true });
  const httpRoutes: Record<string, string> = {};
  for (const item of fs.readdirSync(source, { withFileTypes: true })) {
    if (!item.isDirectory()) continue;
    fs.symlinkSync(path.join(source, item.name), path.join(into, item.name), 'dir');
    if (['notify', 'gate', 'camera'].includes(item.name)) httpRoutes[`/${item.name}`] = item.name;
  }
  const empty = path.join(into, 'empty');
  fs.mkdirSync(empty);
  fs.writeFileSync(
    path.join(empty, 'index.js'),
    [
      '// The bench floor: an HTTP access function that answers like /notify and does nothing.',
      'exports.main = async () => ({',
      '  statusCode: 200,',
      "  headers: { 'content-type': 'text/plain; charset=utf-8' },",
      "  body: 'success',",
      '});',
      '',
    ].join('\n'),
  );
  httpRoutes[EMPTY_ROUTE] = 'empty';
  return { functionsDir: into, httpRoutes };
}
