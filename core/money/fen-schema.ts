import { z } from 'zod';
import { MAX_FEN, MAX_FEN_DIGITS } from './fen';

// Apart from fen.ts so that the mini-program's money helpers do not carry zod.
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
