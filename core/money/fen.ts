import { z } from 'zod';

/** Amounts travel as at most 10 digits of fen (protocol note 3). */
export const MAX_FEN_DIGITS = 10;
export const MAX_FEN = 9999999999;

/** An integer fen amount as our code holds it: non-negative, safe, at most 10 digits. */
export const fenSchema = z
  .number()
  .int('amount must be an integer number of fen')
  .nonnegative('amount must not be negative')
  .max(MAX_FEN, `amount must have at most ${MAX_FEN_DIGITS} digits of fen`);

/** A fen amount as it travels on the wire: 1 to 10 digits, no sign, no leading zero. */
export const fenDigitsSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,9})$/, `amount must be 1 to ${MAX_FEN_DIGITS} digits of fen`)
  .transform(Number);

/** Throws unless `value` is a safe integer: fen arithmetic must never meet a fraction. */
export function assertFen(value: number, what = 'amount'): void {
  if (!Number.isSafeInteger(value)) {
    throw new TypeError(`${what} must be a safe integer number of fen, got ${String(value)}`);
  }
}
