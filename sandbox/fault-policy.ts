import { z } from 'zod';
import { keyedDraw } from './prng';

/**
 * Which faults to inject, and the pure decision of whether one happens. Rates are probabilities
 * 0..1 drawn per event from a seeded generator keyed by the event (see prng.ts), so the same seed
 * and the same traffic give the same faults. Settings are global or per merchant (cusid); a
 * merchant's setting overrides the global one field by field.
 */

const rate = z.number({ error: 'must be a number between 0 and 1' }).min(0).max(1);

export const RATE_KINDS = [
  /** A notification is never sent (every attempt of it is lost). */
  'drop',
  /** An attempt is sent twice. */
  'duplicate',
  /** A notification's first attempt is held for delayMs. */
  'delay',
  /** A notification is held until a later notification of the merchant has gone (or reorderMaxHoldMs). */
  'reorder',
  /** An attempt carries a wrong sign. */
  'corruptSign',
  /** An attempt carries fee + 1 fen, correctly re-signed (protocol note 11 cross-check). */
  'alterFee',
  /** An API call is answered with HTTP 5xx before anything is done. */
  'http5xx',
  /** An API call is carried out, but never answered: held for timeoutMs, then the connection closes. */
  'timeout',
] as const;

export type RateKind = (typeof RATE_KINDS)[number];

export const NOTIFICATION_KINDS: readonly RateKind[] = [
  'drop',
  'duplicate',
  'delay',
  'reorder',
  'corruptSign',
  'alterFee',
];
export const API_KINDS: readonly RateKind[] = ['http5xx', 'timeout'];

export const faultSettingsSchema = z.strictObject({
  drop: rate.optional(),
  duplicate: rate.optional(),
  delay: rate.optional(),
  reorder: rate.optional(),
  corruptSign: rate.optional(),
  alterFee: rate.optional(),
  http5xx: rate.optional(),
  timeout: rate.optional(),
  /** The next N queries answer trxstatus 2000 (counts down). */
  query2000: z.number().int().min(0).max(1_000_000).optional(),
  delayMs: z.number().int().min(0).max(3_600_000).optional(),
  reorderMaxHoldMs: z.number().int().min(0).max(3_600_000).optional(),
  timeoutMs: z.number().int().min(0).max(3_600_000).optional(),
  http5xxStatus: z.number().int().min(500).max(599).optional(),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const faultConfigSchema = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  global: faultSettingsSchema.optional(),
  merchants: z.record(z.string().min(1).max(15), faultSettingsSchema).optional(),
});

export type FaultConfigInput = z.infer<typeof faultConfigSchema>;

export interface FaultConfig {
  seed: number;
  global: FaultSettings;
  merchants: Record<string, FaultSettings>;
}

export const DEFAULT_SEED = 1;

export const FAULT_DEFAULTS = {
  delayMs: 2_000,
  reorderMaxHoldMs: 5_000,
  timeoutMs: 30_000,
  http5xxStatus: 503,
} as const;

export type EffectiveFaults = Omit<FaultSettings, keyof typeof FAULT_DEFAULTS> & {
  [K in keyof typeof FAULT_DEFAULTS]: number;
};

function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

export function emptyFaultConfig(seed = DEFAULT_SEED): FaultConfig {
  return { seed, global: {}, merchants: {} };
}

/** Replaces the configuration (fields absent from input are cleared; the seed is kept unless given). */
export function replaceFaults(current: FaultConfig, input: FaultConfigInput): FaultConfig {
  return {
    seed: input.seed ?? current.seed,
    global: input.global ?? {},
    merchants: input.merchants ?? {},
  };
}

/** Merges the input into the configuration field by field. */
export function mergeFaults(current: FaultConfig, input: FaultConfigInput): FaultConfig {
  const merchants = { ...current.merchants };
  for (const [cusid, settings] of Object.entries(input.merchants ?? {})) {
    merchants[cusid] = { ...merchants[cusid], ...settings };
  }
  return {
    seed: input.seed ?? current.seed,
    global: { ...current.global, ...input.global },
    merchants,
  };
}

export function effectiveFaults(config: FaultConfig, cusid: string | undefined): EffectiveFaults {
  const own = cusid ? config.merchants[cusid] : undefined;
  return { ...FAULT_DEFAULTS, ...defined(config.global), ...defined(own) };
}

/** Whether a fault of this kind hits the event named by key. */
export function faultHits(
  config: FaultConfig,
  kind: RateKind,
  cusid: string | undefined,
  key: string,
): boolean {
  const p = effectiveFaults(config, cusid)[kind] ?? 0;
  if (p <= 0) return false;
  if (p >= 1) return true;
  return keyedDraw(config.seed, kind, `${cusid ?? ''}|${key}`) < p;
}

/**
 * Takes one of the "answer 2000" queries if any are left: the merchant's own counter when it has
 * one set, else the global one. Returns the new configuration, or undefined when none is left.
 */
export function takeQuery2000(config: FaultConfig, cusid: string): FaultConfig | undefined {
  const own = config.merchants[cusid];
  if (own?.query2000 !== undefined && own.query2000 > 0) {
    return {
      ...config,
      merchants: { ...config.merchants, [cusid]: { ...own, query2000: own.query2000 - 1 } },
    };
  }
  if (own?.query2000 === undefined && (config.global.query2000 ?? 0) > 0) {
    return {
      ...config,
      global: { ...config.global, query2000: (config.global.query2000 ?? 0) - 1 },
    };
  }
  return undefined;
}
