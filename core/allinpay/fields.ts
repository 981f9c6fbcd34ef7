import { z } from 'zod';

/**
 * Field builders with the length and format limits of protocol note 3. Request builders accept
 * what a caller naturally has (numbers for fen and unix seconds) and output wire strings.
 */

export function text(max: number) {
  return z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
}

export function optionalText(max: number) {
  return z
    .string({ error: 'must be a string' })
    .max(max, { error: `must be at most ${max} characters` })
    .optional();
}

const digitString = (maxDigits: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be an integer number of fen (digits only)' })
    .max(maxDigits, { error: `must be at most ${maxDigits} digits` });

/** Integer fen, at most 10 digits (protocol note 3). A number must be a safe non-negative integer. */
export function fen(options: { positive?: boolean } = {}) {
  const min = options.positive ? 1 : 0;
  return z
    .union([
      z
        .number({ error: 'must be an integer number of fen' })
        .int({ error: 'must be an integer number of fen, not a fraction' })
        .min(0, { error: 'must not be negative' })
        .max(9_999_999_999, { error: 'must be at most 10 digits' })
        .transform(String),
      digitString(10),
    ])
    .refine((v) => Number(v) >= min, {
      error: min ? 'must be greater than 0' : 'must not be negative',
    })
    .transform((v) => String(Number(v)));
}

/** Unix seconds (protocol note 3). */
export function unixSeconds() {
  return z
    .union([
      z
        .number({ error: 'must be unix seconds' })
        .int({ error: 'must be whole unix seconds' })
        .positive({ error: 'must be a positive number of unix seconds' })
        .transform(String),
      z.string().regex(/^[1-9]\d*$/, { error: 'must be unix seconds (digits only)' }),
    ])
    .refine((v) => v.length <= 14, { error: 'must be at most 14 digits' });
}

export const parkingNo = text(32).refine((v) => !v.includes('_'), {
  error: 'must not contain "_" (protocol note 3)',
});

/** Province code of the lot, e.g. `44` (spec 各省编码表). */
export const provinceCode = text(5).regex(/^\d+$/, { error: 'must be a province code such as 44' });

/** `cusid:amount[,cusid:amount...]` in fen (protocol note 10). */
export const asinfo = z
  .string({ error: 'must be a string' })
  .max(1024, { error: 'must be at most 1024 characters' })
  .regex(/^[^:,]{1,15}:\d{1,10}(,[^:,]{1,15}:\d{1,10})*$/, {
    error: 'must be cusid:fen pairs joined by "," (protocol note 10)',
  })
  .optional();

export const notifyUrl = text(256).regex(/^https?:\/\/\S+$/, { error: 'must be an http(s) URL' });

export const randomstr = text(32);

export const cusid = text(15);

export const reqsn = text(32);

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.number().transform(String)])
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));
}
