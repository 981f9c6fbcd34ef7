import fc from 'fast-check';
import { PLATE_LETTERS, PLATE_SERIAL_CHARS, SPECIAL_SUFFIXES } from './charsets';
import { validatePlate } from './classify';
import {
  acceptsEighthChar,
  allowedCharsAt,
  isPlatePrefix,
  possiblePlateLengths,
  PLATE_KEYS,
} from './keyboard';
import { PROVINCE_ABBREVIATIONS } from './provinces';

const DIGITS = '0123456789'.split('');

describe('allowedCharsAt', () => {
  it('first box: the 31 provinces, in table order', () => {
    expect(allowedCharsAt('')).toEqual(PROVINCE_ABBREVIATIONS);
  });

  it('second box: any letter', () => {
    expect(allowedCharsAt('粤')).toEqual(PLATE_LETTERS);
  });

  it('third box: serial characters, no I or O', () => {
    expect(allowedCharsAt('粤A')).toEqual(PLATE_SERIAL_CHARS);
    expect(allowedCharsAt('粤A')).not.toContain('I');
    expect(allowedCharsAt('粤A')).not.toContain('O');
  });

  it('seventh box: serial characters or a special suffix', () => {
    expect(allowedCharsAt('粤A1234')).toEqual([...PLATE_SERIAL_CHARS, ...SPECIAL_SUFFIXES]);
  });

  it('follows the new-energy layouts', () => {
    expect(allowedCharsAt('粤AD')).toEqual(PLATE_SERIAL_CHARS);
    expect(allowedCharsAt('粤AD1')).toEqual(PLATE_SERIAL_CHARS); // ordinary still possible
    expect(allowedCharsAt('粤ADZ')).toEqual(PLATE_SERIAL_CHARS);
    expect(allowedCharsAt('粤ADZ123')).toEqual(DIGITS); // 8th box of a small car
    expect(allowedCharsAt('粤A12345')).toEqual(['D', 'F']); // 8th box of a large car
    expect(allowedCharsAt('粤AL1234')).toEqual([]); // no 8th box
    expect(allowedCharsAt('粤A1234学')).toEqual([]);
  });

  it('is empty once nothing fits or the plate is full', () => {
    expect(allowedCharsAt('A')).toEqual([]);
    expect(allowedCharsAt('粤AI')).toEqual([]);
    expect(allowedCharsAt('粤AD123456')).toEqual([]);
  });

  it('looks only at the boxes before the index', () => {
    expect(allowedCharsAt('粤AL1234', 2)).toEqual(PLATE_SERIAL_CHARS);
    expect(allowedCharsAt('粤AL1234', 0)).toEqual(PROVINCE_ABBREVIATIONS);
  });

  it('offers only keys of the keyboard', () => {
    expect(PLATE_KEYS).toHaveLength(31 + 26 + 10 + 8);
  });
});

describe('possiblePlateLengths / acceptsEighthChar / isPlatePrefix', () => {
  it.each([
    ['', [7, 8]],
    ['粤', [7, 8]],
    ['粤A', [7, 8]],
    ['粤A12345', [7, 8]],
    ['粤AD1234', [7, 8]],
    ['粤AL', [7]],
    ['粤A1234学', [7]],
    ['粤AD12345', [8]],
    ['粤A123456', []],
    ['粤AI', []],
    ['A', []],
    ['123456使', []],
  ])('%j can reach %j', (typed, lengths) => {
    expect(possiblePlateLengths(typed)).toEqual(lengths);
    expect(acceptsEighthChar(typed)).toBe(lengths.includes(8));
    expect(isPlatePrefix(typed)).toBe(lengths.length > 0);
  });

  it('a plate typed from allowed keys is valid when its length is one it could reach', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (picks) => {
        let typed = '';
        for (const pick of picks) {
          const keys = allowedCharsAt(typed);
          if (keys.length === 0) break;
          typed += keys[pick % keys.length];
          expect(isPlatePrefix(typed)).toBe(true);
        }
        const length = Array.from(typed).length;
        expect(validatePlate(typed, { allowDerived: false }).ok).toBe(
          possiblePlateLengths(typed).includes(length),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('every box of a valid typed plate was an allowed key', () => {
    for (const plate of [
      '粤B12345',
      '京A1234警',
      '粤BD12345',
      '粤B12345F',
      '沪AK91234',
      '粤AJZ9999',
    ]) {
      expect(validatePlate(plate, { allowDerived: false }).ok).toBe(true);
      const chars = Array.from(plate);
      chars.forEach((ch, i) => expect(allowedCharsAt(plate, i)).toContain(ch));
    }
  });
});
