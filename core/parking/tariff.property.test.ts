import fc from 'fast-check';
import { amountDue } from './amount-due';
import { MAX_STAY_SECONDS, computeFee } from './fee';
import { sessionIn } from './session-fixtures';
import { MAX_UNIT_PRICE, type Tariff, tariffSchema } from './tariff';
import { DAY, HOUR, T0, TARIFF } from './test-fixtures';

/*
 * The tariff engine under hostile input, beside fee.test.ts's properties (non-negative integer,
 * non-decreasing, capped per 24-hour window, free within the free minutes): the bounds of a whole
 * stay, refusals instead of exceptions for impossible times, and a schema that lets no bad
 * tariff through.
 */

// Thousands of runs per property: give them room on a busy machine.
jest.setTimeout(30_000);

const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Any tariff the schema accepts: 1 to 8 periods, any unit, cap or none. */
const tariffs: fc.Arbitrary<Tariff> = fc
  .record({
    freeMinutes: fc.integer({ min: 0, max: 1440 }),
    freeDeducted: fc.boolean(),
    unitMinutes: fc.integer({ min: 1, max: 1440 }),
    starts: fc.uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 1, maxLength: 8 }),
    prices: fc.array(fc.integer({ min: 0, max: MAX_UNIT_PRICE }), { minLength: 8, maxLength: 8 }),
    cap: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: null }),
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

/** Up to 30 days (the engine counts unit by unit: a 400-day stay of 1-minute units is slow). */
const stay = fc.integer({ min: 0, max: 30 * DAY });
const MAX_FEN = 9_999_999_999;
const inTime = fc.integer({ min: T0 - 400 * DAY, max: T0 + 400 * DAY });

describe('computeFee: properties of a whole stay', () => {
  it('never charges more than the cap per started 24 hours, nor more than every unit at the top price', () => {
    fc.assert(
      fc.property(tariffs, inTime, stay, (t, start, seconds) => {
        const r = computeFee(t, start, start + seconds);
        const top = Math.max(...t.periods.map((p) => p.pricePerUnit));
        if (!r.ok) {
          // Only an uncapped tariff can reach more than 10 digits of fen.
          expect(r.code).toBe('FEE_TOO_LARGE');
          expect(t.capPer24h === null || t.capPer24h * Math.ceil(seconds / DAY) > MAX_FEN).toBe(
            true,
          );
          return;
        }
        const q = r.value;
        expect(Number.isSafeInteger(q.total) && q.total >= 0).toBe(true);
        const windows = Math.max(1, Math.ceil(seconds / DAY));
        if (t.capPer24h !== null) expect(q.total).toBeLessThanOrEqual(t.capPer24h * windows);
        expect(q.total).toBeLessThanOrEqual(q.units * top);
        expect(q.total).toBeLessThanOrEqual(MAX_FEN);
        if (seconds <= t.freeMinutes * 60) {
          expect(q).toMatchObject({ total: 0, withinFree: true, units: 0 });
        }
        if (t.periods.every((p) => p.pricePerUnit === 0)) expect(q.total).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('is non-decreasing in the length of the stay for any tariff, for stays up to a month', () => {
    fc.assert(
      fc.property(tariffs, inTime, stay, fc.integer({ min: 0, max: 3 * DAY }), (t, s, a, more) => {
        const first = computeFee(t, s, s + a);
        const second = computeFee(t, s, s + a + more);
        // Once too large to pay, a longer stay is too large as well.
        if (!first.ok) expect(second).toMatchObject({ ok: false, code: 'FEE_TOO_LARGE' });
        else if (!second.ok) expect(second.code).toBe('FEE_TOO_LARGE');
        else expect(second.value.total).toBeGreaterThanOrEqual(first.value.total);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses, and never throws on, times that are not whole seconds or in the wrong order', () => {
    const bad = fc.oneof(
      fc.constantFrom(NaN, Infinity, -Infinity, 0.5, -0.5, 1e300, Number.MAX_SAFE_INTEGER + 2),
      fc.double({ noInteger: true }),
    );
    const anyTime = fc.oneof(bad, fc.integer({ min: -1e12, max: 1e12 }));
    fc.assert(
      fc.property(tariffs, anyTime, anyTime, (t, a, b) => {
        const r = computeFee(t, a, b);
        if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) {
          expect(r).toMatchObject({ ok: false, code: 'TIME_INVALID' });
        } else if (b < a) {
          expect(r).toMatchObject({ ok: false, code: 'TIME_ORDER' });
        } else if (b - a > MAX_STAY_SECONDS) {
          expect(r).toMatchObject({ ok: false, code: 'STAY_TOO_LONG' });
        } else {
          expect(r.ok).toBe(true);
        }
        if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    // Numbers as strings are not times either (a caller that skipped its schema).
    expect(computeFee(TARIFF, '0' as unknown as number, T0)).toMatchObject({
      ok: false,
      code: 'TIME_INVALID',
    });
  });
});

describe('amountDue: properties', () => {
  it('is a non-negative integer, the fee of the stay less what was charged, at any time', () => {
    const sessions = [
      sessionIn('exit_pay', 'open')!,
      sessionIn('exit_pay', 'paid')!,
      sessionIn('entry_prepay', 'paid')!,
      sessionIn('roadside_booking', 'parked')!,
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...sessions),
        fc.integer({ min: T0 - DAY, max: T0 + 30 * DAY }),
        fc.integer({ min: 0, max: 6 * HOUR }),
        (session, now, later) => {
          const a = amountDue(session, now);
          const b = amountDue(session, now + later);
          if (!a.ok || !b.ok) throw new Error('refused');
          expect(Number.isSafeInteger(a.value.due) && a.value.due >= 0).toBe(true);
          expect(a.value.due).toBe(Math.max(0, a.value.quote.total - a.value.charged));
          expect(b.value.due).toBeGreaterThanOrEqual(a.value.due);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses impossible times instead of throwing', () => {
    const open = sessionIn('exit_pay', 'open')!;
    for (const now of [NaN, Infinity, T0 + 500 * DAY]) {
      const r = amountDue(open, now);
      expect(r.ok).toBe(false);
    }
    // A time before the start is quoted at the start: nothing due.
    expect(amountDue(open, 0.5)).toMatchObject({ ok: true, value: { due: 0 } });
  });
});

describe('tariffSchema: refuses every bad tariff', () => {
  // The fixtures' tariff, valid by construction (parsed by tariffSchema).
  const valid = TARIFF;
  const badNumber = fc.oneof(
    fc.constantFrom(NaN, Infinity, -Infinity, -1, 0.5, 1e12, '100', '', null, true),
    fc.constantFrom([], [100], { $gt: 0 }, { valueOf: 1 }),
    fc.double({ noInteger: true, noNaN: true }),
    fc.integer({ max: -1 }),
  );
  const badText = fc.oneof(
    fc.constantFrom('', '   ', 42, null, [], { $gt: '' }, 'x'.repeat(1 << 20)),
    fc.constant(undefined),
  );

  it('refuses any wrong number where fen or minutes are expected', () => {
    const fields = ['freeMinutes', 'unitMinutes', 'capPer24h', 'bookingFee', 'price'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), badNumber, fc.nat(1), (field, bad, index) => {
        if (field === 'capPer24h' && bad === null) return; // null is "no cap"
        const tariff =
          field === 'price'
            ? {
                ...valid,
                periods: valid.periods.map((p, i) =>
                  i === index ? { ...p, pricePerUnit: bad } : p,
                ),
              }
            : { ...valid, [field]: bad };
        expect(tariffSchema.safeParse(tariff).success).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses prices above the top unit price, minutes beyond a day, a zero unit or cap', () => {
    const refused = (patch: Record<string, unknown>) =>
      expect(tariffSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
    refused({ periods: [{ name: '全天', start: '00:00', pricePerUnit: MAX_UNIT_PRICE + 1 }] });
    refused({ freeMinutes: 1441 });
    refused({ unitMinutes: 0 });
    refused({ unitMinutes: 1441 });
    refused({ capPer24h: 0 });
    refused({ bookingHoldMinutes: 0 });
    refused({ noShow: { kind: 'fixed', amount: 0 } });
    refused({ noShow: { kind: 'steal' } });
  });

  it('refuses bad names, ids, period lists and clock times', () => {
    fc.assert(
      fc.property(badText, (bad) => {
        for (const tariff of [
          { ...valid, id: bad },
          { ...valid, name: bad },
          { ...valid, periods: [{ name: bad, start: '00:00', pricePerUnit: 1 }] },
          { ...valid, periods: [{ name: '全天', start: bad, pricePerUnit: 1 }] },
        ]) {
          expect(tariffSchema.safeParse(tariff).success).toBe(false);
        }
      }),
      { numRuns: 50 },
    );
    for (const periods of [
      [],
      {},
      'periods',
      null,
      [
        { name: 'a', start: '08:00', pricePerUnit: 1 },
        { name: 'b', start: '08:00', pricePerUnit: 2 },
      ],
      Array.from({ length: 9 }, (_, i) => ({ name: `p${i}`, start: clock(i), pricePerUnit: 1 })),
    ]) {
      expect(tariffSchema.safeParse({ ...valid, periods }).success).toBe(false);
    }
    for (const start of ['24:00', '8:00', '08:60', '-1:00', '08:00\u0000', '０８:００', '08:00 ']) {
      const periods = [{ name: '全天', start, pricePerUnit: 1 }];
      expect({ start, ok: tariffSchema.safeParse({ ...valid, periods }).success }).toEqual({
        start,
        ok: false,
      });
    }
    for (const id of [
      '../../etc/passwd',
      "'; DROP TABLE",
      '<script>',
      'a\u0000b',
      '\ud800',
      '{"$gt":""}',
    ]) {
      expect(tariffSchema.safeParse({ ...valid, id }).success).toBe(false);
    }
  });

  it('refuses what is not a tariff object at all', () => {
    for (const input of [null, undefined, 'tariff', 42, [], [valid], { $gt: '' }]) {
      expect(tariffSchema.safeParse(input).success).toBe(false);
    }
  });

  it('gives a fee of safe integers, or FEE_TOO_LARGE, for whatever it accepts, at the longest stay', () => {
    fc.assert(
      fc.property(
        tariffs.filter((t) => t.unitMinutes >= 30),
        (t) => {
          expect(tariffSchema.safeParse(t).success).toBe(true);
          const r = computeFee(t, T0, T0 + MAX_STAY_SECONDS);
          if (r.ok) expect(Number.isSafeInteger(r.value.total)).toBe(true);
          else expect(r.code).toBe('FEE_TOO_LARGE');
        },
      ),
      { numRuns: 20, seed: 7 },
    );
  });
});
