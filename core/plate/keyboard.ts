import {
  NEW_ENERGY_LARGE_TAILS,
  NEW_ENERGY_SMALL_LEADS,
  PLATE_DIGITS,
  PLATE_LETTERS,
  SPECIAL_SUFFIXES,
  isPlateDigit,
  isPlateLetter,
  isSerialChar,
  isSpecialSuffix,
} from './charsets';
import { PROVINCE_ABBREVIATIONS, isProvinceAbbreviation } from './provinces';

// Helpers for a box-by-box plate keyboard. They cover the plates a driver types with it
// (ordinary, special, new-energy); embassy and derived plates are not typed on it.

type Position = (ch: string) => boolean;

const isSmallLead = (ch: string): boolean => NEW_ENERGY_SMALL_LEADS.indexOf(ch) >= 0;
const isLargeTail = (ch: string): boolean => NEW_ENERGY_LARGE_TAILS.indexOf(ch) >= 0;
const repeat = (p: Position, n: number): Position[] => Array.from({ length: n }, () => p);

// Protocol note 14, one predicate per box.
const LAYOUTS: readonly (readonly Position[])[] = [
  [isProvinceAbbreviation, isPlateLetter, ...repeat(isSerialChar, 5)],
  [isProvinceAbbreviation, isPlateLetter, ...repeat(isSerialChar, 4), isSpecialSuffix],
  [isProvinceAbbreviation, isPlateLetter, isSmallLead, isSerialChar, ...repeat(isPlateDigit, 4)],
  [isProvinceAbbreviation, isPlateLetter, ...repeat(isPlateDigit, 5), isLargeTail],
];

/** Every key the keyboard can offer, in display order. */
export const PLATE_KEYS: readonly string[] = [
  ...PROVINCE_ABBREVIATIONS,
  ...PLATE_LETTERS,
  ...PLATE_DIGITS,
  ...SPECIAL_SUFFIXES,
];

function layoutsFitting(typed: readonly string[]): (readonly Position[])[] {
  return LAYOUTS.filter(
    (layout) =>
      typed.length <= layout.length && typed.every((ch, i) => (layout[i] as Position)(ch)),
  );
}

/**
 * The keys allowed in box `index` (0-based; default: the next empty box), given the boxes
 * before it in `typed`. Boxes after `index` are not considered, so a driver can change kind
 * by editing an earlier box. Empty when nothing fits.
 */
export function allowedCharsAt(typed: string, index = Array.from(typed).length): readonly string[] {
  const fitting = layoutsFitting(Array.from(typed).slice(0, index));
  return PLATE_KEYS.filter((key) => fitting.some((layout) => layout[index]?.(key) === true));
}

/** The lengths (7, 8) the plate being typed can still reach; empty when it cannot become valid. */
export function possiblePlateLengths(typed: string): readonly number[] {
  const lengths = layoutsFitting(Array.from(typed)).map((layout) => layout.length);
  return lengths.filter((n, i) => lengths.indexOf(n) === i).sort((a, b) => a - b);
}

/** Whether the 8th (new-energy) box applies to the plate being typed. */
export function acceptsEighthChar(typed: string): boolean {
  return possiblePlateLengths(typed).indexOf(8) >= 0;
}

/** Whether `typed` can still be completed into a valid plate on the keyboard. */
export function isPlatePrefix(typed: string): boolean {
  return possiblePlateLengths(typed).length > 0;
}
