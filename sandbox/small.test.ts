import { toChinaDisplay, toFintime, toTrxdate } from './china-time';
import { handlingFee } from './handling-fee';
import { fnv1a, keyedDraw, mulberry32 } from './prng';
import { nextAttemptAt, RETRY_DELAYS_MS } from './retry-schedule';

describe('china time', () => {
  it('formats in UTC+8 across the date line', () => {
    const ms = Date.UTC(2024, 11, 31, 16, 5, 9); // 2025-01-01 00:05:09 in China
    expect(toFintime(ms)).toBe('20250101000509');
    expect(toTrxdate(ms)).toBe('20250101');
    expect(toChinaDisplay(ms)).toBe('2025-01-01 00:05:09');
  });
});

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

describe('prng', () => {
  it('mulberry32 reproduces its known first outputs', () => {
    const r = mulberry32(1);
    const first = [r(), r(), r()];
    const again = mulberry32(1);
    expect([again(), again(), again()]).toEqual(first);
    expect(first[0]).toBeCloseTo(0.6270739405881613, 12);
  });

  it('fnv1a matches the reference value', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });

  it('keyedDraw depends on seed, kind and key only, and is roughly uniform', () => {
    expect(keyedDraw(7, 'drop', 'k')).toBe(keyedDraw(7, 'drop', 'k'));
    expect(keyedDraw(7, 'drop', 'k')).not.toBe(keyedDraw(8, 'drop', 'k'));
    expect(keyedDraw(7, 'drop', 'k')).not.toBe(keyedDraw(7, 'duplicate', 'k'));
    let below = 0;
    for (let i = 0; i < 10_000; i++) if (keyedDraw(42, 'x', String(i)) < 0.3) below++;
    expect(below).toBeGreaterThan(2800);
    expect(below).toBeLessThan(3200);
  });
});

describe('retry schedule', () => {
  it('resends 5 then 10 minutes after the previous attempt, then stops', () => {
    expect(RETRY_DELAYS_MS).toEqual([300_000, 600_000]);
    expect(nextAttemptAt(1000, 1, 1)).toBe(301_000);
    expect(nextAttemptAt(301_000, 2, 1)).toBe(901_000);
    expect(nextAttemptAt(901_000, 3, 1)).toBeNull();
  });

  it('scales the delays', () => {
    expect(nextAttemptAt(0, 1, 6000)).toBe(50);
    expect(nextAttemptAt(0, 2, 6000)).toBe(100);
    expect(() => nextAttemptAt(0, 1, 0)).toThrow(RangeError);
  });
});
