import { MAX_FEN, assertFen } from './fen';
import { fenDigitsSchema, fenSchema } from './fen-schema';

describe('fenSchema', () => {
  it.each([0, 1, 1250, MAX_FEN])('accepts %d', (fen) => {
    expect(fenSchema.parse(fen)).toBe(fen);
  });

  it.each([
    [-1, 'amount must not be negative'],
    [1.5, 'amount must be an integer number of fen'],
    [0.1, 'amount must be an integer number of fen'],
    [MAX_FEN + 1, 'amount must have at most 10 digits of fen'],
    [Number.MAX_SAFE_INTEGER + 2, 'amount must be an integer number of fen'],
  ])('refuses %d: %s', (fen, message) => {
    const result = fenSchema.safeParse(fen);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });

  it.each([NaN, Infinity, -Infinity, '12', null, undefined])('refuses %p', (value) => {
    expect(fenSchema.safeParse(value).success).toBe(false);
  });
});

describe('fenDigitsSchema', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['1250', 1250],
    ['9999999999', MAX_FEN],
  ])('reads %j as %d', (text, fen) => {
    expect(fenDigitsSchema.parse(text)).toBe(fen);
  });

  it.each(['', '10000000000', '012', '00', '-1', '+1', '1.5', '1e3', ' 1', '1 ', '１'])(
    'refuses %j',
    (text) => {
      expect(fenDigitsSchema.safeParse(text).success).toBe(false);
    },
  );

  it('refuses a number: wire amounts are text', () => {
    expect(fenDigitsSchema.safeParse(1250).success).toBe(false);
  });
});

describe('assertFen', () => {
  it.each([0, -5, 1250, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])(
    'accepts %d',
    (value) => {
      expect(() => assertFen(value)).not.toThrow();
    },
  );

  it.each([0.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1])(
    'throws a TypeError naming the value for %d',
    (value) => {
      expect(() => assertFen(value, 'fee')).toThrow(
        new TypeError(`fee must be a safe integer number of fen, got ${value}`),
      );
    },
  );
});
