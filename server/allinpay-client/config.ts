import { z } from 'zod';
import { keyFromPassword } from '../../core/allinpay/sign';
import { toFieldIssues } from '../../core/allinpay/validation';
import { ClientConfigError } from './errors';
import type { Logger } from './logger';

const positiveMs = (fallback: number) =>
  z
    .number({ error: 'must be a number of milliseconds' })
    .int({ error: 'must be whole milliseconds' })
    .positive({ error: 'must be greater than 0' })
    .max(600_000, { error: 'must be at most 600000 (10 minutes)' })
    .default(fallback);

const httpUrl = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { error: 'must be an http(s) URL' });

export const clientConfigSchema = z
  .strictObject({
    /** e.g. `https://www.yulaohui.com` or the sandbox `http://127.0.0.1:8801` (protocol note 1). */
    baseUrl: httpUrl(2048),
    cusid: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .max(15, { error: 'must be at most 15 characters' }),
    /** Checked against every answer's `appid` (the requests do not carry it). */
    appid: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .max(32, { error: 'must be at most 32 characters' }),
    /** Lowercase hex MD5 of the platform password (protocol note 2.2). */
    key: z
      .string({ error: 'must be a string' })
      .regex(/^[0-9a-f]{32}$/, {
        error: 'must be 32 lowercase hex characters (the MD5 of the platform password)',
      })
      .optional(),
    /** The platform login password; the key is derived from it. */
    password: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .optional(),
    connectTimeoutMs: positiveMs(5_000),
    /** Time allowed for the answer once connected. */
    timeoutMs: positiveMs(10_000),
    /** Default `notify_url` of pay and prepay. */
    notifyUrl: httpUrl(256).optional(),
    /** Extra attempts of `query` after an outcome-unknown error (pay/prepay/finish/cancel: never). */
    queryRetries: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must not be negative' })
      .max(5, { error: 'must be at most 5' })
      .default(2),
    /**
     * When set, query is hedged: another attempt goes out when none has answered within this
     * long, or at once when one fails with an unknown outcome (no pause between attempts).
     */
    queryHedgeMs: z
      .number({ error: 'must be a number of milliseconds' })
      .int({ error: 'must be whole milliseconds' })
      .min(1, { error: 'must be at least 1' })
      .max(60_000, { error: 'must be at most 60000' })
      .optional(),
    queryRetryDelayMs: z
      .number({ error: 'must be a number of milliseconds' })
      .int({ error: 'must be whole milliseconds' })
      .min(0, { error: 'must not be negative' })
      .max(60_000, { error: 'must be at most 60000' })
      .default(300),
    logger: z
      .custom<Logger>((v) => typeof v === 'object' && v !== null, {
        error: 'must be an object with debug/info/warn/error methods',
      })
      .optional(),
  })
  .refine((c) => (c.key === undefined) !== (c.password === undefined), {
    path: ['key'],
    error: 'give exactly one of key and password',
  });

export type AllinpayClientConfig = z.input<typeof clientConfigSchema>;

export interface ResolvedConfig extends Omit<
  z.output<typeof clientConfigSchema>,
  'key' | 'password'
> {
  key: string;
  /** Secrets to mask in anything logged or thrown (the key, and the password when given). */
  secrets: string[];
}

export function resolveConfig(config: AllinpayClientConfig): ResolvedConfig {
  const parsed = clientConfigSchema.safeParse(config);
  if (!parsed.success) throw new ClientConfigError(toFieldIssues(parsed.error));
  const { key, password, ...rest } = parsed.data;
  const resolvedKey = key ?? keyFromPassword(password as string);
  return { ...rest, key: resolvedKey, secrets: password ? [resolvedKey, password] : [resolvedKey] };
}
