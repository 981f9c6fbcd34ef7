// `npm run build:functions`: bundles each cloud function (cloudfunctions/<name>/index.ts, with
// wx-server-sdk and everything it imports) into one file, cloudfunctions/<name>/dist/index.js,
// which its package.json `main` names. Upload the folder after building.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_DIR = path.join(REPO_ROOT, 'cloudfunctions');
/** The runtime the functions are deployed on is Node.js 20.19 (cloudbaserc.json), the one the tests run on. */
export const NODE_TARGET = 'node20';

export interface BuildOptions {
  functionsDir?: string;
  /** Where `<name>/dist/index.js` go (default: the functions folder itself). */
  outRoot?: string;
  /** Only these functions (default: every folder with an index.ts). */
  names?: string[];
  minify?: boolean;
}

export interface BuiltFunction {
  name: string;
  outfile: string;
  bytes: number;
}

export function functionNames(functionsDir = FUNCTIONS_DIR): string[] {
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunctions(options: BuildOptions = {}): Promise<BuiltFunction[]> {
  const functionsDir = options.functionsDir ?? FUNCTIONS_DIR;
  const outRoot = options.outRoot ?? functionsDir;
  const built: BuiltFunction[] = [];
  for (const name of options.names ?? functionNames(functionsDir)) {
    const outfile = path.join(outRoot, name, 'dist', 'index.js');
    await build({
      entryPoints: [path.join(functionsDir, name, 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: NODE_TARGET,
      format: 'cjs',
      minify: options.minify ?? true,
      legalComments: 'none',
      logLevel: 'error',
    });
    built.push({ name, outfile, bytes: fs.statSync(outfile).size });
  }
  return built;
}

if (require.main === module) {
  buildFunctions()
    .then((built) => {
      for (const f of built) {
        const kb = (f.bytes / 1024).toFixed(0).padStart(6);
        console.log(`${f.name.padEnd(12)} ${kb} KB  ${path.relative(REPO_ROOT, f.outfile)}`);
      }
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
