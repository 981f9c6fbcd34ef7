import { toChinaDisplay, toFintime, toTrxdate } from './china-time';

describe('china time', () => {
  it('formats in UTC+8 across the date line', () => {
    const ms = Date.UTC(2024, 11, 31, 16, 5, 9); // 2025-01-01 00:05:09 in China
    expect(toFintime(ms)).toBe('20250101000509');
    expect(toTrxdate(ms)).toBe('20250101');
    expect(toChinaDisplay(ms)).toBe('2025-01-01 00:05:09');
  });
});
