// China dates as the date pickers of the revenue and reconciliation pages use them.
import { SECONDS_PER_DAY, formatChinaDate, parseChinaDate } from '../../../core/parking/china-time';

/** 'YYYY-MM-DD', the China date of a unix time. */
export const chinaDate = formatChinaDate;

export function isChinaDate(date: string): boolean {
  return parseChinaDate(date) !== undefined;
}

/** The date `days` later (or earlier, when negative); the date itself when it is not one. */
export function shiftDate(date: string, days: number): string {
  const start = parseChinaDate(date);
  return start === undefined ? date : chinaDate(start + days * SECONDS_PER_DAY);
}
