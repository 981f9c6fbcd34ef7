import fc from 'fast-check';
import { validatePlate } from './classify';
import { PlateDerivationError, derivePlateFromOpenid, isDerivedPlateProvince } from './derive';
import { PROVINCE_ABBREVIATIONS } from './provinces';
import { splitPlate } from './split';

function derivationError(run: () => unknown): PlateDerivationError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlateDerivationError) return error;
    throw error;
  }
  throw new Error('expected a PlateDerivationError');
}

describe('derivePlateFromOpenid (protocol note 15)', () => {
  it('reproduces the vectors of the note', () => {
    expect(derivePlateFromOpenid('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o')).toBe('JWES60');
    expect(derivePlateFromOpenid('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')).toBe('OPFL2M');
  });

  it('puts the province characters first', () => {
    expect(derivePlateFromOpenid('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', '粤')).toBe('粤JWES60');
    expect(derivePlateFromOpenid('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', '粤临')).toBe('粤临JWES60');
    expect(derivePlateFromOpenid('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', '')).toBe('JWES60');
  });

  it.each([
    ['1', 'A'],
    ['2', 'B'],
    ['3', 'C'],
    ['4', 'D'],
    ['5', 'E'],
    ['6', 'F'],
    ['7', 'G'],
    ['8', 'H'],
    ['9', 'I'],
    ['0', 'J'],
    ['-', 'Z'],
    ['_', 'Z'],
  ])('maps a first character %j to %j', (from, to) => {
    expect(derivePlateFromOpenid(`oXYZ${from}ABCDE`)).toBe(`${to}ABCDE`);
  });

  it('keeps a first character that is a letter, uppercased (I and O included)', () => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      expect(derivePlateFromOpenid(`ab${letter}23456`)).toBe(`${letter}23456`);
      expect(derivePlateFromOpenid(`ab${letter.toLowerCase()}23456`)).toBe(`${letter}23456`);
    }
  });

  it.each([
    ['I', '1'],
    ['i', '1'],
    ['O', '0'],
    ['o', '0'],
    ['-', 'Z'],
    ['_', 'Z'],
  ])('maps %j to %j in each of the other five places', (from, to) => {
    for (let pos = 0; pos < 5; pos++) {
      const tail = 'BCDEF'.split('');
      tail[pos] = from;
      const expected = 'BCDEF'.split('');
      expected[pos] = to;
      expect(derivePlateFromOpenid(`openid_A${tail.join('')}`)).toBe(`A${expected.join('')}`);
    }
  });

  it('keeps the other letters (uppercased) and the digits in the other five places', () => {
    for (const ch of 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjklmnpqrstuvwxyz0123456789') {
      expect(derivePlateFromOpenid(`xxA${ch}${ch}${ch}${ch}${ch}`)).toBe(
        `A${ch.toUpperCase().repeat(5)}`,
      );
    }
  });

  it('uses only the last six characters and accepts exactly six', () => {
    expect(derivePlateFromOpenid('1IIIII')).toBe('A11111');
    expect(derivePlateFromOpenid('99999991IIIII')).toBe('A11111');
  });

  it('refuses an openid shorter than six characters', () => {
    for (const openid of ['', 'a', 'abcde']) {
      expect(derivationError(() => derivePlateFromOpenid(openid)).code).toBe('openid-too-short');
    }
  });

  it('refuses characters an openid cannot have', () => {
    for (const openid of ['abc def', 'abcdef.', 'abcdé12', 'abc+def', '粤abcdef', 'abcdef\n']) {
      expect(derivationError(() => derivePlateFromOpenid(openid)).code).toBe(
        'openid-bad-character',
      );
    }
  });

  it('refuses a province that is not one or two Chinese characters', () => {
    for (const province of ['内蒙古', 'A', '1', ' ', '粤 ', '-', '使1']) {
      const error = derivationError(() =>
        derivePlateFromOpenid('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', province),
      );
      expect(error.code).toBe('province-invalid');
      expect(error.name).toBe('PlateDerivationError');
      expect(error).toBeInstanceOf(Error);
    }
  });

  it('gives a plate that validates and splits as note 14 says', () => {
    const openid = fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/);
    fc.assert(
      fc.property(openid, fc.constantFrom(...PROVINCE_ABBREVIATIONS), (id, province) => {
        const plate = derivePlateFromOpenid(id, province);
        expect(validatePlate(plate, { allowDerived: false })).toMatchObject({
          ok: true,
          kind: 'ordinary',
        });
        expect(splitPlate(plate).LPR).toBe(derivePlateFromOpenid(id));
      }),
    );
    fc.assert(
      fc.property(openid, fc.constantFrom('临', '粤临', '无牌', '𠀀'), (id, province) => {
        const plate = derivePlateFromOpenid(id, province);
        expect(validatePlate(plate)).toMatchObject({ ok: true, kind: 'derived', province: null });
      }),
    );
  });
});

describe('isDerivedPlateProvince', () => {
  it.each(['粤', '临', '粤临', '无牌', '𠀀', '𠀀𠀁'])('accepts %j', (chars) => {
    expect(isDerivedPlateProvince(chars)).toBe(true);
  });
  it.each(['', '内蒙古', 'A', '粤A', ' 粤', '〇', '·'])('refuses %j', (chars) => {
    expect(isDerivedPlateProvince(chars)).toBe(false);
  });
});
