// `npm run build:miniprogram`: writes the upload package of the mini-program to dist/miniprogram/
// and a project.config.json to dist/, so that WeChat DevTools can open dist/ as it is, and checks
// it with WeChat's own compilers (wcc, wcsc, miniprogram-ci offline): any error fails the build
// with its file and line. The steps live in scripts/build-miniprogram/ (build.ts runs them).
//
// The build prints the size of the main package and of each subpackage (app.json subPackages) and
// refuses one above MAIN_PACKAGE_LIMIT_BYTES (WeChat: 2 MB each), all of them above
// WECHAT_TOTAL_LIMIT_BYTES (20 MB), a main package that requires a subpackage's file, and a package
// that holds the demo merchant's password or key (the merchant key lives on the server only).
import path from 'node:path';
import { buildMiniprogram } from './build-miniprogram/build';
import { CompileRefusedError } from './build-miniprogram/problems';
import { PackageRefusedError } from './build-miniprogram/refusal';
import { printReport } from './build-miniprogram/report';

export { NPM_DIR, isNpmComponent } from './npm-component-resolve';
export { buildMiniprogram, type BuildMiniprogramOptions } from './build-miniprogram/build';
export { entryModules } from './build-miniprogram/entries';
export { DEFAULT_OUT_DIR, MINIPROGRAM_DIR, REPO_ROOT } from './build-miniprogram/files';
export { globToRegExp, ignoreMatcher } from './build-miniprogram/ignore';
export {
  CompileRefusedError,
  formatProblem,
  type CompileProblem,
} from './build-miniprogram/problems';
export {
  DEFAULT_SIZE_LIMITS,
  MAIN_PACKAGE_LIMIT_BYTES,
  PackageRefusedError,
  WECHAT_PACKAGE_LIMIT_BYTES,
  WECHAT_TOTAL_LIMIT_BYTES,
  merchantSecrets,
  packageSizeProblem,
  secretsIn,
  sizeProblem,
  totalSizeProblem,
  type Secret,
} from './build-miniprogram/refusal';
export {
  formatBytes,
  type BuildReport,
  type PackageFile,
  type PackageSize,
  type SizeLimits,
} from './build-miniprogram/report';
export { crossPackageProblems } from './build-miniprogram/subpackages';
export { SCRIPT_TARGET } from './build-miniprogram/scripts';

if (require.main === module) {
  const started = Date.now();
  buildMiniprogram({ wechat: 'all' })
    .then((report) => {
      printReport(report);
      console.log(
        `  WeChat's compilers (wcc, wcsc, miniprogram-ci): no errors (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      console.log(`open ${path.relative(process.cwd(), report.outDir) || '.'}/ in WeChat DevTools`);
    })
    .catch((error: unknown) => {
      if (error instanceof PackageRefusedError) printReport(error.report);
      console.error(error instanceof Error ? error.message : String(error));
      if (error instanceof CompileRefusedError) console.error("WeChat's compilers refused it");
      process.exit(1);
    });
}
