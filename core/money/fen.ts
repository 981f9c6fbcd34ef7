/** Amounts travel as at most 10 digits of fen (protocol note 3). */
export const MAX_FEN_DIGITS = 10;
export const MAX_FEN = 9999999999;

/** Throws unless `value` is a safe integer: fen arithmetic must never meet a fraction. */
export function assertFen(value: number, what = 'amount'): void {
  if (!Number.isSafeInteger(value)) {
    throw new TypeError(`${what} must be a safe integer number of fen, got ${String(value)}`);
  }
}
