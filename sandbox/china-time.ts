/**
 * China time (UTC+8) for the sandbox, which counts in milliseconds: the one home of China time is
 * core/parking/china-time.ts (unix seconds); these only convert. Protocol note 3: `fintime` is
 * yyyymmddhhmmss and `trxdate` yyyymmdd in China time; people see China time too.
 */
import {
  chinaDateKey,
  formatChinaDate,
  formatChinaTimeOfDay,
  formatFintime,
} from '../core/parking/china-time';

const seconds = (ms: number) => Math.floor(ms / 1000);

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
  return `${formatChinaDate(seconds(ms))} ${formatChinaTimeOfDay(seconds(ms))}`;
}
