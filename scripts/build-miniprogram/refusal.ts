// What must never be uploaded: a package (main or subpackage) or the whole above its limit, any
// trace of the merchant's password or key (the merchant key lives on the server only).
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_MERCHANT } from '../../sandbox/config';
import type { BuildReport, PackageSize, SizeLimits } from './report';
import { formatBytes } from './report';

/** WeChat allows 2 MB for each package, the main one and every subpackage; we keep a margin. */
export const MAIN_PACKAGE_LIMIT_BYTES = 1_572_864;
/** WeChat's limit for the main package and each subpackage (refused by DevTools above it). */
export const WECHAT_PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;
/** WeChat's limit for all packages together. */
export const WECHAT_TOTAL_LIMIT_BYTES = 20 * 1024 * 1024;

export const DEFAULT_SIZE_LIMITS: SizeLimits = {
  packageBytes: MAIN_PACKAGE_LIMIT_BYTES,
  totalBytes: WECHAT_TOTAL_LIMIT_BYTES,
};

/** Thrown when a package was built but must not be uploaded; carries what was measured. */
export class PackageRefusedError extends Error {
  constructor(
    readonly problems: string[],
    readonly report: BuildReport,
  ) {
    super(`mini-program package refused:\n- ${problems.join('\n- ')}`);
    this.name = 'PackageRefusedError';
  }
}

export interface Secret {
  /** How the secret is named in messages (never its value). */
  label: string;
  value: string;
}

/** The values that must never ship in the mini-program (the demo merchant's credentials). */
export function merchantSecrets(): Secret[] {
  return [
    {
      label: 'the demo merchant password (sandbox/config.ts DEMO_MERCHANT)',
      value: DEMO_MERCHANT.password,
    },
    { label: 'the demo merchant key (sandbox/config.ts DEMO_MERCHANT)', value: DEMO_MERCHANT.key },
  ];
}

/** Problems with what was measured; none means the package may be uploaded. */
export function sizeProblem(mainBytes: number, limitBytes: number): string | undefined {
  return packageSizeProblem({ name: 'main', root: '', bytes: mainBytes }, limitBytes);
}

/** A package (main or subpackage) above the limit of each package. */
export function packageSizeProblem(p: PackageSize, limitBytes: number): string | undefined {
  if (p.bytes <= limitBytes) return undefined;
  const what = p.root ? `subpackage ${p.root}` : 'main package';
  return `${what} is ${formatBytes(p.bytes)}, above the limit of ${formatBytes(limitBytes)} (MAIN_PACKAGE_LIMIT_BYTES; WeChat refuses 2 MB)`;
}

/** All packages together above the limit. */
export function totalSizeProblem(bytes: number, limitBytes: number): string | undefined {
  if (bytes <= limitBytes) return undefined;
  return `all packages together are ${formatBytes(bytes)}, above the limit of ${formatBytes(limitBytes)} (WeChat refuses 20 MB)`;
}

/** Names (never values) of the secrets each file holds. `text` is read as latin1 to cover binaries. */
export function secretsIn(text: string, secrets: Secret[]): string[] {
  const lower = text.toLowerCase();
  const hex = new Set((lower.match(/[0-9a-f]{32}/g) ?? []).map((h) => h.toLowerCase()));
  return secrets
    .filter((s) => {
      const v = s.value.toLowerCase();
      return lower.includes(v) || hex.has(v);
    })
    .map((s) => s.label);
}

/** Why the measured package must not be uploaded; empty when it may be. */
export function refusals(report: BuildReport): string[] {
  const { limits } = report;
  const problems: string[] = [];
  for (const p of report.packages) {
    const tooBig = packageSizeProblem(p, limits.packageBytes);
    if (tooBig) problems.push(tooBig);
  }
  const tooBigInAll = totalSizeProblem(report.bytes, limits.totalBytes);
  if (tooBigInAll) problems.push(tooBigInAll);
  const secrets = merchantSecrets();
  for (const f of report.files) {
    // Matched as latin1 bytes; the secrets are ASCII so this is exact.
    const text = fs.readFileSync(path.join(report.packageDir, f.path), 'latin1');
    for (const label of secretsIn(text, secrets)) problems.push(`${f.path} contains ${label}`);
  }
  return problems;
}
