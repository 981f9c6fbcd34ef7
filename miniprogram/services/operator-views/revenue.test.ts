import { passSalesView, revenueBars } from './revenue';

const NO_PASSES = { count: 0, charged: 0, handlingFee: 0 };
const day = (date: string, net: number, passes = NO_PASSES) => ({
  date,
  lotId: 'L1',
  charged: net,
  returned: 0,
  handlingFee: 0,
  net,
  passes,
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

  test('a day’s bar holds its pass sales, net of their handling fee', () => {
    const passes = { count: 1, charged: 30_000, handlingFee: 180 };
    const [bar] = revenueBars([day('2026-11-01', 1000, passes)]);
    expect(bar).toMatchObject({ net: 30_820, netText: '¥308.20', chargedText: '¥310.00' });
    const parking = { charged: 1000, returned: 0, handlingFee: 0, net: 1000 };
    expect(passSalesView(passes, parking)).toEqual({
      count: 1,
      charged: '¥300.00',
      handlingFee: '¥1.80',
      net: '¥298.20',
      allNet: '¥308.20',
    });
  });
});
