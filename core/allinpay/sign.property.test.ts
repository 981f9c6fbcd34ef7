import fc from 'fast-check';
import { encodeForm, jsonToEntries, parseForm } from './form';
import { maskKey, md5Hex, sign, signingString, verify, verifyDetailed } from './sign';

/*
 * Properties of signing and verification (protocol note 2), beside the known answers of
 * sign.test.ts: what must hold for any field map, any key, and any input at all.
 */

// Thousands of runs per property: give them room on a busy machine.
jest.setTimeout(30_000);

/** Any UTF-16 text, lone surrogates included. */
const utf16 = (maxLength = 24) =>
  fc.string({ unit: fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength });
/** Any Unicode text (whole code points: what survives a UTF-8 form body unchanged). */
const unicode = (minLength = 0, maxLength = 24) =>
  fc.string({ unit: 'binary', minLength, maxLength });

/** A field name as the protocol could carry it: anything but the two reserved names. */
const fieldName = fc
  .oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/), unicode(1, 8))
  .filter((n) => n !== 'sign' && n !== 'key' && n !== '__proto__');
const value = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9:._-]{1,20}$/),
  unicode(1, 20),
  fc.integer({ min: 0, max: 9_999_999_999 }),
);
/** Non-empty values only: empty ones are not signed (and are checked apart). */
const fields = fc.dictionary(fieldName, value, { minKeys: 1, maxKeys: 10 });
/** The key is the lowercase MD5 of a password (note 2.2); any password will do. */
const key = unicode(0, 16).map(md5Hex);
const anyKey = fc.oneof(key, utf16(40));

const signed = (f: Record<string, string | number>, k: string) => ({ ...f, sign: sign(f, k) });

describe('sign and verify: properties', () => {
  it('verifies what it signed, as an object and as entries in any order', () => {
    fc.assert(
      fc.property(fields, anyKey, fc.nat(), (f, k, seed) => {
        const s = sign(f, k);
        expect(s).toMatch(/^[0-9A-F]{32}$/);
        expect(verify({ ...f, sign: s }, k)).toBe(true);
        expect(verify({ ...f, sign: s.toLowerCase() }, k)).toBe(true);
        const entries = Object.entries({ ...f, sign: s }).map(
          ([n, v]) => [n, String(v)] as [string, string],
        );
        // A fixed shuffle of the entries, chosen by `seed`.
        const shuffled = entries
          .map((e, i) => ({ e, r: (seed * 7919 + i * 104729) % 65_537 }))
          .sort((a, b) => a.r - b.r)
          .map(({ e }) => e);
        expect(verify(shuffled, k)).toBe(true);
        expect(sign(shuffled, k)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('verifies a form body it signed after encoding and parsing it once', () => {
    fc.assert(
      fc.property(fields, key, (f, k) => {
        const body = encodeForm(signed(f, k));
        expect(verify(parseForm(body), k)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves empty, null and undefined fields and any received sign out of the string', () => {
    fc.assert(
      fc.property(
        fields,
        key,
        fc.dictionary(fieldName, fc.constantFrom('', null, undefined), { maxKeys: 4 }),
        utf16(),
        (f, k, empties, received) => {
          const withEmpties = { ...empties, ...f };
          expect(signingString({ ...withEmpties, sign: received }, k)).toBe(signingString(f, k));
          expect(sign(withEmpties, k)).toBe(sign(f, k));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a change of any one field value, an added field, a dropped field or another key', () => {
    fc.assert(
      fc.property(
        fields,
        key,
        key,
        fc.nat(),
        value,
        fieldName,
        (f, k, otherKey, pick, newValue, newName) => {
          const body = signed(f, k);
          const names = Object.keys(f);
          const name = names[pick % names.length]!;
          if (String(newValue) !== String(f[name])) {
            expect(verify({ ...body, [name]: newValue }, k)).toBe(false);
          }
          if (!(newName in f)) expect(verify({ ...body, [newName]: newValue }, k)).toBe(false);
          const rest: Record<string, string | number> = { ...body };
          delete rest[name];
          expect(verify(rest, k)).toBe(false);
          if (otherKey !== k) expect(verify(body, otherKey)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a missing, empty or forged sign', () => {
    fc.assert(
      fc.property(fields, key, utf16(40), (f, k, forged) => {
        expect(verify(f, k)).toBe(false);
        expect(verify({ ...f, sign: '' }, k)).toBe(false);
        if (forged.toUpperCase() !== sign(f, k))
          expect(verify({ ...f, sign: forged }, k)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('never puts the key in its output: the sign, the verification, the masked string', () => {
    fc.assert(
      fc.property(fields, key, fc.option(utf16(40), { nil: undefined }), (f, k, received) => {
        const body = received === undefined ? f : { ...f, sign: received };
        const s = sign(body, k);
        expect(s).not.toContain(k);
        expect(s.toLowerCase()).not.toBe(k);
        const v = verifyDetailed(body, k);
        expect(v.expected).toBe(s);
        expect(v.expected).not.toContain(k);
        // A field value could carry the key itself (a leak upstream); a field name cannot.
        const masked = maskKey(signingString(body, k), k);
        if (!Object.values(body).some((x) => String(x).includes(k.slice(4)))) {
          expect(masked).not.toContain(k);
          expect(masked).toContain(`key=${k.slice(0, 4)}****${k.slice(-4)}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, whatever it is given: any JSON values, any entries, any text parsed as a form', () => {
    const json = fc.dictionary(utf16(8), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 });
    fc.assert(
      fc.property(json, anyKey, (body, k) => {
        // Values of the wrong type: numbers, booleans, objects, arrays, null (as received in JSON).
        const asWire = body as Record<string, string>;
        expect(verify(asWire, k)).toBe(false);
        expect(typeof verifyDetailed(asWire, k).expected).toBe('string');
        expect(verify(jsonToEntries(body), k)).toBe(false);
        expect(verify(jsonToEntries({ ...body, sign: { $gt: '' } }), k)).toBe(false);
        expect(verify(jsonToEntries({ ...body, sign: ['A', 'B'] }), k)).toBe(false);
        expect(verify(jsonToEntries({ ...body, sign: 12345 }), k)).toBe(false);
        expect(verify({ ...asWire, sign: { $gt: '' } } as unknown as typeof asWire, k)).toBe(false);
        expect(verify({ ...asWire, sign: ['A'] } as unknown as typeof asWire, k)).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(utf16(8), utf16(40)), { maxLength: 8 }), anyKey, (list, k) => {
        expect(typeof verify(list, k)).toBe('boolean');
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(utf16(200), anyKey, (raw, k) => {
        expect(typeof verify(parseForm(raw), k)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('handles a megabyte of text in a field, NUL bytes and lone surrogates', () => {
    const k = md5Hex('password');
    const huge = { appid: '00000000', note: '粤'.repeat(1 << 20), nul: 'a\u0000b', lone: '\ud800' };
    const body = signed(huge, k);
    expect(verify(body, k)).toBe(true);
    expect(verify({ ...body, nul: 'a\u0000c' }, k)).toBe(false);
    // A lone surrogate is hashed as U+FFFD (UTF-8 has no encoding for it): same sign.
    expect(verify({ ...body, lone: '\udfff' }, k)).toBe(true);
    expect(verify({ ...body, lone: '\ufffd' }, k)).toBe(true);
  });
});
