import crypto from 'node:crypto';
import { jsonToEntries, parseForm } from './form';
import {
  keyFromPassword,
  maskKey,
  sign,
  signaturesEqual,
  signingString,
  verify,
  verifyDetailed,
  type WireFields,
} from './sign';

/*
 * Known answers (protocol note 2). Every expected sign below was computed outside this code,
 * with the shell: printf '%s' '<string>' | md5sum, uppercased.
 */

const KEY = 'ab56b4d92b40713acc5af89985d4b786';

describe("the spec's vector", () => {
  it('reproduces the string and the sign', () => {
    const fields = { appid: '00000000', reqsn: '1450432107647' };
    expect(signingString(fields, KEY)).toBe(
      'appid=00000000&key=ab56b4d92b40713acc5af89985d4b786&reqsn=1450432107647',
    );
    expect(sign(fields, KEY)).toBe('8E8BF7FFC9B8EF6F1D02955D6C0892B2');
  });

  it('gives the same sign from entries in any order, and from numbers', () => {
    expect(
      sign(
        [
          ['reqsn', '1450432107647'],
          ['appid', '00000000'],
        ],
        KEY,
      ),
    ).toBe('8E8BF7FFC9B8EF6F1D02955D6C0892B2');
    expect(sign({ reqsn: 1450432107647, appid: '00000000' }, KEY)).toBe(
      '8E8BF7FFC9B8EF6F1D02955D6C0892B2',
    );
  });
});

describe('vectors of our own', () => {
  it('Chinese values are hashed as UTF-8', () => {
    const fields = {
      parkingNo: '深圳湾停车场',
      cusid: '990440153996000',
      asinfo: '990440153996001:300',
      LPR: 'BD12345',
      LPRpro: '44',
    };
    expect(signingString(fields, KEY)).toBe(
      `LPR=BD12345&LPRpro=44&asinfo=990440153996001:300&cusid=990440153996000&key=${KEY}&parkingNo=深圳湾停车场`,
    );
    expect(sign(fields, KEY)).toBe('2B4BC4424ACAF3B291DA0139859764FE');
  });

  it('& = + % and spaces inside values go in raw, not URL-encoded', () => {
    const fields = { note: 'a&b=c', plus: '1+1', pct: '100%', space: 'a b', reqsn: 'R 1' };
    expect(signingString(fields, KEY)).toBe(
      `key=${KEY}&note=a&b=c&pct=100%&plus=1+1&reqsn=R 1&space=a b`,
    );
    expect(sign(fields, KEY)).toBe('91EE9DDF59D01E26F6D80217A41EE785');
  });

  it('empty, null and undefined fields are left out, and so is sign', () => {
    const fields = {
      appid: '00000000',
      reqsn: '1450432107647',
      LPR: '',
      openid: undefined,
      asinfo: null,
      sign: 'WHATEVER',
    };
    expect(sign(fields, KEY)).toBe('8E8BF7FFC9B8EF6F1D02955D6C0892B2');
    expect(
      sign([...Object.entries({ appid: '00000000', reqsn: '1450432107647' }), ['LPR', '']], KEY),
    ).toBe('8E8BF7FFC9B8EF6F1D02955D6C0892B2');
  });

  it('uppercase names sort before lowercase: LPR < LPRpro < asinfo < cusid', () => {
    const fields = { cusid: 'c', asinfo: 'x:1', LPRpro: '44', LPR: 'B1' };
    expect(signingString(fields, KEY)).toBe(`LPR=B1&LPRpro=44&asinfo=x:1&cusid=c&key=${KEY}`);
    expect(sign(fields, KEY)).toBe('AD169792E3A1BA12E53D95EC86B11895');
  });

  it('integer-like names sort by bytes, not in JavaScript object order', () => {
    const fields = { appid: '1', '2': 'b', '10': 'a' };
    // JavaScript lists integer-like keys first, in numeric order: 2 before 10.
    expect(Object.keys(fields)).toEqual(['2', '10', 'appid']);
    expect(signingString(fields, KEY)).toBe(`10=a&2=b&appid=1&key=${KEY}`);
    expect(sign(fields, KEY)).toBe('A879F1CD584F360B96DF86A226B88C59');
  });
});

describe('verification', () => {
  it('verifies a raw form body parsed once (+ is a space, %XX is UTF-8)', () => {
    const body =
      'appid=00000000&note=%E7%B2%A4+a%2Bb%26c%3Dd%25&reqsn=1450432107647&sign=CC2177C08E4234751EA39448D59703EB';
    const entries = parseForm(body);
    expect(entries).toContainEqual(['note', '粤 a+b&c=d%']);
    expect(verify(entries, KEY)).toBe(true);
    // The same values left URL-encoded would be a different string, hence a different sign.
    const undecoded = body.split('&').map((pair) => pair.split('=') as [string, string]);
    expect(verify(undecoded, KEY)).toBe(false);
  });

  it('verifies over every received field, including fields no table lists', () => {
    const answer = {
      retcode: 'SUCCESS',
      cusid: '990440153996000',
      appid: '00000000',
      reqsn: 'R1',
      trxstatus: '0000',
      fee: 1250,
      newField: 'x',
      sign: 'F7417EB189C07B4BB6660EC951B6F131',
    };
    expect(verify(jsonToEntries(answer), KEY)).toBe(true);
    const { newField: _dropped, ...fixedList } = answer;
    expect(verify(jsonToEntries(fixedList), KEY)).toBe(false);
  });

  it('compares case-insensitively', () => {
    const fields = { appid: '00000000', reqsn: '1450432107647' };
    expect(verify({ ...fields, sign: '8e8bf7ffc9b8ef6f1d02955d6c0892b2' }, KEY)).toBe(true);
  });

  it('reports the expected and received signs', () => {
    const result = verifyDetailed({ appid: '00000000', reqsn: '1', sign: 'abc' }, KEY);
    expect(result).toEqual({
      valid: false,
      expected: sign({ appid: '00000000', reqsn: '1' }, KEY),
      received: 'abc',
    });
  });

  it('refuses a missing or empty sign, a wrong key and a changed value', () => {
    const fields = { appid: '00000000', reqsn: '1450432107647' };
    expect(verify(fields, KEY)).toBe(false);
    expect(verify({ ...fields, sign: '' }, KEY)).toBe(false);
    expect(verify({ ...fields, sign: '8E8BF7FFC9B8EF6F1D02955D6C0892B2' }, 'f'.repeat(32))).toBe(
      false,
    );
    expect(
      verify({ ...fields, reqsn: '1450432107648', sign: '8E8BF7FFC9B8EF6F1D02955D6C0892B2' }, KEY),
    ).toBe(false);
  });
});

describe('constant-time comparison', () => {
  afterEach(() => jest.restoreAllMocks());

  it('goes through crypto.timingSafeEqual, for equal and for different lengths', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    expect(
      signaturesEqual('8E8BF7FFC9B8EF6F1D02955D6C0892B2', '8e8bf7ffc9b8ef6f1d02955d6c0892b2'),
    ).toBe(true);
    expect(
      signaturesEqual('8E8BF7FFC9B8EF6F1D02955D6C0892B2', '8E8BF7FFC9B8EF6F1D02955D6C0892B3'),
    ).toBe(false);
    expect(signaturesEqual('8E8BF7FFC9B8EF6F1D02955D6C0892B2', 'SHORT')).toBe(false);
    expect(spy).toHaveBeenCalledTimes(3);
  });
});

describe('the key', () => {
  it('is the lowercase MD5 of the password', () => {
    expect(keyFromPassword('Sandbox-密码-2024')).toBe('1aa3ba3a878959c496cdab578aa2d83f');
  });

  it('is masked wherever it appears in a text', () => {
    expect(maskKey(`a=1&key=${KEY}&b=${KEY}`, KEY)).toBe('a=1&key=ab56****b786&b=ab56****b786');
    expect(maskKey('short secret here', 'secret')).toBe('short **** here');
  });
});

describe('values of the wrong type (a JSON body of the wrong shape)', () => {
  // Found by sign.property.test.ts: String() throws on an object whose toString is not a function.
  it('are signed as their JSON text and never throw', () => {
    const odd = { a: { toString: false } } as unknown as WireFields;
    expect(signingString(odd, KEY)).toBe(`a={"toString":false}&key=${KEY}`);
    expect(verify({ ...odd, sign: { toString: 1 } } as unknown as WireFields, KEY)).toBe(false);
  });
});
