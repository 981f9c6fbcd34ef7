import fc from 'fast-check';
import { validatePlate, type PlateInvalidReason } from './classify';
import { PLATE_KINDS, type PlateKind } from './kinds';
import { PROVINCE_ABBREVIATIONS } from './provinces';

function expectValid(input: string, kind: PlateKind, provinceCode: string | null, options = {}) {
  const result = validatePlate(input, options);
  expect(result).toMatchObject({ ok: true, kind });
  if (result.ok) expect(result.province?.code ?? null).toBe(provinceCode);
}

function expectInvalid(input: string, reason: PlateInvalidReason, message: string, options = {}) {
  expect(validatePlate(input, options)).toEqual({
    ok: false,
    plate: expect.any(String),
    reason,
    message,
  });
}

describe('validatePlate: valid plates', () => {
  it.each([
    ['粤B12345', '44'],
    ['京AF0236', '11'],
    ['新Z9X8Y7', '65'],
  ])('ordinary %s', (plate, code) => expectValid(plate, 'ordinary', code));

  it('ordinary: any region letter, including I and O (the note says "letter")', () => {
    expectValid('粤IABC12', 'ordinary', '44');
    expectValid('粤OABC12', 'ordinary', '44');
  });

  it('ordinary: every serial character is allowed in every serial position', () => {
    for (const ch of 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') {
      for (let pos = 0; pos < 5; pos++) {
        const serial = '12345'.split('');
        serial[pos] = ch;
        expectValid(`粤A${serial.join('')}`, 'ordinary', '44');
      }
    }
  });

  it('ordinary under each of the 31 provinces', () => {
    for (const abbreviation of PROVINCE_ABBREVIATIONS) {
      expect(validatePlate(`${abbreviation}A12345`)).toMatchObject({
        ok: true,
        kind: 'ordinary',
        province: { abbreviation },
      });
    }
  });

  it.each(['学', '挂', '警', '港', '澳', '领', '试', '超'])('special with suffix %s', (suffix) => {
    expectValid(`粤A1234${suffix}`, 'special', '44');
    expectValid(`京BZ9X8${suffix}`, 'special', '11');
  });

  it.each(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K'])(
    'new-energy small with lead %s',
    (lead) => {
      expectValid(`粤B${lead}12345`, 'new-energy-small', '44');
      expectValid(`粤B${lead}Z1234`, 'new-energy-small', '44');
    },
  );

  it.each(['D', 'F'])('new-energy large ending in %s', (tail) => {
    expectValid(`粤B12345${tail}`, 'new-energy-large', '44');
  });

  it('embassy, both the current (123456使) and the older (使123456) form', () => {
    expectValid('123456使', 'embassy', null);
    expectValid('使014578', 'embassy', null);
  });

  it('derived under a prefix that is not a single province (note 15.4)', () => {
    expectValid('临JWES60', 'derived', null);
    expectValid('粤临JWES60', 'derived', null);
    expectValid('无牌OPFL2M', 'derived', null);
    expectValid('𠀀JWES60', 'derived', null); // a Han character outside the BMP
    expectValid('使JWES60', 'derived', null);
  });

  it('derived under a single province is an ordinary plate', () => {
    expectValid('粤JWES60', 'ordinary', '44');
    expectValid('粤OPFL2M', 'ordinary', '44');
    expectValid('粤JWES60', 'ordinary', '44', { allowDerived: false });
  });

  it('normalises before validating and returns the normalised plate', () => {
    expect(validatePlate(' 粤ｂ·d1234５ ')).toMatchObject({
      ok: true,
      plate: '粤BD12345',
      kind: 'new-energy-small',
    });
  });
});

const REASONS: PlateInvalidReason[] = [
  'empty',
  'bad-character',
  'bad-embassy',
  'missing-province',
  'province-name',
  'unknown-province',
  'suffix-not-last',
  'region-not-letter',
  'io-not-allowed',
  'too-short',
  'too-long',
  'bad-new-energy',
];

const SIZES = '普通车牌 7 位，新能源车牌 8 位';

describe('validatePlate: invalid plates, one test per reason', () => {
  it('empty', () => {
    expectInvalid('', 'empty', '请输入车牌号');
    expectInvalid(' \u3000 ', 'empty', '请输入车牌号');
  });

  it('bad-character: neither letter, digit nor Chinese', () => {
    expectInvalid('粤A-2345', 'bad-character', '车牌号中不能有「-」');
    expectInvalid('粤A_2345', 'bad-character', '车牌号中不能有「_」');
    expectInvalid('粤A1234！', 'bad-character', '车牌号中不能有「！」');
    expectInvalid('粤Aı2345', 'bad-character', '车牌号中不能有「ı」');
  });

  it('bad-character: a Chinese character inside the serial that is no suffix', () => {
    expectInvalid('粤A12粤45', 'bad-character', '车牌号中不能有「粤」');
    expectInvalid('粤A1234东', 'bad-character', '车牌号中不能有「东」');
  });

  it('bad-embassy', () => {
    const message = '使馆车牌应为 6 位数字加「使」，如 123456使';
    expectInvalid('12345使', 'bad-embassy', message);
    expectInvalid('1234567使', 'bad-embassy', message);
    expectInvalid('12345A使', 'bad-embassy', message);
    expectInvalid('使12345', 'bad-embassy', message);
    expectInvalid('使12345A', 'bad-embassy', message);
    expectInvalid('粤A1234使', 'bad-embassy', message);
    expectInvalid('使JWES60', 'bad-embassy', message, { allowDerived: false });
  });

  it('missing-province', () => {
    const message = '车牌号应以省份简称开头，如「粤」';
    expectInvalid('B12345', 'missing-province', message);
    expectInvalid('123456', 'missing-province', message);
    expectInvalid('JWES60', 'missing-province', message);
  });

  it('province-name: suggests the abbreviation', () => {
    expectInvalid('广东B12345', 'province-name', '请用省份简称「粤」，不要写「广东」', {
      allowDerived: false,
    });
    expectInvalid('内蒙古A12345', 'province-name', '请用省份简称「蒙」，不要写「内蒙古」');
    expectInvalid('广东B1234', 'province-name', '请用省份简称「粤」，不要写「广东」');
  });

  it('a two-character name is a valid derived prefix when derived plates are allowed', () => {
    expectValid('广东B12345', 'derived', null);
  });

  it('unknown-province', () => {
    expectInvalid('港A12345', 'unknown-province', '「港」不是省份简称', { allowDerived: false });
    expectInvalid('临JWES60', 'unknown-province', '「临」不是省份简称', { allowDerived: false });
    expectInvalid('粤临JWES60', 'unknown-province', '「粤临」不是省份简称', {
      allowDerived: false,
    });
    expectInvalid('临A1234', 'unknown-province', '「临」不是省份简称');
    expectInvalid('临AD12345', 'unknown-province', '「临」不是省份简称');
    expectInvalid('无牌车JWES60', 'unknown-province', '「无牌车」不是省份简称');
    expectInvalid('粤学A1234', 'unknown-province', '「粤学」不是省份简称');
  });

  it('suffix-not-last', () => {
    expectInvalid('粤A12学34', 'suffix-not-last', '「学」只能是车牌号的最后一个字');
    expectInvalid('粤A1234警5', 'suffix-not-last', '「警」只能是车牌号的最后一个字');
  });

  it('region-not-letter', () => {
    const message = '省份简称后的第一位应为字母';
    expectInvalid('粤123456', 'region-not-letter', message);
    expectInvalid('粤1', 'region-not-letter', message);
  });

  it('io-not-allowed anywhere in the serial', () => {
    const message = 'I/O 不能用于车牌，请改用数字 1/0';
    for (const letter of ['I', 'O', 'i', 'o']) {
      for (let pos = 0; pos < 5; pos++) {
        const serial = '12345'.split('');
        serial[pos] = letter;
        expectInvalid(`粤A${serial.join('')}`, 'io-not-allowed', message);
      }
    }
    expectInvalid('粤AI234学', 'io-not-allowed', message);
    expectInvalid('粤AD1234O', 'io-not-allowed', message);
    expectInvalid('粤AO', 'io-not-allowed', message);
  });

  it('too-short', () => {
    const message = `车牌号位数不够：${SIZES}`;
    expectInvalid('粤', 'too-short', message);
    expectInvalid('粤A', 'too-short', message);
    expectInvalid('粤A1234', 'too-short', message);
    expectInvalid('粤A123学', 'too-short', message);
  });

  it('too-long', () => {
    const message = `车牌号位数太多：${SIZES}`;
    expectInvalid('粤A1234567', 'too-long', message);
    expectInvalid('粤A12345学', 'too-long', message);
    expectInvalid('粤AD123456', 'too-long', message);
  });

  it('bad-new-energy', () => {
    const message =
      '新能源车牌格式不对：小型车为 D/F 等字母 + 1 位 + 4 位数字，大型车为 5 位数字 + D/F';
    expectInvalid('粤AL12345', 'bad-new-energy', message); // L is no small-car lead
    expectInvalid('粤AD1A345', 'bad-new-energy', message); // letters among the 4 digits
    expectInvalid('粤A12345A', 'bad-new-energy', message); // large ends in D/F only
    expectInvalid('粤A1234DF', 'bad-new-energy', message);
    expectInvalid('粤A123456', 'bad-new-energy', message);
  });

  it('returns the normalised text it judged', () => {
    expect(validatePlate(' 粤a1234 ')).toMatchObject({ ok: false, plate: '粤A1234' });
  });
});

// An independent statement of notes 14 and 15, to compare with on generated input.
const P = PROVINCE_ABBREVIATIONS.join('');
const S = 'A-HJ-NP-Z0-9';
const REFERENCE: ReadonlyArray<[PlateKind, RegExp]> = [
  ['embassy', /^(?:[0-9]{6}使|使[0-9]{6})$/],
  ['ordinary', new RegExp(`^[${P}][A-Z][${S}]{5}$`)],
  ['special', new RegExp(`^[${P}][A-Z][${S}]{4}[学挂警港澳领试超]$`)],
  ['new-energy-small', new RegExp(`^[${P}][A-Z][A-HJK][${S}][0-9]{4}$`)],
  ['new-energy-large', new RegExp(`^[${P}][A-Z][0-9]{5}[DF]$`)],
  ['derived', /^[\u3400-\u4dbf\u4e00-\u9fff]{1,2}[A-Z][A-HJ-NP-Z0-9]{5}$/],
];

function referenceKind(plate: string, allowDerived: boolean): PlateKind | null {
  const hit = REFERENCE.find(
    ([kind, re]) => (allowDerived || kind !== 'derived') && re.test(plate),
  );
  return hit ? hit[0] : null;
}

const pool = [
  ...PROVINCE_ABBREVIATIONS.slice(0, 5),
  '粤',
  '临',
  '使',
  '学',
  '港',
  '东',
  ...'ABDFGIJKLOZ',
  ...'0123456789',
  '-',
  ' ',
  '·',
];
// Plates built box by box from a layout of note 14, with now and then a box from the pool.
const LAYOUT_SETS: readonly string[][][] = [
  [PROVINCE_ABBREVIATIONS, [...'ADIOZ'], ...Array(5).fill([...'ABHIJOZ019'])],
  [
    PROVINCE_ABBREVIATIONS,
    [...'ADIOZ'],
    ...Array(4).fill([...'ABHIJOZ019']),
    [...'学挂警港澳领试超'],
  ],
  [
    PROVINCE_ABBREVIATIONS,
    [...'ADIOZ'],
    [...'ABCDEFGHIJKLO'],
    [...'AIOZ09'],
    ...Array(4).fill([...'0189A']),
  ],
  [PROVINCE_ABBREVIATIONS, [...'ADIOZ'], ...Array(5).fill([...'0189A']), [...'ADFZ']],
];
const fromLayout = fc
  .constantFrom(...LAYOUT_SETS)
  .chain((sets) =>
    fc.tuple(
      ...sets.map((set) =>
        fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...set) }, fc.constantFrom(...pool)),
      ),
    ),
  )
  .map((chars) => chars.join(''));

const plateLike = fc.oneof(
  fromLayout,
  fc.array(fc.constantFrom(...pool), { maxLength: 10 }).map((a) => a.join('')),
  fc
    .tuple(
      fc.constantFrom(...PROVINCE_ABBREVIATIONS, '临', '粤临', '广东', '内蒙古'),
      fc.constantFrom(...'ADIOZ'),
      fc.array(fc.constantFrom(...'ABDFHIKLOZ0123456789', '学', '警'), {
        minLength: 4,
        maxLength: 7,
      }),
    )
    .map(([p, l, s]) => p + l + s.join('')),
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: 5, maxLength: 7 })
    .map((a) => a.join('') + '使'),
);

describe('validatePlate: against the reference grammar', () => {
  it('is compared on input that reaches every kind and every reason', () => {
    const seen = new Set(
      fc.sample(plateLike, { numRuns: 5000, seed: 14 }).map((input) => {
        const result = validatePlate(input);
        return result.ok ? result.kind : result.reason;
      }),
    );
    expect([...seen].sort()).toEqual([...PLATE_KINDS, ...REASONS].sort());
  });

  it('accepts exactly what notes 14 and 15 allow, with the same kind', () => {
    fc.assert(
      fc.property(plateLike, fc.boolean(), (input, allowDerived) => {
        const result = validatePlate(input, { allowDerived });
        const expected = referenceKind(result.plate, allowDerived);
        expect(result.ok ? result.kind : null).toBe(expected);
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 5000 },
    );
  });
});
