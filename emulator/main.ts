// `npx tsx emulator/main.ts`: the CloudBase emulator (database + function host) with defaults.
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_DATA_DIR } from './database/server';
import { discoverFunctions, type EntryMode } from './functions/discover';
import type { TimerOverride } from './functions/host';
import { startEmulatorStack } from './stack';

export const DEFAULT_DATABASE_PORT = 8810;
export const DEFAULT_FUNCTIONS_PORT = 8811;
export const DEFAULT_FUNCTIONS_DIR = path.resolve(__dirname, '../cloudfunctions');
/** HTTP access paths of the project's functions, used when those functions exist. */
export const DEFAULT_HTTP_ROUTES: Record<string, string> = {
  '/notify': 'notify',
  '/gate': 'gate',
  '/camera': 'camera',
  '/p': 'h5',
};

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('not a port');
  return n;
}

function milliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a period in milliseconds: ${value}`);
  return n;
}

function pair(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

async function run(): Promise<void> {
  const program = new Command()
    .name('emulator')
    .description('Local CloudBase: database emulator and cloud function host (127.0.0.1 only)')
    .option('--port <port>', 'function host port', port, DEFAULT_FUNCTIONS_PORT)
    .option('--db-port <port>', 'database emulator port', port, DEFAULT_DATABASE_PORT)
    .option('--data-dir <dir>', 'data folder', DEFAULT_DATA_DIR)
    .option('--functions-dir <dir>', 'cloud functions folder', DEFAULT_FUNCTIONS_DIR)
    .option('--entry <mode>', 'run functions from "source" (tsx) or "bundle" (esbuild)', 'source')
    .option('--route <path=function>', 'HTTP access path (repeatable)', pair, {})
    .option(
      '--timer <function=ms>',
      "fire a function's timer every ms instead of its cron",
      pair,
      {},
    )
    .option('--no-timers', 'do not fire timer triggers')
    .option('--auto-create-collections', 'let writes create missing collections')
    .option('--warm', 'start one instance of each function at once')
    .parse();
  const opts = program.opts<{
    port: number;
    dbPort: number;
    dataDir: string;
    functionsDir: string;
    entry: string;
    route: Record<string, string>;
    timer: Record<string, string>;
    timers: boolean;
    autoCreateCollections?: boolean;
    warm?: boolean;
  }>();
  if (opts.entry !== 'source' && opts.entry !== 'bundle') {
    throw new Error('--entry must be "source" or "bundle"');
  }
  const entryMode: EntryMode = opts.entry;
  const functionsDir = fs.existsSync(opts.functionsDir) ? opts.functionsDir : undefined;
  const names = new Set(
    functionsDir ? discoverFunctions(functionsDir, entryMode).map((f) => f.name) : [],
  );
  const routes =
    Object.keys(opts.route).length > 0
      ? opts.route
      : Object.fromEntries(
          Object.entries(DEFAULT_HTTP_ROUTES).filter(([, name]) => names.has(name)),
        );
  const timers: Record<string, TimerOverride> = {};
  for (const [name, ms] of Object.entries(opts.timer)) timers[name] = { everyMs: milliseconds(ms) };

  const stack = await startEmulatorStack({
    database: {
      port: opts.dbPort,
      dataDir: opts.dataDir,
      autoCreateCollections: opts.autoCreateCollections ?? false,
    },
    functions: {
      port: opts.port,
      functionsDir,
      entryMode,
      httpRoutes: routes,
      timers: opts.timers ? timers : false,
      warm: opts.warm ?? false,
    },
  });
  const lines = [
    `database  ${stack.database.url}  (SDK serviceUrl ${stack.database.serviceUrl}, data ${stack.database.dataDir})`,
    `openapi   ${stack.database.url}/openapi/calls  (cloud.openapi calls received; README "openapi")`,
    `functions ${stack.functions.url}  (POST /invoke/<name> { data, openid })`,
    ...Object.entries(routes).map(([p, name]) => `  HTTP ${stack.functions.url}${p} -> ${name}`),
    `  functions: ${stack.functions.functionNames.join(', ') || `none (no ${opts.functionsDir})`}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = () => {
    stack.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  run().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}
