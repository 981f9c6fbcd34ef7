import {
  PROVINCES,
  PROVINCE_ABBREVIATIONS,
  PROVINCE_CODES,
  isProvinceAbbreviation,
  isProvinceCode,
  provinceAbbreviationOf,
  provinceByAbbreviation,
  provinceByCode,
  provinceByName,
  provinceCodeOf,
} from './provinces';

// Copied verbatim from the spec's 各省编码表 (tab-separated: code, abbreviation, name).
const SPEC_TABLE = `11	京	北京
12	津	天津
13	冀	河北
14	晋	山西
15	蒙	内蒙古
21	辽	辽宁
22	吉	吉林
23	黑	黑龙江
31	沪	上海
32	苏	江苏
33	浙	浙江
34	皖	安徽
35	闽	福建
36	赣	江西
37	鲁	山东
41	豫	河南
42	鄂	湖北
43	湘	湖南
44	粤	广东
45	桂	广西
46	琼	海南
50	渝	重庆
51	川	四川
52	贵	贵州
53	云	云南
54	藏	西藏
61	陕	陕西
62	甘	甘肃
63	青	青海
64	宁	宁夏
65	新	新疆`;

const specRows = SPEC_TABLE.split('\n').map((line) => {
  const [code, abbreviation, name] = line.split('\t');
  return { code, abbreviation, name };
});

describe('province table', () => {
  it('has the 31 rows of the spec, in its order', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(PROVINCES.map((p) => ({ ...p }))).toEqual(specRows);
  });

  it('has unique codes, abbreviations and names', () => {
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(31);
    expect(new Set(PROVINCES.map((p) => p.abbreviation)).size).toBe(31);
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(31);
  });

  it('exports codes and abbreviations in table order', () => {
    expect(PROVINCE_CODES).toEqual(specRows.map((r) => r.code));
    expect(PROVINCE_ABBREVIATIONS).toEqual(specRows.map((r) => r.abbreviation));
  });

  it('cannot be modified', () => {
    expect(Object.isFrozen(PROVINCES)).toBe(true);
    expect(PROVINCES.every((row) => Object.isFrozen(row))).toBe(true);
  });

  it.each(specRows)(
    'looks up $abbreviation <-> $code both ways',
    ({ code, abbreviation, name }) => {
      expect(provinceByAbbreviation(abbreviation as string)).toEqual({ code, abbreviation, name });
      expect(provinceByCode(code as string)).toEqual({ code, abbreviation, name });
      expect(provinceByName(name as string)).toEqual({ code, abbreviation, name });
      expect(provinceCodeOf(abbreviation as string)).toBe(code);
      expect(provinceAbbreviationOf(code as string)).toBe(abbreviation);
      expect(isProvinceAbbreviation(abbreviation as string)).toBe(true);
      expect(isProvinceCode(code as string)).toBe(true);
    },
  );

  it('gives the examples of protocol note 14 and the spec', () => {
    expect(provinceCodeOf('粤')).toBe('44');
    expect(provinceCodeOf('京')).toBe('11');
    expect(provinceCodeOf('琼')).toBe('46');
    expect(provinceAbbreviationOf('44')).toBe('粤');
  });

  it.each(['', '港', '澳', '台', '使', '粤粤', ' 粤', 'A', '广东'])(
    'knows no abbreviation %j',
    (text) => {
      expect(provinceByAbbreviation(text)).toBeUndefined();
      expect(provinceCodeOf(text)).toBeUndefined();
      expect(isProvinceAbbreviation(text)).toBe(false);
    },
  );

  it.each(['', '00', '10', '16', '66', '71', '81', '82', '44 ', '4', '440', 'XX'])(
    'knows no code %j',
    (text) => {
      expect(provinceByCode(text)).toBeUndefined();
      expect(provinceAbbreviationOf(text)).toBeUndefined();
      expect(isProvinceCode(text)).toBe(false);
    },
  );

  it.each(['', '粤', '广东省', '内蒙', '香港'])('knows no name %j', (text) => {
    expect(provinceByName(text)).toBeUndefined();
  });
});
