/**
 * CSV that Excel opens as UTF-8 (RFC 4180 with a BOM and CRLF line ends). A cell starting with
 * = + - @ (or a tab or carriage return) is prefixed with ' so that a spreadsheet never runs it
 * as a formula (CSV injection); a cell holding a comma, a quote or a line break is quoted.
 */
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** Integer fen as yuan with two decimals, in integer arithmetic ('12.05', '0.00'). */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('fen must be an integer');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
