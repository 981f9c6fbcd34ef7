/** Character classes of Chinese plates (protocol note 14), shared by validation and the keyboard. */

export const PLATE_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
export const PLATE_DIGITS = '0123456789'.split('');

/** Serial characters: letters without I and O (they read as 1 and 0), and digits. */
export const PLATE_SERIAL_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split('');

/** Characters that may replace the last serial character of an ordinary plate. */
export const SPECIAL_SUFFIXES = ['学', '挂', '警', '港', '澳', '领', '试', '超'] as const;
export type SpecialSuffix = (typeof SPECIAL_SUFFIXES)[number];

/** First serial character of a small new-energy plate: D/F, also A/B/C/E/G/H/J/K. */
export const NEW_ENERGY_SMALL_LEADS = 'ABCDEFGHJK'.split('');
/** Last character of a large new-energy plate. */
export const NEW_ENERGY_LARGE_TAILS = ['D', 'F'];

export const EMBASSY_MARK = '使';

export function isPlateLetter(ch: string): boolean {
  return ch.length === 1 && ch >= 'A' && ch <= 'Z';
}

export function isPlateDigit(ch: string): boolean {
  return ch.length === 1 && ch >= '0' && ch <= '9';
}

export function isSerialChar(ch: string): boolean {
  return (isPlateLetter(ch) && ch !== 'I' && ch !== 'O') || isPlateDigit(ch);
}

export function isSpecialSuffix(ch: string): ch is SpecialSuffix {
  return (SPECIAL_SUFFIXES as readonly string[]).indexOf(ch) >= 0;
}

/**
 * A Chinese (Han) character, by code point range: CJK Unified Ideographs and their extensions
 * and compatibility block. Ranges instead of `\p{Script=Han}` so that older mini-program
 * engines need no Unicode property escapes.
 */
export function isHanChar(ch: string): boolean {
  const cp = ch.codePointAt(0);
  if (cp === undefined || String.fromCodePoint(cp) !== ch) return false;
  return (
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}
