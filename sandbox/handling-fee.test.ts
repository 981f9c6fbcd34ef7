import { handlingFee } from './handling-fee';

describe('handlingFee', () => {
  it.each([
    [10000, 60, 60],
    [83, 60, 0],
    [84, 60, 1],
    [250, 60, 2], // 1.5 -> 2 (half up)
    [9_999_999_999, 10_000, 9_999_999_999],
    [0, 60, 0],
  ])('%i fen at %i bp is %i', (amount, bp, fee) => {
    expect(handlingFee(amount, bp)).toBe(fee);
  });

  it('refuses fractions and out-of-range rates', () => {
    expect(() => handlingFee(1.5, 60)).toThrow(RangeError);
    expect(() => handlingFee(-1, 60)).toThrow(RangeError);
    expect(() => handlingFee(1, 10_001)).toThrow(RangeError);
  });
});
