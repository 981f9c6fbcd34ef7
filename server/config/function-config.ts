import { z } from 'zod';

/**
 * Cloud-function configuration, read from environment variables (CloudBase: the function's
 * 环境变量 setting; locally: the function host). The merchant key lives only here.
 */
const merchant = z
  .object({
    cusid: z.string().min(1).max(15),
    appid: z.string().min(1).max(8),
    key: z
      .string()
      .regex(/^[0-9a-f]{32}$/i, { error: 'must be the 32-hex md5 key' })
      .optional(),
    password: z.string().min(1).optional(),
  })
  .refine((m) => m.key !== undefined || m.password !== undefined, {
    error: 'needs key or password',
  });

export type MerchantConfig = z.output<typeof merchant>;

const schema = z.object({
  baseUrl: z.url({
    error: 'ALLINPAY_BASE_URL must be the platform URL, e.g. http://127.0.0.1:8801',
  }),
  merchants: z.array(merchant).min(1, { error: 'configure at least one merchant' }),
  notifyUrl: z.url({ error: 'ALLINPAY_NOTIFY_URL must be the notify function URL' }),
  connectTimeoutMs: z.coerce.number().int().positive().default(3000),
  timeoutMs: z.coerce.number().int().positive().default(8000),
  /** A query unanswered this long gets a second one beside it (query is read-only). */
  queryHedgeMs: z.coerce.number().int().positive().default(300),
  /** How long a driver's app, a gate or a camera waits for a query before "ask again". */
  askDeadlineMs: z.coerce.number().int().positive().default(800),
});

export type FunctionConfig = z.output<typeof schema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Reads the configuration; the message names the variable to set, never a secret's value. */
export function readFunctionConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  let merchants: unknown;
  if (env.ALLINPAY_MERCHANTS) {
    try {
      merchants = JSON.parse(env.ALLINPAY_MERCHANTS);
    } catch {
      throw new ConfigError(
        'ALLINPAY_MERCHANTS is not valid JSON: set it to [{"cusid","appid","key"}]',
      );
    }
  } else {
    merchants = [
      {
        cusid: env.ALLINPAY_CUSID,
        appid: env.ALLINPAY_APPID,
        key: env.ALLINPAY_KEY || undefined,
        password: env.ALLINPAY_PASSWORD || undefined,
      },
    ];
  }
  const parsed = schema.safeParse({
    baseUrl: env.ALLINPAY_BASE_URL,
    merchants,
    notifyUrl: env.ALLINPAY_NOTIFY_URL,
    connectTimeoutMs: env.ALLINPAY_CONNECT_TIMEOUT_MS || undefined,
    timeoutMs: env.ALLINPAY_TIMEOUT_MS || undefined,
    queryHedgeMs: env.ALLINPAY_QUERY_HEDGE_MS || undefined,
    askDeadlineMs: env.ALLINPAY_ASK_DEADLINE_MS || undefined,
  });
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`);
    throw new ConfigError(`Allinpay configuration is incomplete (${where.join('; ')})`);
  }
  return parsed.data;
}

export function merchantFor(config: FunctionConfig, cusid: string): MerchantConfig | undefined {
  return config.merchants.find((m) => m.cusid === cusid);
}
