import {
  EMBASSY_MARK,
  NEW_ENERGY_LARGE_TAILS,
  NEW_ENERGY_SMALL_LEADS,
  isHanChar,
  isPlateDigit,
  isPlateLetter,
  isSerialChar,
  isSpecialSuffix,
} from './charsets';
import type { PlateKind } from './kinds';
import { normalisePlate } from './normalise';
import { provinceByAbbreviation, provinceByName, type Province } from './provinces';

export type PlateInvalidReason =
  | 'empty'
  | 'bad-character'
  | 'bad-embassy'
  | 'missing-province'
  | 'province-name'
  | 'unknown-province'
  | 'suffix-not-last'
  | 'region-not-letter'
  | 'io-not-allowed'
  | 'too-short'
  | 'too-long'
  | 'bad-new-energy';

export type PlateValidation =
  | {
      readonly ok: true;
      /** The normalised plate. */
      readonly plate: string;
      readonly kind: PlateKind;
      /** The table province the plate starts with; null for embassy and non-table derived plates. */
      readonly province: Province | null;
    }
  | {
      readonly ok: false;
      readonly plate: string;
      readonly reason: PlateInvalidReason;
      /** Simplified Chinese, fit to show a driver. */
      readonly message: string;
    };

export interface PlateValidationOptions {
  /**
   * Accept plates derived from an openid under a prefix that is not a single table province
   * (protocol note 15.4). Default true, so that what we derive and send is accepted; pass false
   * where a driver types a plate.
   */
  readonly allowDerived?: boolean;
}

const all = (chars: readonly string[], test: (ch: string) => boolean): boolean => chars.every(test);

function embassyMatch(c: readonly string[]): boolean {
  if (c.length !== 7) return false;
  // New style 123456使; the older style puts 使 first (使123456): both are seen on the road.
  return (
    (c[6] === EMBASSY_MARK && all(c.slice(0, 6), isPlateDigit)) ||
    (c[0] === EMBASSY_MARK && all(c.slice(1), isPlateDigit))
  );
}

/** Kind of a province + region-letter plate, by its serial (the characters after the letter). */
function provincialKind(serial: readonly string[]): PlateKind | null {
  if (serial.length === 5) {
    if (all(serial, isSerialChar)) return 'ordinary';
    if (all(serial.slice(0, 4), isSerialChar) && isSpecialSuffix(serial[4] ?? '')) return 'special';
    return null;
  }
  if (serial.length === 6) {
    const [first = '', second = ''] = serial;
    if (
      NEW_ENERGY_SMALL_LEADS.indexOf(first) >= 0 &&
      isSerialChar(second) &&
      all(serial.slice(2), isPlateDigit)
    ) {
      return 'new-energy-small';
    }
    if (
      all(serial.slice(0, 5), isPlateDigit) &&
      NEW_ENERGY_LARGE_TAILS.indexOf(serial[5] ?? '') >= 0
    ) {
      return 'new-energy-large';
    }
  }
  return null;
}

/** Protocol note 15: one or two Chinese characters, then a letter and five serial characters. */
function derivedMatch(c: readonly string[]): boolean {
  const prefixLength = c.length - 6;
  return (
    (prefixLength === 1 || prefixLength === 2) &&
    all(c.slice(0, prefixLength), isHanChar) &&
    isPlateLetter(c[prefixLength] ?? '') &&
    all(c.slice(prefixLength + 1), isSerialChar)
  );
}

function match(
  c: readonly string[],
  allowDerived: boolean,
): { kind: PlateKind; province: Province | null } | null {
  if (embassyMatch(c)) return { kind: 'embassy', province: null };
  const province = provinceByAbbreviation(c[0] ?? '');
  if (province && isPlateLetter(c[1] ?? '')) {
    const kind = provincialKind(c.slice(2));
    if (kind) return { kind, province };
  }
  if (allowDerived && derivedMatch(c)) return { kind: 'derived', province: null };
  return null;
}

const SIZES = '普通车牌 7 位，新能源车牌 8 位';

/** Why a plate that matched nothing is wrong, checked in the order a driver can best act on. */
function diagnose(c: readonly string[]): { reason: PlateInvalidReason; message: string } {
  if (c.length === 0) return { reason: 'empty', message: '请输入车牌号' };

  const stray = c.find((ch) => !isPlateLetter(ch) && !isPlateDigit(ch) && !isHanChar(ch));
  if (stray !== undefined)
    return { reason: 'bad-character', message: `车牌号中不能有「${stray}」` };

  if (c.indexOf(EMBASSY_MARK) >= 0) {
    return { reason: 'bad-embassy', message: '使馆车牌应为 6 位数字加「使」，如 123456使' };
  }

  let prefixLength = 0;
  while (prefixLength < c.length && isHanChar(c[prefixLength] ?? '')) prefixLength++;
  if (prefixLength === 0) {
    return { reason: 'missing-province', message: '车牌号应以省份简称开头，如「粤」' };
  }
  const prefix = c.slice(0, prefixLength).join('');
  if (prefixLength > 1 || !provinceByAbbreviation(prefix)) {
    const named = provinceByName(prefix);
    if (named) {
      return {
        reason: 'province-name',
        message: `请用省份简称「${named.abbreviation}」，不要写「${named.name}」`,
      };
    }
    return { reason: 'unknown-province', message: `「${prefix}」不是省份简称` };
  }

  const body = c.slice(1);
  const lastIndex = body.length - 1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (!isHanChar(ch)) continue;
    if (!isSpecialSuffix(ch))
      return { reason: 'bad-character', message: `车牌号中不能有「${ch}」` };
    if (i !== lastIndex)
      return { reason: 'suffix-not-last', message: `「${ch}」只能是车牌号的最后一个字` };
  }

  if (body.length === 0) return { reason: 'too-short', message: `车牌号位数不够：${SIZES}` };
  if (!isPlateLetter(body[0] ?? '')) {
    return { reason: 'region-not-letter', message: '省份简称后的第一位应为字母' };
  }

  const serial = body.slice(1);
  if (serial.some((ch) => ch === 'I' || ch === 'O')) {
    return { reason: 'io-not-allowed', message: 'I/O 不能用于车牌，请改用数字 1/0' };
  }
  // Serial characters are now valid one by one, so only the length or new-energy layout is left.
  if (serial.length < 5) return { reason: 'too-short', message: `车牌号位数不够：${SIZES}` };
  if (serial.length === 6 && !isSpecialSuffix(serial[5] ?? '')) {
    return {
      reason: 'bad-new-energy',
      message: '新能源车牌格式不对：小型车为 D/F 等字母 + 1 位 + 4 位数字，大型车为 5 位数字 + D/F',
    };
  }
  return { reason: 'too-long', message: `车牌号位数太多：${SIZES}` };
}

/** Normalise, validate and classify a plate (protocol notes 14 and 15). */
export function validatePlate(
  input: string,
  options: PlateValidationOptions = {},
): PlateValidation {
  const plate = normalisePlate(input);
  const chars = Array.from(plate);
  const found = match(chars, options.allowDerived ?? true);
  if (found) return { ok: true, plate, kind: found.kind, province: found.province };
  return { ok: false, plate, ...diagnose(chars) };
}
