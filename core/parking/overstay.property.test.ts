import fc from 'fast-check';
import { computeFee } from './fee';
import { stayAfterPayment } from './overstay';
import { type Tariff, tariffSchema } from './tariff';
import { DAY, HOUR, T0 } from './test-fixtures';

// A stay paid once at `paidAt` (charged the whole stay's fee then), a leave window, then `now`.
jest.setTimeout(30_000);

const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const tariffs: fc.Arbitrary<Tariff> = fc
  .record({
    freeMinutes: fc.integer({ min: 0, max: 120 }),
    freeDeducted: fc.boolean(),
    unitMinutes: fc.integer({ min: 5, max: 240 }),
    starts: fc.uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 1, maxLength: 4 }),
    prices: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 4, maxLength: 4 }),
    cap: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: null }),
  })
  .map((t) =>
    tariffSchema.parse({
      id: 'P',
      name: 'p',
      freeMinutes: t.freeMinutes,
      freeDeducted: t.freeDeducted,
      unitMinutes: t.unitMinutes,
      periods: t.starts.map((start, i) => ({
        name: `p${i}`,
        start: clock(start),
        pricePerUnit: t.prices[i]!,
      })),
      capPer24h: t.cap,
    }),
  );

const fee = (t: Tariff, from: number, to: number) => {
  const r = computeFee(t, from, to);
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

const cases = fc.record({
  tariff: tariffs,
  paidAfter: fc.integer({ min: 0, max: 2 * DAY }),
  grace: fc.integer({ min: 0, max: 2 * HOUR }),
  later: fc.integer({ min: 0, max: 2 * DAY }),
});

describe('stayAfterPayment (properties)', () => {
  it('owes nothing in the window; after it, at most the fee of the time after the window and at most what the whole-stay rule would', () => {
    fc.assert(
      fc.property(cases, ({ tariff, paidAfter, grace, later }) => {
        const paidAt = T0 + paidAfter;
        const charged = fee(tariff, T0, paidAt).total;
        const windowEnd = paidAt + grace;
        const now = paidAt + later;
        const whole = fee(tariff, T0, now);
        const r = stayAfterPayment(tariff, whole, charged, windowEnd, now);
        if (!r.ok) return false;
        const { due, quote, overstay } = r.value;
        if (now <= windowEnd) return due === 0 && overstay === undefined;
        const after = fee({ ...tariff, freeMinutes: 0, freeDeducted: false }, windowEnd, now).total;
        return (
          Number.isInteger(due) &&
          due >= 0 &&
          due <= after &&
          due <= Math.max(0, whole.total - charged) && // never more than the old rule
          charged + due <= Math.max(charged, whole.total) && // never more than one stay
          (due === after || due === whole.total - charged) && // the overstay fee unless capped
          quote.total === charged + due &&
          // the lines a driver reads add up to the total
          quote.lines.reduce((sum, l) => sum + (l.kind === 'total' ? 0 : l.amount), 0) ===
            quote.total
        );
      }),
      { numRuns: 400 },
    );
  });
});
