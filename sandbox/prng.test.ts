import { fnv1a, keyedDraw, mulberry32 } from './prng';

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
