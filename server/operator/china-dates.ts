import { z } from 'zod';
import {
  SECONDS_PER_DAY,
  chinaDayStart,
  formatChinaDate,
  parseChinaDate,
} from '../../core/parking/china-time';

/** China calendar dates as operators pick them: 'YYYY-MM-DD'. */
export const chinaDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((text) => dayStartOf(text) !== undefined, 'date must be a real calendar date');

/** Unix seconds of 00:00 China time of a 'YYYY-MM-DD' date; undefined when it is no real date. */
export const dayStartOf = parseChinaDate;

/** 'YYYY-MM-DD' of the China date of `unix`. */
export const chinaDateOf = formatChinaDate;

/** The half-open range [start, end) of whole China days from `from` to `to`, both included. */
export function dayRange(from: string, to: string): { start: number; end: number; days: string[] } {
  const start = dayStartOf(from) as number;
  const end = (dayStartOf(to) as number) + SECONDS_PER_DAY;
  const days: string[] = [];
  for (let t = start; t < end; t += SECONDS_PER_DAY) days.push(chinaDateOf(t));
  return { start, end, days };
}

/** The China day of `now`: its date and range. */
export function todayOf(now: number): { date: string; start: number; end: number } {
  const start = chinaDayStart(now);
  return { date: chinaDateOf(now), start, end: start + SECONDS_PER_DAY };
}
