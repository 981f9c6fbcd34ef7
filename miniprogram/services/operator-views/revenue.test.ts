import { revenueBars } from './revenue';

const day = (date: string, net: number) => ({
  date,
  lotId: 'L1',
  charged: net,
  returned: 0,
  handlingFee: 0,
  net,
});

describe('revenue bars', () => {
  test('days in order, lots summed, scaled to the best day; a small day still shows', () => {
    const bars = revenueBars([
      day('2026-11-02', 1),
      day('2026-11-01', 50_000),
      day('2026-11-01', 50_000),
    ]);
    expect(bars.map((b) => [b.label, b.netText, b.percent])).toEqual([
      ['11-01', '¥1000.00', 100],
      ['11-02', '¥0.01', 1],
    ]);
  });

  test('a day with nothing or less than nothing has no height', () => {
    expect(
      revenueBars([day('2026-11-01', 0), day('2026-11-02', -200)]).map((b) => b.percent),
    ).toEqual([0, 0]);
    expect(revenueBars([])).toEqual([]);
  });
});
