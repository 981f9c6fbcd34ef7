// WeChat's own template and style compilers, `wcc` and `wcsc`, as shipped by the npm package
// miniprogram-compiler (builds of 2019). They run from the package root with relative paths, all
// files in one call (or `<wxs src>`, `<import>` and `@import` are not found), and stop at the
// first error, which they print as `file:line:column: message` (wcc) or
// `ERR: file(line:column): message` (wcsc).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './files';
import type { CompileProblem } from './problems';

const PACKAGE_DIR = path.dirname(require.resolve('miniprogram-compiler/package.json'));

function shippedBinary(name: 'wcc' | 'wcsc'): string {
  switch (process.platform) {
    case 'linux':
      return path.join(PACKAGE_DIR, 'bin', 'linux', name);
    case 'darwin':
      return path.join(PACKAGE_DIR, 'bin', 'mac', name);
    case 'win32':
      return path.join(PACKAGE_DIR, 'bin', 'windows', `${name}.exe`);
    default:
      throw new Error(`miniprogram-compiler ships no ${name} for ${process.platform}`);
  }
}

/**
 * The compiler, executable. npm installs it without the execute bit; rather than chmod the
 * installed file (the package's own wrapper does, which changes every hard link of it), a copy
 * under node_modules/.cache is made executable once.
 */
export function wechatCompiler(name: 'wcc' | 'wcsc'): string {
  const shipped = shippedBinary(name);
  try {
    fs.accessSync(shipped, fs.constants.X_OK);
    return shipped;
  } catch {
    // not executable: use the cached copy
  }
  const { version } = JSON.parse(
    fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'),
  ) as { version: string };
  const copy = path.join(
    REPO_ROOT,
    'node_modules',
    '.cache',
    `miniprogram-compiler-${version}`,
    path.basename(shipped),
  );
  if (!fs.existsSync(copy) || fs.statSync(copy).size !== fs.statSync(shipped).size) {
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    const partial = `${copy}.${process.pid}`;
    fs.copyFileSync(shipped, partial);
    fs.chmodSync(partial, 0o755);
    fs.renameSync(partial, copy); // atomic: a parallel build never runs a half-written copy
  }
  return copy;
}

const WCC_ERROR = /^(.+?\.(?:wxml|wxs)):(\d+):(\d+):\s*(.*)$/;
const WCSC_ERROR = /^ERR: (.+?\.wxss)\((\d+):(\d+)\):\s*(.*)$/;

/** The problems in a compiler's output; a failure it printed no location for names the package. */
export function parseCompilerOutput(
  tool: 'wcc' | 'wcsc',
  output: string,
  packageDir: string,
  sources: Map<string, string>,
): CompileProblem[] {
  const pattern = tool === 'wcc' ? WCC_ERROR : WCSC_ERROR;
  const problems: CompileProblem[] = [];
  for (const raw of output.split('\n')) {
    const m = pattern.exec(raw.trim());
    if (!m) continue;
    const [, file, line, column, message] = m;
    problems.push({
      tool,
      file: sources.get(file!) ?? path.join(packageDir, file!),
      line: Number(line),
      column: Number(column),
      message: message!.trim(),
    });
  }
  return problems;
}

function run(
  tool: 'wcc' | 'wcsc',
  args: string[],
  packageDir: string,
  sources: Map<string, string>,
): CompileProblem[] {
  const result = spawnSync(wechatCompiler(tool), args, {
    cwd: packageDir,
    // The compiled output is not needed: only whether and where it fails.
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status === 0) return [];
  const output = result.stderr.toString('utf8');
  const problems = parseCompilerOutput(tool, output, packageDir, sources);
  if (problems.length > 0) return problems;
  return [
    {
      tool,
      file: packageDir,
      message: `${tool} failed (${result.signal ?? `exit ${result.status}`}): ${output.trim() || 'no message'}`,
    },
  ];
}

/**
 * Compiles every template and wxs (wcc) and every style (wcsc) of the package; `files` are posix
 * paths inside packageDir, `sources` maps copies to the files people edit.
 */
export function compileTemplatesAndStyles(
  packageDir: string,
  files: string[],
  sources: Map<string, string>,
): CompileProblem[] {
  const templates = files.filter((f) => f.endsWith('.wxml') || f.endsWith('.wxs')).sort();
  const styles = files.filter((f) => f.endsWith('.wxss')).sort();
  return [
    ...(templates.length > 0 ? run('wcc', ['-d', ...templates], packageDir, sources) : []),
    ...(styles.length > 0
      ? run('wcsc', ['-db', '-pc', String(styles.length), ...styles], packageDir, sources)
      : []),
  ];
}
