// `npm run build:miniprogram`, step by step: entries, scripts, assets, npm components, project
// config, measurement and refusals, then WeChat's own compilers on what would be uploaded.
import fs from 'node:fs';
import path from 'node:path';
import { copyAssets } from './assets';
import { readAppJson, usedUnits } from './entries';
import { DEFAULT_OUT_DIR, MINIPROGRAM_DIR } from './files';
import { leftOutMatcher } from './ignore';
import { copyNpmComponents, pointAtPlacedComponents } from './npm-components';
import { CompileRefusedError } from './problems';
import { writeProjectConfig } from './project-config';
import { DEFAULT_SIZE_LIMITS, PackageRefusedError, refusals } from './refusal';
import { measurePackage, type BuildReport, type SizeLimits } from './report';
import { compileScripts, reachableModules } from './scripts';
import { crossPackageProblems } from './subpackages';
import { compileWithMiniprogramCi } from './wechat-ci';
import { compileTemplatesAndStyles } from './wechat-compilers';

export interface BuildMiniprogramOptions {
  /** Default: dist/ of the repository. Its miniprogram/ folder is replaced. */
  outDir?: string;
  srcDir?: string;
  /** Limit of each package, main and subpackages. Default: MAIN_PACKAGE_LIMIT_BYTES. */
  limitBytes?: number;
  /** Limit of all packages together. Default: WECHAT_TOTAL_LIMIT_BYTES. */
  totalLimitBytes?: number;
  /**
   * Which of WeChat's compilers check the package: 'none' (default), 'templates' (wcc and wcsc,
   * about a second) or 'all' (also miniprogram-ci, tens of seconds; what the npm script runs).
   */
  wechat?: 'none' | 'templates' | 'all';
}

export async function buildMiniprogram(
  options: BuildMiniprogramOptions = {},
): Promise<BuildReport> {
  const srcDir = path.resolve(options.srcDir ?? MINIPROGRAM_DIR);
  const outDir = path.resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const packageDir = path.join(outDir, 'miniprogram');
  const limits: SizeLimits = {
    packageBytes: options.limitBytes ?? DEFAULT_SIZE_LIMITS.packageBytes,
    totalBytes: options.totalLimitBytes ?? DEFAULT_SIZE_LIMITS.totalBytes,
  };
  const leftOut = leftOutMatcher(srcDir);

  const { entries, npm } = usedUnits(srcDir);
  const modules = await reachableModules(srcDir, entries);
  const shippedLeftOut = modules.filter(leftOut);
  if (shippedLeftOut.length > 0) {
    throw new Error(`the package would need files that are left out: ${shippedLeftOut.join(', ')}`);
  }

  fs.rmSync(packageDir, { recursive: true, force: true });
  fs.mkdirSync(packageDir, { recursive: true });
  /** Package path -> the file it is an unchanged copy of. */
  const sources = new Map<string, string>();
  await compileScripts(srcDir, packageDir, modules);
  copyAssets(srcDir, packageDir, leftOut, sources);
  const placed = await copyNpmComponents(npm, srcDir, packageDir, sources);
  pointAtPlacedComponents(packageDir, entries, placed, sources);
  writeProjectConfig(srcDir, outDir);

  const app = readAppJson(srcDir);
  const report = measurePackage(outDir, packageDir, app, limits);
  const problems = refusals(report);
  if (problems.length > 0) throw new PackageRefusedError(problems, report);
  // What DevTools refuses of a subpackage layout, before WeChat's compilers (which do not check it).
  const files = report.files.map((f) => f.path);
  const crossing = crossPackageProblems(srcDir, packageDir, app, sources, files);
  if (crossing.length > 0) throw new CompileRefusedError(crossing);

  const wechat = options.wechat ?? 'none';
  if (wechat !== 'none') {
    const compiled = compileTemplatesAndStyles(packageDir, files, sources);
    if (wechat === 'all') compiled.push(...(await compileWithMiniprogramCi(outDir, sources)));
    if (compiled.length > 0) throw new CompileRefusedError(compiled);
  }
  return report;
}
