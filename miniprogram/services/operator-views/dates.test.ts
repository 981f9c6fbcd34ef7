import { timeText } from './common';
import { chinaDate, isChinaDate, shiftDate } from './dates';

describe('China dates', () => {
  test('a unix time is read on the China clock', () => {
    // 2026-11-25 16:30 UTC is 2026-11-26 00:30 in China.
    const unix = Date.UTC(2026, 10, 25, 16, 30) / 1000;
    expect(chinaDate(unix)).toBe('2026-11-26');
    expect(timeText(unix)).toBe('2026-11-26 00:30');
    expect(timeText(undefined)).toBe('—');
  });

  test('dates that exist, and shifting across months and leap days', () => {
    expect(isChinaDate('2028-02-29')).toBe(true);
    expect(isChinaDate('2026-02-29')).toBe(false);
    expect(isChinaDate('2026-1-5')).toBe(false);
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-11-25', -6)).toBe('2026-11-19');
    expect(shiftDate('not a date', 1)).toBe('not a date');
  });
});
