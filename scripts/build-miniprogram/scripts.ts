// The script step. DevTools compiles only files inside miniprogramRoot, but the mini-program imports
// pure code from outside it (core/plate, core/money, core/parking). So every script module of the
// mini-program is compiled to one CommonJS file of its own, with what it imports from outside
// miniprogram/ bundled in, and its imports of other mini-program modules left as
// `require('./x.js')`. Modules stay shared, as WeChat runs them: bundling each page alone would
// give each page its own copy of services/transport.ts, whose transport app.ts sets once.
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { isInside, toPosix } from './files';

/** What WeChat's base libraries run without further lowering. */
export const SCRIPT_TARGET = 'es2017';

/** The mini-program modules the entries reach (paths relative to srcDir, with extension). */
export async function reachableModules(srcDir: string, entries: string[]): Promise<string[]> {
  const result = await build({
    entryPoints: entries.map((e) => path.join(srcDir, `${e}.ts`)),
    absWorkingDir: srcDir,
    outdir: path.join(srcDir, '.unused-out'),
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: SCRIPT_TARGET,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs)
    .map((input) => path.resolve(srcDir, input))
    .filter((file) => isInside(srcDir, file))
    .map((file) => toPosix(path.relative(srcDir, file)))
    .sort();
}

/** Leaves imports of other mini-program modules as requires of their built .js files. */
function sharedModulesPlugin(srcDir: string): Plugin {
  return {
    name: 'shared-miniprogram-modules',
    setup(b) {
      b.onResolve({ filter: /^\.\.?(\/|$)/ }, async (args) => {
        if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
        const resolved = await b.resolve(args.path, {
          importer: args.importer,
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: 'inner',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (!isInside(srcDir, resolved.path)) return undefined; // bundled in
        if (!isInside(srcDir, args.importer)) {
          return {
            errors: [
              {
                text: `code outside miniprogram/ imports ${toPosix(path.relative(srcDir, resolved.path))}`,
              },
            ],
          };
        }
        let spec = toPosix(path.relative(path.dirname(args.importer), resolved.path)).replace(
          /\.(ts|js)$/,
          '.js',
        );
        if (!spec.startsWith('.')) spec = `./${spec}`;
        return { path: spec, external: true };
      });
    },
  };
}

/** Writes one minified CommonJS file per module into packageDir, at the module's place. */
export async function compileScripts(
  srcDir: string,
  packageDir: string,
  modules: string[],
): Promise<void> {
  await build({
    entryPoints: modules.map((m) => path.join(srcDir, m)),
    absWorkingDir: srcDir,
    outbase: srcDir,
    outdir: packageDir,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: SCRIPT_TARGET,
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'error',
    plugins: [sharedModulesPlugin(srcDir)],
  });
}
