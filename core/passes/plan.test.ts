import { fromChinaDateTime } from '../parking/china-time';
import { passPlanSchema, periodEnd, periodText } from './plan';

const china = (y: number, m: number, d: number, h = 0) =>
  fromChinaDateTime({ year: y, month: m, day: d, hour: h, minute: 0, second: 0 }) as number;

describe('periodEnd', () => {
  it('adds calendar months at the same China clock time', () => {
    expect(periodEnd(china(2026, 3, 15, 10), { kind: 'month' })).toBe(china(2026, 4, 15, 10));
    expect(periodEnd(china(2026, 11, 20), { kind: 'quarter' })).toBe(china(2027, 2, 20));
    expect(periodEnd(china(2026, 12, 5), { kind: 'year' })).toBe(china(2027, 12, 5));
  });

  it('ends on the last day of a shorter month', () => {
    expect(periodEnd(china(2026, 1, 31), { kind: 'month' })).toBe(china(2026, 2, 28));
    expect(periodEnd(china(2028, 1, 31), { kind: 'month' })).toBe(china(2028, 2, 29));
    expect(periodEnd(china(2028, 2, 29), { kind: 'year' })).toBe(china(2029, 2, 28));
  });

  it('counts N days as N × 24 hours', () => {
    expect(periodEnd(1000, { kind: 'days', days: 30 })).toBe(1000 + 30 * 86_400);
  });
});

describe('passPlanSchema', () => {
  const plan = {
    id: 'plan-1',
    lotId: 'lot-1',
    name: '标准月卡',
    period: { kind: 'month' },
    price: 30000,
    spaces: 1,
    maxPlates: 2,
    graceDays: 3,
    online: true,
  };

  it('accepts a plan and defaults it to active', () => {
    expect(passPlanSchema.parse(plan).active).toBe(true);
    expect(periodText({ kind: 'days', days: 45 })).toBe('45 天');
  });

  it.each([
    ['a price of 0', { price: 0 }],
    ['fewer plates than spaces', { spaces: 2, maxPlates: 1 }],
    ['a fraction of a fen', { price: 1.5 }],
    ['an unknown period', { period: { kind: 'week' } }],
  ])('refuses %s', (_, change) => {
    expect(passPlanSchema.safeParse({ ...plan, ...change }).success).toBe(false);
  });
});
