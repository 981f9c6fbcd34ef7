import { chinaDateOf, dayRange, dayStartOf, todayOf } from './china-dates';

describe('China dates', () => {
  it('starts a day at 00:00 China time (16:00 UTC the day before)', () => {
    expect(dayStartOf('2026-01-01')).toBe(Date.UTC(2025, 11, 31, 16) / 1000);
    expect(dayStartOf('2026-02-30')).toBeUndefined();
    expect(dayStartOf('2026-1-1')).toBeUndefined();
  });

  it('names the China date of an instant', () => {
    expect(chinaDateOf(Date.UTC(2025, 11, 31, 15, 59, 59) / 1000)).toBe('2025-12-31');
    expect(chinaDateOf(Date.UTC(2025, 11, 31, 16) / 1000)).toBe('2026-01-01');
  });

  it('covers whole days, both ends included', () => {
    const range = dayRange('2026-02-27', '2026-03-01');
    expect(range.days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(range.end - range.start).toBe(3 * 86_400);
  });

  it("gives today's range", () => {
    const now = Date.UTC(2026, 5, 1, 20) / 1000; // 04:00 on 2 June in China
    expect(todayOf(now)).toEqual({
      date: '2026-06-02',
      start: Date.UTC(2026, 5, 1, 16) / 1000,
      end: Date.UTC(2026, 5, 2, 16) / 1000,
    });
  });
});
