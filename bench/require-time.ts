import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { buildFunctions, NODE_TARGET, REPO_ROOT } from '../scripts/build-functions';
import { median } from './stats';

/**
 * Size and require time of each bundled cloud function, against requiring wx-server-sdk alone
 * (from node_modules, as a function without a bundler would). Each require is timed in a fresh
 * Node process (process.hrtime around require), runs interleaved, median of `reps`.
 */
export interface RequireTimes {
  sdk: { requireMs: number; bundledBytes: number; bundledRequireMs: number };
  functions: Array<{ name: string; bytes: number; requireMs: number; ratio: number }>;
}

const TIMER = [
  'const file = process.argv[1];',
  'const t = process.hrtime.bigint();',
  'require(file);',
  'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));',
  'process.exit(0);',
].join('\n');

/** Milliseconds one fresh Node process takes to require `file`. */
export function requireOnce(file: string, cwd: string): number {
  const run = spawnSync(process.execPath, ['-e', TIMER, file], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC' },
  });
  const ms = Number(run.stdout);
  if (run.status !== 0 || !Number.isFinite(ms)) {
    throw new Error(`require of ${file} failed: ${run.stderr.slice(0, 500)}`);
  }
  return ms;
}

export async function measureRequireTimes(options: {
  outRoot: string;
  reps: number;
  progress?: (line: string) => void;
}): Promise<RequireTimes> {
  const progress = options.progress ?? (() => undefined);
  progress(`building the functions with scripts/build-functions.ts into ${options.outRoot}`);
  const built = await buildFunctions({ outRoot: options.outRoot, minify: true });
  // The SDK alone, bundled the same way, for scale.
  const sdkBundle = path.join(options.outRoot, 'sdk-alone', 'index.js');
  await build({
    stdin: { contents: "module.exports = require('wx-server-sdk');", resolveDir: REPO_ROOT },
    outfile: sdkBundle,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  const sdkEntry = require.resolve('wx-server-sdk', { paths: [REPO_ROOT] });
  const targets = [
    { key: 'sdk', file: sdkEntry, cwd: REPO_ROOT },
    { key: 'sdk-bundled', file: sdkBundle, cwd: path.dirname(sdkBundle) },
    ...built.map((f) => ({ key: f.name, file: f.outfile, cwd: path.dirname(f.outfile) })),
  ];
  const samples = new Map<string, number[]>(targets.map((t) => [t.key, []]));
  for (let rep = 1; rep <= options.reps; rep++) {
    progress(`require times: repetition ${rep}/${options.reps}`);
    for (const target of targets)
      samples.get(target.key)?.push(requireOnce(target.file, target.cwd));
  }
  const med = (key: string) => median(samples.get(key) ?? []);
  const sdkMs = med('sdk');
  return {
    sdk: {
      requireMs: sdkMs,
      bundledBytes: fs.statSync(sdkBundle).size,
      bundledRequireMs: med('sdk-bundled'),
    },
    functions: built.map((f) => ({
      name: f.name,
      bytes: f.bytes,
      requireMs: med(f.name),
      ratio: med(f.name) / sdkMs,
    })),
  };
}
