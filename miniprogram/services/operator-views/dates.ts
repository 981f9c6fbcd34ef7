// China dates as the date pickers of the revenue and reconciliation pages use them.
import {
  SECONDS_PER_DAY,
  fromChinaDateTime,
  toChinaDateTime,
} from '../../../core/parking/china-time';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD', the China date of a unix time. */
export function chinaDate(unix: number): string {
  const t = toChinaDateTime(unix);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}`;
}

/** Unix seconds of 00:00 China time of a 'YYYY-MM-DD' date, or undefined when it is none. */
function dateStart(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return fromChinaDateTime({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: 0,
    minute: 0,
    second: 0,
  });
}

export function isChinaDate(date: string): boolean {
  return dateStart(date) !== undefined;
}

/** The date `days` later (or earlier, when negative); the date itself when it is not one. */
export function shiftDate(date: string, days: number): string {
  const start = dateStart(date);
  return start === undefined ? date : chinaDate(start + days * SECONDS_PER_DAY);
}
