import { randomBytes } from 'node:crypto';
import { newReqsn, reqsnKindOf, reqsnSchema } from './reqsn';
import { T0 } from './test-fixtures';

const fixed = (byte: number) => (n: number) => new Uint8Array(n).fill(byte);

describe('reqsn', () => {
  it('has a kind letter, the China time and 16 random characters', () => {
    expect(newReqsn('pay', T0, fixed(0))).toBe('P250101100000' + '0'.repeat(16));
    expect(newReqsn('prepay', T0, fixed(255))).toBe('R250101100000' + 'Z'.repeat(16));
    expect(newReqsn('op', T0 + 59, fixed(0))).toMatch(/^O250101100059/);
  });

  it('names a pass sale and a payment of arrears by their letter (one read finds the order)', () => {
    expect(newReqsn('passPay', T0, fixed(0))).toMatch(/^K250101100000/);
    expect(newReqsn('arrearsPay', T0, fixed(0))).toMatch(/^A250101100000/);
    for (const kind of ['pay', 'prepay', 'op', 'passPay', 'arrearsPay'] as const) {
      expect(reqsnKindOf(newReqsn(kind, T0, randomBytes))).toBe(kind);
    }
    expect(reqsnKindOf('S250101100000' + '0'.repeat(16))).toBeUndefined();
    expect(reqsnKindOf('')).toBeUndefined();
  });

  it('is at most 32 letters and digits, never "_"', () => {
    for (let i = 0; i < 200; i += 1) {
      const r = newReqsn('pay', T0 + i, randomBytes);
      expect(r.length).toBeLessThanOrEqual(32);
      expect(r).not.toContain('_');
      expect(reqsnSchema.safeParse(r).success).toBe(true);
    }
  });

  it('uses every bit of the random source', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i += 1) seen.add(newReqsn('pay', T0, randomBytes));
    expect(seen.size).toBe(1000);
    // one bit different gives a different reqsn
    const a = newReqsn('pay', T0, () => new Uint8Array(10));
    const b = newReqsn('pay', T0, () => Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(a).not.toBe(b);
  });

  it('refuses a random source that gives too few bytes', () => {
    expect(() => newReqsn('pay', T0, () => new Uint8Array(4))).toThrow(RangeError);
  });

  it('validates reqsn input', () => {
    expect(reqsnSchema.safeParse('a_b').success).toBe(false);
    expect(reqsnSchema.safeParse('x'.repeat(33)).success).toBe(false);
    expect(reqsnSchema.safeParse('').success).toBe(false);
  });
});
