/**
 * The province table of the Allinpay spec (各省编码表), in the spec's order.
 * `LPRpro` and `pro` carry the code; plates start with the abbreviation (protocol note 14).
 */
export const PROVINCES = Object.freeze([
  { code: '11', abbreviation: '京', name: '北京' },
  { code: '12', abbreviation: '津', name: '天津' },
  { code: '13', abbreviation: '冀', name: '河北' },
  { code: '14', abbreviation: '晋', name: '山西' },
  { code: '15', abbreviation: '蒙', name: '内蒙古' },
  { code: '21', abbreviation: '辽', name: '辽宁' },
  { code: '22', abbreviation: '吉', name: '吉林' },
  { code: '23', abbreviation: '黑', name: '黑龙江' },
  { code: '31', abbreviation: '沪', name: '上海' },
  { code: '32', abbreviation: '苏', name: '江苏' },
  { code: '33', abbreviation: '浙', name: '浙江' },
  { code: '34', abbreviation: '皖', name: '安徽' },
  { code: '35', abbreviation: '闽', name: '福建' },
  { code: '36', abbreviation: '赣', name: '江西' },
  { code: '37', abbreviation: '鲁', name: '山东' },
  { code: '41', abbreviation: '豫', name: '河南' },
  { code: '42', abbreviation: '鄂', name: '湖北' },
  { code: '43', abbreviation: '湘', name: '湖南' },
  { code: '44', abbreviation: '粤', name: '广东' },
  { code: '45', abbreviation: '桂', name: '广西' },
  { code: '46', abbreviation: '琼', name: '海南' },
  { code: '50', abbreviation: '渝', name: '重庆' },
  { code: '51', abbreviation: '川', name: '四川' },
  { code: '52', abbreviation: '贵', name: '贵州' },
  { code: '53', abbreviation: '云', name: '云南' },
  { code: '54', abbreviation: '藏', name: '西藏' },
  { code: '61', abbreviation: '陕', name: '陕西' },
  { code: '62', abbreviation: '甘', name: '甘肃' },
  { code: '63', abbreviation: '青', name: '青海' },
  { code: '64', abbreviation: '宁', name: '宁夏' },
  { code: '65', abbreviation: '新', name: '新疆' },
] as const);

export type Province = (typeof PROVINCES)[number];
export type ProvinceCode = Province['code'];
export type ProvinceAbbreviation = Province['abbreviation'];
export type ProvinceName = Province['name'];

for (const row of PROVINCES) Object.freeze(row);

/** The 31 codes in table order, as a non-empty tuple (fits `z.enum`). */
export const PROVINCE_CODES = PROVINCES.map((p) => p.code) as [ProvinceCode, ...ProvinceCode[]];

/** The 31 abbreviations in table order, e.g. for the first box of the plate keyboard. */
export const PROVINCE_ABBREVIATIONS = PROVINCES.map((p) => p.abbreviation) as [
  ProvinceAbbreviation,
  ...ProvinceAbbreviation[],
];

const byAbbreviation = new Map<string, Province>(PROVINCES.map((p) => [p.abbreviation, p]));
const byCode = new Map<string, Province>(PROVINCES.map((p) => [p.code, p]));
const byName = new Map<string, Province>(PROVINCES.map((p) => [p.name, p]));

export function provinceByAbbreviation(abbreviation: string): Province | undefined {
  return byAbbreviation.get(abbreviation);
}

export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}

/** By the full name as the table spells it (`广东`, `内蒙古`), for hints such as "use 粤". */
export function provinceByName(name: string): Province | undefined {
  return byName.get(name);
}

export function provinceCodeOf(abbreviation: string): ProvinceCode | undefined {
  return byAbbreviation.get(abbreviation)?.code;
}

export function provinceAbbreviationOf(code: string): ProvinceAbbreviation | undefined {
  return byCode.get(code)?.abbreviation;
}

export function isProvinceAbbreviation(text: string): text is ProvinceAbbreviation {
  return byAbbreviation.has(text);
}

export function isProvinceCode(text: string): text is ProvinceCode {
  return byCode.has(text);
}
