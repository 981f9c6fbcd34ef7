import { assertFen } from './fen';

function checked(result: number): number {
  if (!Number.isSafeInteger(result))
    throw new RangeError('fen result is beyond the safe integer range');
  return result;
}

/** a + b in fen; throws on a non-integer operand or an unsafe result. */
export function addFen(a: number, b: number): number {
  assertFen(a, 'a');
  assertFen(b, 'b');
  return checked(a + b);
}

/** a - b in fen (may be negative); throws on a non-integer operand or an unsafe result. */
export function subFen(a: number, b: number): number {
  assertFen(a, 'a');
  assertFen(b, 'b');
  return checked(a - b);
}

/** The sum of fen amounts (0 for none); throws like `addFen`. */
export function sumFen(amounts: readonly number[]): number {
  return amounts.reduce((total, amount) => addFen(total, amount), 0);
}
