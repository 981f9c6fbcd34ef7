import fc from 'fast-check';
import { addFen, subFen, sumFen } from './arithmetic';

describe('fen arithmetic', () => {
  it('adds and subtracts integers', () => {
    expect(addFen(1250, 50)).toBe(1300);
    expect(subFen(1250, 50)).toBe(1200);
    expect(subFen(50, 1250)).toBe(-1200);
    expect(addFen(0, 0)).toBe(0);
    expect(sumFen([100, 250, 1])).toBe(351);
    expect(sumFen([])).toBe(0);
  });

  it.each([0.1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1])(
    'throws a TypeError for %d',
    (bad) => {
      expect(() => addFen(bad, 1)).toThrow(TypeError);
      expect(() => addFen(1, bad)).toThrow(TypeError);
      expect(() => subFen(bad, 1)).toThrow(TypeError);
      expect(() => subFen(1, bad)).toThrow(TypeError);
      expect(() => sumFen([1, bad])).toThrow(TypeError);
    },
  );

  it('throws a RangeError when the result leaves the safe integers', () => {
    expect(() => addFen(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
    expect(() => subFen(Number.MIN_SAFE_INTEGER, 1)).toThrow(RangeError);
  });

  it('is exact: subtraction undoes addition', () => {
    const fen = fc.integer({ min: -1e12, max: 1e12 });
    fc.assert(fc.property(fen, fen, (a, b) => subFen(addFen(a, b), b) === a));
  });
});
