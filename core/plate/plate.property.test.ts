import fc from 'fast-check';
import { PlateDerivationError, derivePlateFromOpenid } from './derive';
import { validatePlate } from './classify';
import { acceptsEighthChar, allowedCharsAt, isPlatePrefix, possiblePlateLengths } from './keyboard';
import { normalisePlate } from './normalise';
import { PROVINCE_ABBREVIATIONS, provinceByAbbreviation, provinceCodeOf } from './provinces';
import { joinPlate, splitPlate } from './split';

/*
 * Hostile input to plate parsing: any text at all (lone surrogates, NUL, huge strings, odd
 * Unicode) never throws and is either a valid normalised plate or a refusal with a message; and
 * the ways a driver may type a valid plate all come to the same plate.
 */

// Thousands of runs per property: give them room on a busy machine.
jest.setTimeout(30_000);

/** Any UTF-16 text, lone surrogates included. */
const utf16 = (maxLength = 24) =>
  fc.string({ unit: fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength });
const hostile = fc.oneof(
  utf16(),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '{"$gt":""}',
    "'; DROP TABLE sessions; --",
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '粤B\u000012345',
    '粤B\ud80012345',
    '\u202e54321B粤',
    '粤\u0301B12345',
    '__proto__',
    'constructor',
  ),
);

/** Plates that validate: a province, a region letter and five serial characters, or derived. */
const validPlate = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...PROVINCE_ABBREVIATIONS),
      fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXY'),
      fc.array(fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'), {
        minLength: 5,
        maxLength: 5,
      }),
    )
    .map(([p, r, s]) => p + r + s.join('')),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/), fc.constantFrom(...PROVINCE_ABBREVIATIONS))
    .map(([id, p]) => derivePlateFromOpenid(id, p)),
);

/** How a driver may type a plate: spaces, middle dots, zero-width marks, lowercase, full width. */
function retype(plate: string, picks: number[]): string {
  const noise = [' ', '\u3000', '·', '\u200b', '\t'];
  return Array.from(plate)
    .map((ch, i) => {
      const pick = picks[i % picks.length] ?? 0;
      let out = ch;
      if (/[A-Z]/.test(ch) && pick % 3 === 1) out = ch.toLowerCase();
      if (/[A-Z0-9]/.test(ch) && pick % 5 === 2)
        out = String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
      return pick % 4 === 3 ? noise[pick % noise.length] + out : out;
    })
    .join('');
}

describe('plate parsing: hostile input', () => {
  it('never throws on any text, and answers a normalised plate or a refusal with a message', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (input, allowDerived) => {
        const result = validatePlate(input, { allowDerived });
        expect(result.plate).toBe(normalisePlate(input));
        if (result.ok) {
          expect(normalisePlate(result.plate)).toBe(result.plate);
        } else {
          expect(result.message.length).toBeGreaterThan(0);
          expect(typeof result.reason).toBe('string');
        }
        const fields = splitPlate(input);
        expect(fields.LPRpro === '' || /^\d{2}$/.test(fields.LPRpro)).toBe(true);
        expect(joinPlate(fields)).toBe(normalisePlate(input));
        expect(Array.isArray(allowedCharsAt(input))).toBe(true);
        expect(Array.isArray(possiblePlateLengths(input))).toBe(true);
        expect(typeof isPlatePrefix(input)).toBe('boolean');
        expect(typeof acceptsEighthChar(input)).toBe('boolean');
      }),
      { numRuns: 800 },
    );
  });

  it('normalises idempotently, lone surrogates and NUL included', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(normalisePlate(normalisePlate(s))).toBe(normalisePlate(s));
      }),
      { numRuns: 800 },
    );
  });

  it('refuses injection-shaped, path-shaped and markup text, NUL and lone surrogates', () => {
    for (const input of [
      '{"$gt":""}',
      "'; DROP TABLE sessions; --",
      '../../etc/passwd',
      '<script>alert(1)</script>',
      '粤B\u000012345',
      '粤B\ud80012345',
      '\u202e粤B12345',
      '粤B12345\ud800',
      '',
      '\u0000',
    ]) {
      const result = validatePlate(input);
      expect({ input, ok: result.ok }).toEqual({ input, ok: false });
    }
  });

  // A pathological input must not hang the parser; jest's timeout bounds it (no timed assertion:
  // the speed itself is a benchmark's matter).
  it('answers a megabyte of text', () => {
    expect(validatePlate('粤'.repeat(1 << 20)).ok).toBe(false);
    expect(splitPlate('粤'.repeat(1 << 20)).LPRpro).toBe('44');
    // Whitespace is dropped however much of it there is.
    expect(validatePlate(`粤B${' '.repeat(1 << 20)}12345`)).toMatchObject({
      ok: true,
      plate: '粤B12345',
    });
  }, 60_000);

  it('keeps a valid plate as it is through normalising, validating again and splitting', () => {
    fc.assert(
      fc.property(validPlate, (plate) => {
        const result = validatePlate(plate);
        expect(result.ok).toBe(true);
        expect(normalisePlate(plate)).toBe(plate);
        expect(result.plate).toBe(plate);
        expect(validatePlate(result.plate)).toEqual(result);
        const fields = splitPlate(plate);
        expect(fields.LPRpro).toBe(provinceCodeOf(Array.from(plate)[0]!));
        expect(provinceByAbbreviation(Array.from(plate)[0]!)).toBeDefined();
        expect(joinPlate(fields)).toBe(plate);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a valid plate typed with spaces, dots, lowercase or full-width characters as itself', () => {
    fc.assert(
      fc.property(
        validPlate,
        fc.array(fc.nat(59), { minLength: 1, maxLength: 8 }),
        (plate, picks) => {
          const typed = retype(plate, picks);
          const result = validatePlate(typed);
          expect(result).toEqual(validatePlate(plate));
          expect(splitPlate(typed)).toEqual(splitPlate(plate));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('derives a valid plate from an openid or throws PlateDerivationError, never anything else', () => {
    fc.assert(
      fc.property(hostile, fc.oneof(fc.constant(''), hostile), (openid, province) => {
        let plate: string | undefined;
        try {
          plate = derivePlateFromOpenid(openid, province);
        } catch (error) {
          expect(error).toBeInstanceOf(PlateDerivationError);
          expect((error as PlateDerivationError).message.length).toBeGreaterThan(0);
          return;
        }
        if (province === '') {
          // Without a prefix: the six characters alone (the LPR of note 15).
          expect(plate).toMatch(/^[A-Z0-9]{6}$/);
        } else {
          expect(validatePlate(plate, { allowDerived: true }).ok).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });
});
