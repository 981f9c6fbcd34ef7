import { clockPeriods, noShowCharge, periodAt, tariffSchema } from './tariff';
import { TARIFF } from './test-fixtures';

describe('tariff', () => {
  it('places periods on the clock, the last one wrapping past midnight', () => {
    const periods = clockPeriods(TARIFF);
    expect(periods.map((p) => [p.name, p.label, p.startMinute, p.endMinute])).toEqual([
      ['白天', '08:00–20:00', 480, 1200],
      ['夜间', '20:00–08:00', 1200, 1920],
    ]);
    expect(periodAt(periods, 0).name).toBe('夜间');
    expect(periodAt(periods, 479).name).toBe('夜间');
    expect(periodAt(periods, 480).name).toBe('白天');
    expect(periodAt(periods, 1199).name).toBe('白天');
    expect(periodAt(periods, 1200).name).toBe('夜间');
  });

  it('sorts periods given in any order, and labels a single one 全天', () => {
    const t = tariffSchema.parse({
      ...TARIFF,
      periods: [
        { name: '夜间', start: '22:00', pricePerUnit: 100 },
        { name: '高峰', start: '07:00', pricePerUnit: 800 },
        { name: '平时', start: '10:00', pricePerUnit: 400 },
      ],
    });
    const periods = clockPeriods(t);
    expect(periods.map((p) => p.label)).toEqual(['07:00–10:00', '10:00–22:00', '22:00–07:00']);
    expect(periodAt(periods, 3 * 60).name).toBe('夜间');
    const flat = clockPeriods({ periods: [{ name: '全天', start: '06:00', pricePerUnit: 300 }] });
    expect(flat[0]).toMatchObject({ label: '全天', startMinute: 360, endMinute: 1800 });
    expect(periodAt(flat, 0).name).toBe('全天');
  });

  it.each([
    ['no period', { periods: [] }],
    [
      'two periods at the same start',
      { periods: [TARIFF.periods[0], { ...TARIFF.periods[0], name: 'x' }] },
    ],
    ['a malformed clock', { periods: [{ name: '白天', start: '8:00', pricePerUnit: 1 }] }],
    [
      'a price in yuan with decimals',
      { periods: [{ name: '白天', start: '08:00', pricePerUnit: 5.5 }] },
    ],
    [
      'a price above the maximum',
      { periods: [{ name: '白天', start: '08:00', pricePerUnit: 1_000_001 }] },
    ],
    ['a unit of 0 minutes', { unitMinutes: 0 }],
    ['negative free minutes', { freeMinutes: -1 }],
    ['a cap of 0', { capPer24h: 0 }],
    ['a fixed no-show charge of 0', { noShow: { kind: 'fixed', amount: 0 } }],
  ])('refuses %s', (_name, change) => {
    expect(tariffSchema.safeParse({ ...TARIFF, ...change }).success).toBe(false);
  });

  it('fills defaults and accepts no cap', () => {
    const t = tariffSchema.parse({
      id: 'T2',
      name: '简单',
      freeMinutes: 0,
      unitMinutes: 30,
      periods: [{ name: '全天', start: '00:00', pricePerUnit: 100 }],
      capPer24h: null,
    });
    expect(t).toMatchObject({
      freeDeducted: false,
      bookingFee: 0,
      bookingHoldMinutes: 15,
      noShow: { kind: 'booking_fee' },
    });
  });

  it('charges a no-show by policy, never more than is frozen', () => {
    expect(noShowCharge({ bookingFee: 200, noShow: { kind: 'none' } }, 5000)).toBe(0);
    expect(noShowCharge({ bookingFee: 200, noShow: { kind: 'booking_fee' } }, 5000)).toBe(200);
    expect(noShowCharge({ bookingFee: 200, noShow: { kind: 'booking_fee' } }, 150)).toBe(150);
    expect(noShowCharge({ bookingFee: 0, noShow: { kind: 'fixed', amount: 800 } }, 5000)).toBe(800);
    expect(noShowCharge({ bookingFee: 0, noShow: { kind: 'fixed', amount: 800 } }, 0)).toBe(0);
  });
});
