import fc from 'fast-check';
import { MAX_FEN } from './fen';
import { fenToYuan, formatFen } from './format';
import { parseYuan, yuanToFen, type YuanParseReason } from './parse';

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['12.', 1200],
    ['0', 0],
    ['0.00', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['00012.30', 1230],
    [' 12.5\t', 1250],
    ['¥12.50', 1250],
    ['￥3', 300],
    // Each of these is off by one fen when multiplied as a float (0.29 * 100 = 28.999999999999996).
    ['0.29', 29],
    ['0.57', 57],
    ['1.13', 113],
    ['4.35', 435],
    ['8.20', 820],
    ['1.00', 100],
    ['99999999.99', MAX_FEN],
    ['0000000000099999999.99', MAX_FEN],
  ])('%j -> %d fen', (input, fen) => {
    expect(parseYuan(input)).toEqual({ ok: true, fen });
    expect(yuanToFen(input)).toBe(fen);
  });

  it.each<[string, YuanParseReason, string]>([
    ['', 'empty', '请输入金额'],
    ['  ', 'empty', '请输入金额'],
    ['-1', 'negative', '金额不能为负数'],
    ['-0.5', 'negative', '金额不能为负数'],
    ['−1', 'negative', '金额不能为负数'],
    ['12.345', 'too-many-decimals', '金额最多两位小数'],
    ['12.500', 'too-many-decimals', '金额最多两位小数'],
    ['100000000', 'too-large', '金额太大'],
    ['99999999.999', 'too-many-decimals', '金额最多两位小数'],
    ['123456789012', 'too-large', '金额太大'],
    ['abc', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['1e3', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['1,000', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['.5', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['+1', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['12.5.0', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['NaN', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['Infinity', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['0x10', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['１２', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['12 .5', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['¥', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
    ['12元', 'not-a-number', '金额格式不对，请输入数字，如 12.50'],
  ])('%j is refused: %s', (input, reason, message) => {
    expect(parseYuan(input)).toEqual({ ok: false, reason, message });
    expect(() => yuanToFen(input)).toThrow(
      new RangeError(`invalid yuan amount ${JSON.stringify(input)}: ${reason}`),
    );
  });

  it('reads back every amount fenToYuan and formatFen write', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(parseYuan(fenToYuan(fen))).toEqual({ ok: true, fen });
        expect(parseYuan(formatFen(fen))).toEqual({ ok: true, fen });
      }),
    );
  });

  it('agrees with exact decimal arithmetic on any digits', () => {
    const digits = (max: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
    fc.assert(
      fc.property(
        digits(12).filter((s) => s !== ''),
        digits(3),
        (whole, decimals) => {
          const result = parseYuan(decimals === '' ? whole : `${whole}.${decimals}`);
          const exact = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0').slice(0, 2) || '0');
          if (decimals.length > 2)
            expect(result).toMatchObject({ ok: false, reason: 'too-many-decimals' });
          else if (exact > BigInt(MAX_FEN))
            expect(result).toMatchObject({ ok: false, reason: 'too-large' });
          else expect(result).toEqual({ ok: true, fen: Number(exact) });
        },
      ),
    );
  });
});
