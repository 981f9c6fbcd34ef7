import fc from 'fast-check';
import { normalisePlate } from './normalise';

describe('normalisePlate', () => {
  it.each([
    ['粤bd12345', '粤BD12345'],
    [' 粤B D1 2345 ', '粤BD12345'],
    ['粤\u3000B12345', '粤B12345'],
    ['粤\tB\n12345\r', '粤B12345'],
    ['粤\u00a0B12345', '粤B12345'],
    ['粤\u200bB12345\ufeff', '粤B12345'],
    ['粤B·12345', '粤B12345'],
    ['粤B・12345', '粤B12345'],
    ['粤B•12345', '粤B12345'],
    ['粤Ｂ１２３４５', '粤B12345'],
    ['粤ｂｄ１２３４５', '粤BD12345'],
    ['ＡＢＣＸＹＺａｂｃｘｙｚ０９', 'ABCXYZABCXYZ09'],
    ['１２３４５６使', '123456使'],
    ['京a1234学', '京A1234学'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalisePlate(input)).toBe(expected);
  });

  it('uppercases only ASCII letters (ı and ſ do not become I and S)', () => {
    expect(normalisePlate('粤Aıſ123')).toBe('粤Aıſ123');
  });

  it('leaves other characters for validation to refuse', () => {
    expect(normalisePlate('粤A-123_45.')).toBe('粤A-123_45.');
    expect(normalisePlate('粤A！')).toBe('粤A！');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (s) => normalisePlate(normalisePlate(s)) === normalisePlate(s),
      ),
    );
  });
});
