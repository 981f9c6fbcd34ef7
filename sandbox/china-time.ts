/**
 * China time (UTC+8) for the sandbox, which counts in milliseconds: the one home of China time is
 * core/parking/china-time.ts (unix seconds); these only convert. Protocol note 3: `fintime` is
 * yyyymmddhhmmss and `trxdate` yyyymmdd in China time; people see China time too.
 */
import { chinaDateKey, formatFintime, toChinaDateTime } from '../core/parking/china-time';

const seconds = (ms: number) => Math.floor(ms / 1000);
const pad2 = (n: number) => String(n).padStart(2, '0');

/** `yyyymmddhhmmss` in China time. */
export function toFintime(ms: number): string {
  return formatFintime(seconds(ms));
}

/** `yyyymmdd` in China time. */
export function toTrxdate(ms: number): string {
  return chinaDateKey(seconds(ms));
}

/** `yyyy-mm-dd hh:mm:ss` in China time, for people. */
export function toChinaDisplay(ms: number): string {
  const t = toChinaDateTime(seconds(ms));
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
}
