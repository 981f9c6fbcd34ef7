import {
  PLATE_DIGITS,
  PLATE_LETTERS,
  PROVINCE_ABBREVIATIONS,
  SPECIAL_SUFFIXES,
} from '../../core/plate';
import { ALNUM_PAGE, PROVINCE_PAGE, pageFor, type KeySlot } from './layout';

const keysOf = (page: readonly (readonly KeySlot[])[]) =>
  page.flat().flatMap((slot) => (slot.kind === 'char' ? [slot.key] : []));
const deletesOf = (page: readonly (readonly KeySlot[])[]) =>
  page.flat().filter((slot) => slot.kind === 'delete').length;

test('page 1 has the 31 provinces in table order and one delete key', () => {
  expect(keysOf(PROVINCE_PAGE)).toEqual([...PROVINCE_ABBREVIATIONS]);
  expect(keysOf(PROVINCE_PAGE)).toHaveLength(31);
  expect(deletesOf(PROVINCE_PAGE)).toBe(1);
});

test('page 2 has every letter, digit and special suffix once, and one delete key', () => {
  const keys = keysOf(ALNUM_PAGE);
  expect([...keys].sort()).toEqual([...PLATE_LETTERS, ...PLATE_DIGITS, ...SPECIAL_SUFFIXES].sort());
  expect(new Set(keys).size).toBe(keys.length);
  expect(deletesOf(ALNUM_PAGE)).toBe(1);
});

test('the province page is for the first box only', () => {
  expect(pageFor(0)).toBe('province');
  expect([1, 2, 6, 7].map(pageFor)).toEqual(['alnum', 'alnum', 'alnum', 'alnum']);
});
