import fc from 'fast-check';
import { validatePlate } from './classify';
import { PROVINCES } from './provinces';
import { joinPlate, splitPlate } from './split';

describe('splitPlate', () => {
  it.each([
    ['粤BD12345', 'BD12345', '44'],
    ['京A12345', 'A12345', '11'],
    ['琼B1234学', 'B1234学', '46'],
    ['粤JWES60', 'JWES60', '44'],
    ['123456使', '123456使', ''],
    ['使014578', '使014578', ''],
    ['临JWES60', '临JWES60', ''],
    ['粤临JWES60', '临JWES60', '44'],
    ['JWES60', 'JWES60', ''],
    ['', '', ''],
  ])('%j -> LPR %j, LPRpro %j (protocol note 14)', (plate, LPR, LPRpro) => {
    expect(splitPlate(plate)).toEqual({ LPR, LPRpro });
  });

  it('normalises first', () => {
    expect(splitPlate(' 粤b·d1234５')).toEqual({ LPR: 'BD12345', LPRpro: '44' });
  });

  it.each(PROVINCES.map((p) => [p.abbreviation, p.code]))(
    'uses the code of %s: %s',
    (abbreviation, code) => {
      expect(splitPlate(`${abbreviation}A12345`)).toEqual({ LPR: 'A12345', LPRpro: code });
    },
  );
});

describe('joinPlate', () => {
  it('rebuilds the plate', () => {
    expect(joinPlate({ LPR: 'BD12345', LPRpro: '44' })).toBe('粤BD12345');
    expect(joinPlate({ LPR: '123456使', LPRpro: '' })).toBe('123456使');
  });

  it('refuses a code outside the table', () => {
    expect(joinPlate({ LPR: 'A12345', LPRpro: '99' })).toBeUndefined();
  });

  it('inverts splitPlate for every valid plate', () => {
    const chars = [...PROVINCES.map((p) => p.abbreviation), '临', '使', ...'ABDZ0159'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 9 }), (list) => {
        const plate = list.join('');
        if (!validatePlate(plate).ok) return;
        expect(joinPlate(splitPlate(plate))).toBe(plate);
      }),
    );
  });
});
