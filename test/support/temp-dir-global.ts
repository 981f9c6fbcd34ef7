// A run of jest leaves nothing in the temporary directory. globalSetup gives the run a fresh one
// (TMPDIR, which os.tmpdir() reads and the workers inherit); globalTeardown counts what is left in
// it, removes it, and fails the run naming the leftovers. A directory of the run's own, so that
// other processes sharing /tmp neither count nor get removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUN_DIR = 'JEST_RUN_TMPDIR';
const OUTER = 'JEST_OUTER_TMPDIR';

/** Caches that tools keep in the temporary directory on purpose (tsx's compile cache). */
const TOOL_CACHES = [/^tsx-\d+$/];

export function setUp(env: NodeJS.ProcessEnv = process.env): string {
  const outer = env.TMPDIR || os.tmpdir();
  const dir = fs.mkdtempSync(path.join(outer, 'jest-run-'));
  env[OUTER] = outer;
  env[RUN_DIR] = dir;
  env.TMPDIR = dir;
  return dir;
}

/** What the run left behind (names, tool caches aside), after removing the run's directory. */
export function tearDown(env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = env[RUN_DIR];
  if (!dir) return [];
  const left = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  fs.rmSync(dir, { recursive: true, force: true });
  env.TMPDIR = env[OUTER];
  delete env[RUN_DIR];
  delete env[OUTER];
  return left.filter((name) => !TOOL_CACHES.some((cache) => cache.test(name)));
}
