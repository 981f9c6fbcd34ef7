import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Which file of a function folder to run: its TypeScript source, or its esbuild bundle. */
export type EntryMode = 'source' | 'bundle';

export interface TimerTrigger {
  name: string;
  /** CloudBase cron: second minute hour day month weekday [year], China time. */
  cron: string;
}

export interface DiscoveredFunction {
  name: string;
  dir: string;
  entry: string;
  timeoutMs?: number;
  env: Record<string, string>;
  timers: TimerTrigger[];
}

/** The parts of a function's config.json the host uses (permissions etc. are ignored). */
const functionConfig = z.object({
  timeout: z.number().positive().max(900).optional(),
  envVariables: z.record(z.string(), z.string()).optional(),
  triggers: z
    .array(z.object({ name: z.string().min(1), type: z.string(), config: z.string().min(1) }))
    .optional(),
});

const SOURCE_ENTRIES = ['index.ts', 'src/index.ts', 'index.js'];
const BUNDLE_ENTRIES = ['dist/index.js', 'index.js'];

function bundleEntries(dir: string): string[] {
  const pkgFile = path.join(dir, 'package.json');
  if (!fs.existsSync(pkgFile)) return BUNDLE_ENTRIES;
  const main = (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { main?: unknown }).main;
  return typeof main === 'string' ? [main, ...BUNDLE_ENTRIES] : BUNDLE_ENTRIES;
}

export function resolveEntry(dir: string, mode: EntryMode): string | undefined {
  const candidates = mode === 'source' ? SOURCE_ENTRIES : bundleEntries(dir);
  return candidates.map((file) => path.resolve(dir, file)).find((file) => fs.existsSync(file));
}

export function readFunctionConfig(dir: string): z.infer<typeof functionConfig> {
  const file = path.join(dir, 'config.json');
  if (!fs.existsSync(file)) return {};
  const parsed = functionConfig.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

/** Every sub-folder of `functionsDir` that has an entry file is a function named after it. */
export function discoverFunctions(functionsDir: string, mode: EntryMode): DiscoveredFunction[] {
  const found: DiscoveredFunction[] = [];
  for (const item of fs.readdirSync(functionsDir, { withFileTypes: true })) {
    if (item.name.startsWith('.') || item.name === 'node_modules') continue;
    const dir = path.join(functionsDir, item.name);
    // A linked folder counts as a function too (the bench adds one beside the real ones).
    const isFolder =
      item.isDirectory() || (item.isSymbolicLink() && fs.statSync(dir).isDirectory());
    if (!isFolder) continue;
    const entry = resolveEntry(dir, mode);
    if (!entry) continue;
    const config = readFunctionConfig(dir);
    found.push({
      name: item.name,
      dir,
      entry,
      timeoutMs: config.timeout === undefined ? undefined : config.timeout * 1000,
      env: config.envVariables ?? {},
      timers: (config.triggers ?? [])
        .filter((trigger) => trigger.type === 'timer')
        .map((trigger) => ({ name: trigger.name, cron: trigger.config })),
    });
  }
  return found;
}
