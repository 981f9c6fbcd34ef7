/**
 * China time (UTC+8, no daylight saving) by offsetting unix seconds: tariffs and the times people
 * read are in China time wherever the code runs, without a time-zone library. Only the UTC
 * getters of Date are used, which every JavaScript engine (the mini-program's included) has.
 */

export const CHINA_OFFSET_SECONDS = 8 * 3600;
export const SECONDS_PER_DAY = 86_400;
export const MINUTES_PER_DAY = 1440;

/** A calendar date and clock time in China. `month` is 1 to 12. */
export interface ChinaDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Seconds since 00:00 China time of the same China date (0 to 86399). */
export function chinaSecondOfDay(unix: number): number {
  return mod(unix + CHINA_OFFSET_SECONDS, SECONDS_PER_DAY);
}

/** The unix seconds of 00:00 China time on the China date of `unix`. */
export function chinaDayStart(unix: number): number {
  return unix - chinaSecondOfDay(unix);
}

export function toChinaDateTime(unix: number): ChinaDateTime {
  const d = new Date((unix + CHINA_OFFSET_SECONDS) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Unix seconds of a China date and time; undefined when the parts name no real moment. */
export function fromChinaDateTime(parts: ChinaDateTime): number | undefined {
  const { year, month, day, hour, minute, second } = parts;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!Number.isFinite(ms)) return undefined;
  const unix = ms / 1000 - CHINA_OFFSET_SECONDS;
  const back = toChinaDateTime(unix);
  const same =
    back.year === year &&
    back.month === month &&
    back.day === day &&
    back.hour === hour &&
    back.minute === minute &&
    back.second === second;
  return same ? unix : undefined;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'HH:MM' (00:00 to 23:59) to the minute of the day; undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Minute of the day to 'HH:MM'; 1440 prints as '24:00' (the end of a period that ends at midnight). */
export function formatClock(minuteOfDay: number): string {
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

/** 'YYYY-MM-DD HH:MM' in China time. */
export function formatChinaDateTime(unix: number): string {
  const t = toChinaDateTime(unix);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}`;
}

/** 'YYYY-MM-DD', the China date of `unix` (as operators pick dates). */
export function formatChinaDate(unix: number): string {
  const t = toChinaDateTime(unix);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}`;
}

/** 'HH:MM:SS' in China time. */
export function formatChinaTimeOfDay(unix: number): string {
  const t = toChinaDateTime(unix);
  return `${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
}

/** Unix seconds of 00:00 China time of a 'YYYY-MM-DD' date; undefined when it is no real date. */
export function parseChinaDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
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

/** 'MM-DD HH:MM' in China time, for short lines such as a fee breakdown. */
export function formatChinaShort(unix: number): string {
  const t = toChinaDateTime(unix);
  return `${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}`;
}

/** 'YYYYMMDD' of the China date (the shape of `trxdate`, protocol note 3): a key for daily reports. */
export function chinaDateKey(unix: number): string {
  const t = toChinaDateTime(unix);
  return `${t.year}${pad2(t.month)}${pad2(t.day)}`;
}

/** 'yyyymmddhhmmss' in China time (the shape of `fintime`, protocol note 3). */
export function formatFintime(unix: number): string {
  const t = toChinaDateTime(unix);
  return `${t.year}${pad2(t.month)}${pad2(t.day)}${pad2(t.hour)}${pad2(t.minute)}${pad2(t.second)}`;
}

/** A `fintime` ('yyyymmddhhmmss', China time) to unix seconds; undefined when it is no real moment. */
export function parseFintime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return fromChinaDateTime({ year, month, day, hour, minute, second });
}
