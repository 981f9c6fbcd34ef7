import { assertFen } from './fen';

/** 1250 -> '12.50', -5 -> '-0.05', 0 -> '0.00'. Digit by digit, never through floats. */
export function fenToYuan(fen: number): string {
  assertFen(fen);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const sign = fen < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** 1250 -> '¥12.50', -1250 -> '-¥12.50', 0 -> '¥0.00': for people to read. */
export function formatFen(fen: number): string {
  const yuan = fenToYuan(fen);
  return yuan.charAt(0) === '-' ? `-¥${yuan.slice(1)}` : `¥${yuan}`;
}
