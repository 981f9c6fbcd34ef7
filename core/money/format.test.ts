import fc from 'fast-check';
import { MAX_FEN } from './fen';
import { fenToYuan, formatFen } from './format';

describe('fenToYuan and formatFen', () => {
  it.each([
    [1250, '12.50', '¥12.50'],
    [0, '0.00', '¥0.00'],
    [-0, '0.00', '¥0.00'],
    [1, '0.01', '¥0.01'],
    [5, '0.05', '¥0.05'],
    [50, '0.50', '¥0.50'],
    [100, '1.00', '¥1.00'],
    [1999, '19.99', '¥19.99'],
    [-1250, '-12.50', '-¥12.50'],
    [-5, '-0.05', '-¥0.05'],
    [MAX_FEN, '99999999.99', '¥99999999.99'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91', '¥90071992547409.91'],
  ])('%d fen -> %j / %j', (fen, yuan, shown) => {
    expect(fenToYuan(fen)).toBe(yuan);
    expect(formatFen(fen)).toBe(shown);
  });

  it.each([1.5, 0.1, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1])('refuses %d', (bad) => {
    expect(() => fenToYuan(bad)).toThrow(TypeError);
    expect(() => formatFen(bad)).toThrow(TypeError);
  });

  it('always has two decimals and reads back to the same fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), (fen) => {
        const yuan = fenToYuan(fen);
        expect(yuan).toMatch(/^-?(0|[1-9][0-9]*)\.[0-9]{2}$/);
        expect(BigInt(yuan.replace('.', ''))).toBe(BigInt(fen));
      }),
    );
  });
});
