import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { keyFromPassword } from '../core/allinpay/sign';
import { toFieldIssues } from '../core/allinpay/validation';
import { faultConfigSchema, type FaultConfigInput } from './fault-policy';
import { DEFAULT_FEE_RATE_BP } from './handling-fee';

/**
 * Sandbox configuration: programmatic options, a JSON file (SANDBOX_CONFIG) and environment
 * variables, all validated with zod. Precedence: defaults < file < environment < options.
 */

export const REPO_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data', 'sandbox');
export const DEFAULT_PORT = 8801;
export const DEFAULT_HOST = '127.0.0.1';

/** The merchant configured out of the box, so that `npm start` works with no setup. */
export const DEMO_MERCHANT = {
  cusid: '990440153996000',
  appid: '00000000',
  password: 'sandbox-password',
  key: keyFromPassword('sandbox-password'),
  name: '通联沙箱演示商户',
} as const;

export const merchantConfigSchema = z
  .strictObject({
    cusid: z.string().min(1).max(15),
    appid: z.string().min(1).max(8),
    /** The platform login password; the signing key is its lowercase md5 (protocol note 2). */
    password: z.string().min(1).max(256).optional(),
    /** Or the key itself (32 hex digits). */
    key: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, { error: 'must be 32 hex digits (the md5 of the password)' })
      .optional(),
    name: z.string().min(1).max(64).optional(),
    /** appId put in payinfo (the WeChat app the payer pays in). */
    wxAppId: z.string().min(1).max(32).optional(),
    /** Handling fee rate in basis points (60 = 0.6%). */
    feeRateBp: z.number().int().min(0).max(10_000).optional(),
    /** Value of the coupon the cashier offers, in fen (0: no coupon). */
    couponFen: z.number().int().min(0).max(9_999_999_999).optional(),
  })
  .refine((m) => (m.password === undefined) !== (m.key === undefined), {
    error: 'give exactly one of password or key',
    path: ['password'],
  });

export type MerchantConfig = z.infer<typeof merchantConfigSchema>;

export interface Merchant {
  cusid: string;
  appid: string;
  key: string;
  name: string;
  wxAppId: string;
  feeRateBp: number;
  couponFen: number;
}

export const DEFAULT_COUPON_FEN = 500;

export function toMerchant(
  config: Omit<MerchantConfig, 'password' | 'key'> & { password?: string; key?: string },
  defaults: { feeRateBp: number; couponFen: number },
): Merchant {
  return {
    cusid: config.cusid,
    appid: config.appid,
    key: (config.key ?? keyFromPassword(config.password ?? '')).toLowerCase(),
    name: config.name ?? `商户 ${config.cusid}`,
    wxAppId: config.wxAppId ?? 'wxsandbox00000000',
    feeRateBp: config.feeRateBp ?? defaults.feeRateBp,
    couponFen: config.couponFen ?? defaults.couponFen,
  };
}

/** What a merchant looks like from outside: never the key (engineering standard). */
export function publicMerchant(m: Merchant) {
  const { key: _key, ...rest } = m;
  return rest;
}

export const sandboxConfigSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  dataDir: z.string().min(1).optional(),
  /** Configured merchants (in addition to the demo merchant unless demoMerchant is false). */
  merchants: z.array(merchantConfigSchema).optional(),
  demoMerchant: z.boolean().optional(),
  feeRateBp: z.number().int().min(0).max(10_000).optional(),
  couponFen: z.number().int().min(0).max(9_999_999_999).optional(),
  /** How many times faster than real time the notification retry schedule runs. */
  timeScale: z.number().positive().max(1e9).optional(),
  /**
   * The names of the merchants' scenes (parkingNo → lot name) the cashier shows; the protocol
   * carries only parkingNo (spec, pay), so a scene not named here shows its code.
   */
  parkingNames: z.record(z.string().min(1).max(32), z.string().min(1).max(64)).optional(),
  /** Fault injection at start (merged over what the data folder remembers). */
  faults: faultConfigSchema.optional(),
  /** How often endTime settlement is checked (real ms). */
  settleIntervalMs: z.number().int().min(10).max(3_600_000).optional(),
  /** How long a notification attempt waits for the merchant's reply (real ms). */
  notifyTimeoutMs: z.number().int().min(1).max(600_000).optional(),
  /** After how long an unpaid pay order expires (sandbox seconds; WeChat uses 2 hours). */
  payExpirySeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .optional(),
});

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;

export interface SandboxOptions extends SandboxConfig {
  /** Receives one line per event; nothing is logged when absent. Never receives a key. */
  log?: (line: string) => void;
}

export interface ResolvedConfig {
  host: string;
  port: number;
  dataDir: string;
  merchants: Merchant[];
  feeRateBp: number;
  couponFen: number;
  timeScale: number;
  parkingNames: Record<string, string>;
  faults?: FaultConfigInput;
  settleIntervalMs: number;
  notifyTimeoutMs: number;
  payExpiryMs: number;
  log: (line: string) => void;
}

export class SandboxConfigError extends Error {
  constructor(where: string, issues: Array<{ field: string; rule: string }>) {
    super(
      `invalid sandbox configuration (${where}): ${issues.map((i) => `${i.field || '(root)'} ${i.rule}`).join('; ')}`,
    );
    this.name = 'SandboxConfigError';
  }
}

function asObject(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

function parseConfig(input: unknown, where: string): SandboxConfig {
  const result = sandboxConfigSchema.safeParse(input);
  if (!result.success)
    throw new SandboxConfigError(where, toFieldIssues(result.error, asObject(input)));
  return result.data;
}

export function resolveConfig(options: SandboxOptions = {}): ResolvedConfig {
  const { log, ...rest } = options;
  const config = parseConfig(rest, 'options');
  const feeRateBp = config.feeRateBp ?? DEFAULT_FEE_RATE_BP;
  const couponFen = config.couponFen ?? DEFAULT_COUPON_FEN;
  const list = [
    ...(config.demoMerchant === false ? [] : [DEMO_MERCHANT]),
    ...(config.merchants ?? []),
  ];
  const byCusid = new Map<string, Merchant>();
  for (const m of list) byCusid.set(m.cusid, toMerchant(m, { feeRateBp, couponFen }));
  return {
    host: config.host ?? DEFAULT_HOST,
    port: config.port ?? DEFAULT_PORT,
    dataDir: path.resolve(config.dataDir ?? DEFAULT_DATA_DIR),
    merchants: [...byCusid.values()],
    feeRateBp,
    couponFen,
    timeScale: config.timeScale ?? 1,
    parkingNames: config.parkingNames ?? {},
    faults: config.faults,
    settleIntervalMs: config.settleIntervalMs ?? 1_000,
    notifyTimeoutMs: config.notifyTimeoutMs ?? 10_000,
    payExpiryMs: (config.payExpirySeconds ?? 7_200) * 1000,
    log: log ?? (() => {}),
  };
}

const ENV_NUMBERS = {
  SANDBOX_PORT: 'port',
  SANDBOX_FEE_RATE_BP: 'feeRateBp',
  SANDBOX_COUPON_FEN: 'couponFen',
  SANDBOX_TIME_SCALE: 'timeScale',
  SANDBOX_SETTLE_INTERVAL_MS: 'settleIntervalMs',
  SANDBOX_NOTIFY_TIMEOUT_MS: 'notifyTimeoutMs',
  SANDBOX_PAY_EXPIRY_SECONDS: 'payExpirySeconds',
} as const;

function parseJsonVar(env: NodeJS.ProcessEnv, name: string): unknown {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new SandboxConfigError(name, [{ field: name, rule: 'must be valid JSON' }]);
  }
}

/**
 * Options from the JSON file named by SANDBOX_CONFIG and from environment variables (see
 * sandbox/README.md), validated. Environment variables override the file.
 */
export function loadSandboxOptions(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  let fromFile: SandboxConfig = {};
  if (env.SANDBOX_CONFIG) {
    let text: string;
    try {
      text = readFileSync(env.SANDBOX_CONFIG, 'utf8');
    } catch {
      throw new SandboxConfigError(env.SANDBOX_CONFIG, [
        { field: 'SANDBOX_CONFIG', rule: 'file cannot be read' },
      ]);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SandboxConfigError(env.SANDBOX_CONFIG, [{ field: '', rule: 'must be valid JSON' }]);
    }
    fromFile = parseConfig(json, env.SANDBOX_CONFIG);
  }
  const fromEnv: Record<string, unknown> = {};
  if (env.SANDBOX_HOST) fromEnv.host = env.SANDBOX_HOST;
  if (env.SANDBOX_DATA_DIR) fromEnv.dataDir = env.SANDBOX_DATA_DIR;
  for (const [name, field] of Object.entries(ENV_NUMBERS)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') fromEnv[field] = Number(raw);
  }
  const merchants = parseJsonVar(env, 'SANDBOX_MERCHANTS');
  if (merchants !== undefined) fromEnv.merchants = merchants;
  const faults = parseJsonVar(env, 'SANDBOX_FAULTS') as Record<string, unknown> | undefined;
  if (faults !== undefined || env.SANDBOX_FAULT_SEED) {
    fromEnv.faults = {
      ...fromFile.faults,
      ...faults,
      ...(env.SANDBOX_FAULT_SEED ? { seed: Number(env.SANDBOX_FAULT_SEED) } : {}),
    };
  }
  const envConfig = parseConfig(fromEnv, 'environment');
  return { ...fromFile, ...envConfig };
}
