// `npm run deploy:check`: what `tcb fn deploy --all` would deploy, resolved by the official
// CloudBase CLI's own code (offline, before its login check) against .env.example and the built
// dist/ folders, then checked. Fails, saying what to fix, when a {{env.X}} stays unresolved (a
// deploy would replace the function's online variables with an empty value), a function folder or
// its handler is missing, a runtime is not one CloudBase offers, cloudbaserc.json and a function's
// config.json disagree, or a function calls a cloud API (云调用) its config.json does not declare.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveWithCli, type CliResolution } from './cli-resolve';
import { NODE_TARGET, REPO_ROOT } from '../build-functions';

/** The Node.js runtimes CloudBase functions offer (the CLI's own list, RuntimeOptions). */
export const OFFERED_RUNTIMES = [
  'Nodejs16.13',
  'Nodejs18.15',
  'Nodejs20.19',
  'Nodejs22.21',
  'Nodejs24.11',
];

/** The mode the CLI is run with: it then reads `.env.example` (`.env.<mode>`). */
const CHECK_MODE = 'example';

export interface CheckResult {
  problems: string[];
  warnings: string[];
  resolution: CliResolution;
}

interface FunctionConfigJson {
  timeout?: number;
  runtime?: string;
  memorySize?: number;
  triggers?: Array<{ name: string; type: string; config: string }>;
  permissions?: { openapi?: string[] };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const WHOLE_ENV = /^\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const ANY_TEMPLATE = /\{\{/;
const OPENAPI_CALL = /\.openapi\.([A-Za-z]+)\.([A-Za-z]+)\(/g;

/** Every string leaf of a JSON value with its path (`functions[0].envVariables.X`). */
function stringLeaves(value: Json, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, at ? `${at}.${k}` : k));
  }
  return [];
}

function valueAt(value: unknown, at: string): unknown {
  let current = value;
  for (const part of at.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Names of the function folders (those with an index.ts or a config.json). */
function functionFolders(projectDir: string): string[] {
  const root = path.join(projectDir, 'cloudfunctions');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .filter((d) =>
      ['index.ts', 'config.json'].some((f) => fs.existsSync(path.join(root, d.name, f))),
    )
    .map((d) => d.name)
    .sort();
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** A folder that shows the CLI the project with only `envFile` as its .env file. */
function stageProject(projectDir: string, envFile: string): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-check-'));
  for (const entry of fs.readdirSync(projectDir)) {
    if (entry.startsWith('.env')) continue;
    fs.symlinkSync(path.join(projectDir, entry), path.join(stage, entry));
  }
  fs.copyFileSync(envFile, path.join(stage, `.env.${CHECK_MODE}`));
  return stage;
}

export async function checkDeploy(
  projectDir = REPO_ROOT,
  envFile = path.join(projectDir, '.env.example'),
): Promise<CheckResult> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const rcFile = path.join(projectDir, 'cloudbaserc.json');
  if (!fs.existsSync(envFile))
    throw new Error(
      `${path.relative(projectDir, envFile)} is missing: copy the variables of cloudbaserc.json into it`,
    );
  const raw = readJson<Json>(rcFile);
  const stage = stageProject(projectDir, envFile);
  let resolution: CliResolution;
  try {
    resolution = await resolveWithCli(stage, CHECK_MODE);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  for (const h of resolution.handlers) {
    h.dir = h.dir.replace(stage, projectDir);
    h.file = h.file.replace(stage, projectDir);
  }
  const resolved = resolution.config;
  const envName = path.basename(envFile);

  // 1. Every {{env.X}} resolved to a value.
  for (const [at, value] of stringLeaves(raw)) {
    if (!ANY_TEMPLATE.test(value) || at.startsWith('$')) continue;
    const whole = WHOLE_ENV.exec(value);
    if (!whole) {
      problems.push(
        `cloudbaserc.json ${at}: "${value}" is not replaced by the CLI, which only renders a whole value "{{env.NAME}}"`,
      );
      continue;
    }
    const after = valueAt(resolved, at);
    if (typeof after !== 'string' || after === '' || ANY_TEMPLATE.test(after)) {
      problems.push(
        `cloudbaserc.json ${at}: {{env.${whole[1]}}} is not set: add ${whole[1]}=<value> to ${envName} ` +
          `(a deploy would replace the online value with "${typeof after === 'string' ? after : ''}")`,
      );
    }
  }

  // 2. Functions: folders, handlers, runtimes.
  const functions = resolved.functions ?? [];
  const declared = new Set(functions.map((f) => String(f.name)));
  for (const folder of functionFolders(projectDir)) {
    if (!declared.has(folder))
      problems.push(
        `cloudfunctions/${folder} is not in cloudbaserc.json "functions": add it (or remove the folder)`,
      );
  }
  const targetMajor = Number(NODE_TARGET.replace('node', ''));
  for (const fn of functions) {
    const name = String(fn.name);
    const runtime = String(fn.runtime ?? '');
    if (!OFFERED_RUNTIMES.includes(runtime)) {
      problems.push(
        `function ${name}: runtime "${runtime}" is not one CloudBase offers (${OFFERED_RUNTIMES.join(', ')}); use Nodejs20.19`,
      );
    } else if (Number(runtime.slice('Nodejs'.length).split('.')[0]) < targetMajor) {
      problems.push(
        `function ${name}: runtime ${runtime} is older than the bundle's esbuild target ${NODE_TARGET} (scripts/build-functions.ts)`,
      );
    }
    const probe = resolution.handlers.find((h) => h.name === name);
    const dir = probe ? path.relative(projectDir, probe.dir) : String(fn.dir);
    if (!probe || !probe.dirExists) {
      problems.push(
        `function ${name}: folder ${dir} does not exist: run \`npm run build:functions\` (or fix "dir")`,
      );
    } else if (!probe.fileExists) {
      problems.push(
        `function ${name}: ${dir}/${path.basename(probe.file)} is missing (handler ${String(fn.handler)}): run \`npm run build:functions\``,
      );
    } else if (probe.exportType !== 'function') {
      const why = probe.loadError
        ? `does not load (${probe.loadError})`
        : `does not export a function \`${probe.exportName}\``;
      problems.push(
        `function ${name}: ${dir}/${path.basename(probe.file)} ${why} (handler ${String(fn.handler)})`,
      );
    }

    // 3. cloudbaserc.json and the function's config.json (which WeChat DevTools reads) agree.
    const configFile = path.join(projectDir, 'cloudfunctions', name, 'config.json');
    if (!fs.existsSync(configFile)) {
      problems.push(`function ${name}: cloudfunctions/${name}/config.json is missing`);
      continue;
    }
    const own = readJson<FunctionConfigJson>(configFile);
    const same = (field: string, a: unknown, b: unknown) => {
      if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) {
        problems.push(
          `function ${name}: ${field} is ${JSON.stringify(a ?? null)} in cloudbaserc.json but ${JSON.stringify(b ?? null)} in cloudfunctions/${name}/config.json: make them equal`,
        );
      }
    };
    same('timeout', fn.timeout, own.timeout);
    if (own.runtime !== undefined) same('runtime', fn.runtime, own.runtime);
    if (own.memorySize !== undefined) same('memorySize', fn.memorySize, own.memorySize);
    const triggers = (list: unknown) =>
      ((list as FunctionConfigJson['triggers']) ?? []).map((t) => ({
        name: t.name,
        type: t.type,
        config: t.config,
      }));
    same('triggers', triggers(fn.triggers), triggers(own.triggers));

    // 4. Cloud calls (云调用): used in the bundle => declared; declared => granted by hand.
    const granted = own.permissions?.openapi ?? [];
    if (probe?.fileExists) {
      const code = fs.readFileSync(probe.file, 'utf8');
      const used = [
        ...new Set([...code.matchAll(OPENAPI_CALL)].map((m) => `${m[1]}.${m[2]}`)),
      ].sort();
      for (const api of used.filter((u) => !granted.includes(u))) {
        problems.push(
          `function ${name}: calls cloud.openapi.${api} but cloudfunctions/${name}/config.json does not list it in permissions.openapi`,
        );
      }
    }
    for (const api of granted) {
      warnings.push(
        `function ${name} needs the cloud-call permission ${api}: \`tcb fn deploy\` does not apply config.json permissions; ` +
          'upload the config once with WeChat DevTools (README, Deploy, step 6)',
      );
    }
  }
  for (const [field, value] of [['envId', resolved.envId]] as const) {
    if (typeof value !== 'string' || value === '' || ANY_TEMPLATE.test(value)) {
      problems.push(
        `cloudbaserc.json ${field} resolves to "${String(value ?? '')}": set ENV_ID in ${envName}`,
      );
    }
  }
  return { problems: [...new Set(problems)], warnings, resolution };
}

const SECRET_NAME = /KEY|PASSWORD|SECRET|MERCHANTS/i;

/** The resolved config as printed: secret values masked. */
export function printable(config: unknown): string {
  return JSON.stringify(
    config,
    (key, value: unknown) =>
      SECRET_NAME.test(key) && typeof value === 'string' && value !== '' ? '***' : value,
    2,
  );
}

if (require.main === module) {
  const at = process.argv.indexOf('--env-file');
  const envFile = at > 0 ? path.resolve(process.argv[at + 1] ?? '') : undefined;
  checkDeploy(REPO_ROOT, envFile)
    .then(({ problems, warnings, resolution }) => {
      if (process.argv.includes('--print')) console.log(printable(resolution.config));
      for (const w of warnings) console.log(`warning: ${w}`);
      if (problems.length > 0) {
        for (const p of problems) console.error(`deploy:check: ${p}`);
        console.error(`deploy:check: ${problems.length} problem(s)`);
        process.exit(1);
      }
      const names = (resolution.config.functions ?? []).map(
        (f) => `${String(f.name)} (${String(f.runtime)})`,
      );
      console.log(
        `deploy:check: ok, the CloudBase CLI resolves envId ${String(resolution.config.envId)} and ${names.join(', ')}`,
      );
    })
    .catch((error: unknown) => {
      console.error(`deploy:check: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
