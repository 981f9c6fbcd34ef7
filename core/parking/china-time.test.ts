import {
  CHINA_OFFSET_SECONDS,
  chinaDateKey,
  chinaDayStart,
  chinaSecondOfDay,
  formatChinaDateTime,
  formatClock,
  formatFintime,
  fromChinaDateTime,
  parseClock,
  parseFintime,
  toChinaDateTime,
} from './china-time';

// 2025-01-01 00:00:00 in China is 2024-12-31 16:00:00 UTC.
const NEW_YEAR_CHINA = Date.UTC(2024, 11, 31, 16, 0, 0) / 1000;

describe('china time', () => {
  it('is UTC+8', () => {
    expect(CHINA_OFFSET_SECONDS).toBe(28_800);
    expect(toChinaDateTime(NEW_YEAR_CHINA)).toEqual({
      year: 2025,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
    });
    expect(toChinaDateTime(0)).toEqual({
      year: 1970,
      month: 1,
      day: 1,
      hour: 8,
      minute: 0,
      second: 0,
    });
  });

  it('gives the second of the China day, and the China midnight', () => {
    expect(chinaSecondOfDay(NEW_YEAR_CHINA)).toBe(0);
    expect(chinaSecondOfDay(NEW_YEAR_CHINA - 1)).toBe(86_399);
    expect(chinaSecondOfDay(NEW_YEAR_CHINA + 8 * 3600 + 30)).toBe(8 * 3600 + 30);
    expect(chinaDayStart(NEW_YEAR_CHINA + 12345)).toBe(NEW_YEAR_CHINA);
    expect(chinaDayStart(NEW_YEAR_CHINA - 1)).toBe(NEW_YEAR_CHINA - 86_400);
    // 16:00 UTC is already the next China day
    expect(chinaDayStart(NEW_YEAR_CHINA)).toBe(NEW_YEAR_CHINA);
  });

  it('round-trips dates and refuses impossible ones', () => {
    const parts = { year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59 };
    const unix = fromChinaDateTime(parts) as number;
    expect(toChinaDateTime(unix)).toEqual(parts);
    expect(fromChinaDateTime({ ...parts, year: 2023 })).toBeUndefined(); // no 29 Feb 2023
    expect(fromChinaDateTime({ ...parts, hour: 24 })).toBeUndefined();
  });

  it('formats and parses fintime, and keys days like trxdate', () => {
    expect(formatFintime(NEW_YEAR_CHINA + 3661)).toBe('20250101010101');
    expect(parseFintime('20250101010101')).toBe(NEW_YEAR_CHINA + 3661);
    expect(parseFintime('20250231000000')).toBeUndefined();
    expect(parseFintime('2025010101010')).toBeUndefined();
    expect(chinaDateKey(NEW_YEAR_CHINA - 1)).toBe('20241231');
    expect(chinaDateKey(NEW_YEAR_CHINA)).toBe('20250101');
    expect(formatChinaDateTime(NEW_YEAR_CHINA + 8 * 3600 + 5 * 60)).toBe('2025-01-01 08:05');
  });

  it('parses and formats clock times', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('08:30')).toBe(510);
    expect(parseClock('23:59')).toBe(1439);
    for (const bad of ['24:00', '8:00', '08:60', '0800', '', ' 08:00'])
      expect(parseClock(bad)).toBeUndefined();
    expect(formatClock(510)).toBe('08:30');
    expect(formatClock(1440)).toBe('24:00');
  });
});
