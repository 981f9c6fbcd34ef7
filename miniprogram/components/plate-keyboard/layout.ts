import { PROVINCE_ABBREVIATIONS, SPECIAL_SUFFIXES } from '../../core/plate';

// Where the keys sit. Which keys are allowed is core/plate's business (allowedCharsAt).

/** A key the driver taps: a plate character, or delete. */
export type KeySlot = { readonly kind: 'char'; readonly key: string } | { readonly kind: 'delete' };

const PROVINCES_PER_ROW = 8;

// A phone keyboard's order, so that letters are where thumbs expect them.
const ALNUM_ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

const chars = (keys: readonly string[]): KeySlot[] => keys.map((key) => ({ kind: 'char', key }));

function chunk<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

/** Page 1: the 31 province abbreviations in the spec's table order, delete after the last. */
export const PROVINCE_PAGE: readonly (readonly KeySlot[])[] = chunk(
  chars(PROVINCE_ABBREVIATIONS),
  PROVINCES_PER_ROW,
).map((row, i, rows) => (i === rows.length - 1 ? [...row, { kind: 'delete' }] : row));

/** Page 2: digits, letters (delete after Z X C V B N M), and the special suffixes. */
export const ALNUM_PAGE: readonly (readonly KeySlot[])[] = [
  ...ALNUM_ROWS.map((row, i) => {
    const slots = chars(row.split(''));
    return i === ALNUM_ROWS.length - 1 ? [...slots, { kind: 'delete' } as const] : slots;
  }),
  chars(SPECIAL_SUFFIXES),
];

export type KeyboardPage = 'province' | 'alnum';

/** The province grid for the first box, letters and digits for the others. */
export function pageFor(boxIndex: number): KeyboardPage {
  return boxIndex === 0 ? 'province' : 'alnum';
}

export function slotsOf(page: KeyboardPage): readonly (readonly KeySlot[])[] {
  return page === 'province' ? PROVINCE_PAGE : ALNUM_PAGE;
}
