/**
 * What a valid plate is (protocol note 14, and note 15 for `derived`).
 * A derived plate under a single province of the table has the shape of an ordinary plate
 * and classifies as `ordinary`; `derived` is the kind of one whose prefix is not a single table
 * province (the operator may choose any one or two Chinese characters).
 */
export type PlateKind =
  'ordinary' | 'special' | 'new-energy-small' | 'new-energy-large' | 'embassy' | 'derived';

export const PLATE_KINDS: readonly PlateKind[] = [
  'ordinary',
  'special',
  'new-energy-small',
  'new-energy-large',
  'embassy',
  'derived',
];

/** Names to show a driver or an operator. */
export const PLATE_KIND_LABELS: Readonly<Record<PlateKind, string>> = {
  ordinary: '普通车牌',
  special: '专用车牌',
  'new-energy-small': '新能源小型车',
  'new-energy-large': '新能源大型车',
  embassy: '使馆车牌',
  derived: '无牌车',
};
