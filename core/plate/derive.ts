import { isHanChar } from './charsets';

// Protocol note 15, step 2: the first of the six.
const FIRST_CHAR: Readonly<Record<string, string>> = {
  '1': 'A',
  '2': 'B',
  '3': 'C',
  '4': 'D',
  '5': 'E',
  '6': 'F',
  '7': 'G',
  '8': 'H',
  '9': 'I',
  '0': 'J',
  '-': 'Z',
  _: 'Z',
};

// Protocol note 15, step 3: the other five.
const OTHER_CHARS: Readonly<Record<string, string>> = { I: '1', O: '0', '-': 'Z', _: 'Z' };

/** WeChat openids are URL-safe base64 text; any other character could not become a plate character. */
const OPENID_CHARS = /^[A-Za-z0-9_-]+$/;

export const DERIVED_SERIAL_LENGTH = 6;

export type PlateDerivationErrorCode =
  'openid-too-short' | 'openid-bad-character' | 'province-invalid';

export class PlateDerivationError extends Error {
  constructor(
    readonly code: PlateDerivationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlateDerivationError';
  }
}

/** The operator's prefix for derived plates: one or two Chinese characters (protocol note 15.4). */
export function isDerivedPlateProvince(chars: string): boolean {
  const list = Array.from(chars);
  return list.length >= 1 && list.length <= 2 && list.every(isHanChar);
}

/**
 * The plate of a car without one, from the payer's openid (protocol note 15):
 * oUpF8uMuAJO_M2pxb1Q9zNjWeS6o -> JWES60, or 粤JWES60 with provinceChars '粤'.
 * provinceChars '' or omitted gives the six characters alone.
 * Throws PlateDerivationError for an openid shorter than 6 or with characters an openid cannot
 * have, and for a prefix that is not one or two Chinese characters.
 */
export function derivePlateFromOpenid(openid: string, provinceChars = ''): string {
  if (openid.length < DERIVED_SERIAL_LENGTH) {
    throw new PlateDerivationError(
      'openid-too-short',
      `openid must have at least ${DERIVED_SERIAL_LENGTH} characters, got ${openid.length}`,
    );
  }
  if (!OPENID_CHARS.test(openid)) {
    throw new PlateDerivationError(
      'openid-bad-character',
      'openid may only contain letters, digits, "-" and "_"',
    );
  }
  if (provinceChars !== '' && !isDerivedPlateProvince(provinceChars)) {
    throw new PlateDerivationError(
      'province-invalid',
      'the province of a derived plate must be one or two Chinese characters',
    );
  }
  const [first = '', ...rest] = openid.slice(-DERIVED_SERIAL_LENGTH).toUpperCase().split('');
  const serial = (FIRST_CHAR[first] ?? first) + rest.map((ch) => OTHER_CHARS[ch] ?? ch).join('');
  return provinceChars + serial;
}
