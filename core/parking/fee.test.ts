import fc from 'fast-check';
import { MAX_STAY_SECONDS, computeFee, type FeeQuote } from './fee';
import { type Tariff, tariffSchema } from './tariff';
import { DAY, HOUR, MIN, T0, TARIFF } from './test-fixtures';

/** T0 is 10:00 China time; `at(h, m)` is that clock time on 2025-01-01 (h may pass 24). */
const at = (h: number, m = 0, s = 0) => T0 - 10 * HOUR + h * HOUR + m * MIN + s;

function fee(tariff: Tariff, inTime: number, outTime: number): FeeQuote {
  const r = computeFee(tariff, inTime, outTime);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

const texts = (q: FeeQuote) => q.lines.map((l) => l.text);

describe('computeFee', () => {
  describe('free period', () => {
    it('charges nothing for a zero-length stay', () => {
      const q = fee(TARIFF, T0, T0);
      expect(q).toMatchObject({
        total: 0,
        withinFree: true,
        units: 0,
        capApplied: false,
        freeSecondsApplied: 0,
      });
      expect(texts(q)).toEqual(['停车 0 秒，15 分钟内免费', '合计 ¥0.00']);
      expect(texts(fee({ ...TARIFF, freeMinutes: 0 }, T0, T0))).toEqual([
        '停车时长为 0，不收费',
        '合计 ¥0.00',
      ]);
    });

    it('is free up to exactly the free minutes, charged from entry one second later', () => {
      expect(fee(TARIFF, T0, T0 + 15 * MIN)).toMatchObject({
        total: 0,
        withinFree: true,
        freeSecondsApplied: 900,
      });
      const q = fee(TARIFF, T0, T0 + 15 * MIN + 1);
      expect(q).toMatchObject({ total: 500, withinFree: false, units: 1, freeSecondsApplied: 0 });
      expect(texts(q)).toEqual([
        '超过免费 15 分钟，自入场起计费',
        '白天 08:00–20:00 1 小时 × ¥5.00 = ¥5.00',
        '合计 ¥5.00',
      ]);
    });

    it('with freeDeducted, always deducts the free minutes', () => {
      const t = { ...TARIFF, freeDeducted: true };
      expect(fee(t, T0, T0 + 15 * MIN).total).toBe(0);
      expect(fee(t, T0, T0 + 75 * MIN)).toMatchObject({
        total: 500,
        units: 1,
        freeSecondsApplied: 900,
      });
      expect(fee(t, T0, T0 + 75 * MIN + 1)).toMatchObject({ total: 1000, units: 2 });
      expect(texts(fee(t, T0, T0 + 75 * MIN))[0]).toBe('免费 15 分钟（已扣除）');
    });
  });

  describe('units', () => {
    it('counts a started unit whole, and an exact one once', () => {
      expect(fee(TARIFF, T0, T0 + 2 * HOUR)).toMatchObject({ total: 1000, units: 2 });
      expect(fee(TARIFF, T0, T0 + 2 * HOUR + 1)).toMatchObject({ total: 1500, units: 3 });
    });

    it('prints units of other lengths as a count times the unit', () => {
      const t = tariffSchema.parse({
        ...TARIFF,
        unitMinutes: 30,
        periods: [
          { name: '白天', start: '08:00', pricePerUnit: 250 },
          { name: '夜间', start: '20:00', pricePerUnit: 100 },
        ],
      });
      expect(texts(fee(t, T0, T0 + 2 * HOUR))).toContain(
        '白天 08:00–20:00 4 × 30 分钟 × ¥2.50 = ¥10.00',
      );
      const two = { ...TARIFF, unitMinutes: 120 };
      expect(texts(fee(two, T0, T0 + 3 * HOUR))).toContain(
        '白天 08:00–20:00 2 × 2 小时 × ¥5.00 = ¥10.00',
      );
    });
  });

  describe('day and night', () => {
    it('prices a unit by the period where it starts, exactly at the boundaries', () => {
      // 18:00, 19:00 day; 20:00 night
      const q = fee(TARIFF, at(18), at(21));
      expect(q.total).toBe(1200);
      expect(texts(q)).toEqual([
        '超过免费 15 分钟，自入场起计费',
        '白天 08:00–20:00 2 小时 × ¥5.00 = ¥10.00',
        '夜间 20:00–08:00 1 小时 × ¥2.00 = ¥2.00',
        '合计 ¥12.00',
      ]);
      // a unit starting one second before 20:00 is a day unit
      expect(fee(TARIFF, at(17, 59, 59), at(20, 59, 59)).total).toBe(1500);
      // night until 07:59:59, day from 08:00:00
      expect(fee(TARIFF, at(7, 59, 59), at(8, 59, 59)).total).toBe(200);
      expect(fee(TARIFF, at(8), at(9)).total).toBe(500);
    });

    it('crosses midnight within one 24 hours', () => {
      const q = fee(TARIFF, at(23), at(25));
      expect(q).toMatchObject({ total: 400, units: 2, capApplied: false });
      expect(q.windows).toHaveLength(1);
    });

    it('splits a night between two days and applies the cap', () => {
      // 19:00 day, 20:00–07:00 twelve night units, 08:00 day: 1000 + 2400 = 3400, capped at 3000
      const q = fee(TARIFF, at(19), at(33));
      expect(q).toMatchObject({ total: 3000, units: 14, capApplied: true });
      expect(q.windows[0]).toMatchObject({ subtotal: 3400, charged: 3000, capped: true });
      expect(texts(q)).toEqual([
        '超过免费 15 分钟，自入场起计费',
        '白天 08:00–20:00 2 小时 × ¥5.00 = ¥10.00',
        '夜间 20:00–08:00 12 小时 × ¥2.00 = ¥24.00',
        '24 小时封顶 ¥30.00（按价 ¥34.00）',
        '合计 ¥30.00',
      ]);
      expect(q.lines.find((l) => l.kind === 'cap')?.amount).toBe(-400);
    });
  });

  describe('cap per rolling 24 hours from entry', () => {
    it('caps once for 23 hours across midnight (not per calendar day)', () => {
      expect(fee(TARIFF, at(23), at(46)).total).toBe(3000);
    });

    it('caps each 24 hours of a multi-day stay and reads as one line for whole capped days', () => {
      const q = fee(TARIFF, T0, T0 + 3 * DAY + 2 * HOUR);
      expect(q.windows.map((w) => [w.subtotal, w.charged])).toEqual([
        [8400, 3000],
        [8400, 3000],
        [8400, 3000],
        [1000, 1000],
      ]);
      expect(q.total).toBe(10_000);
      expect(texts(q)).toEqual([
        '超过免费 15 分钟，自入场起计费',
        '第 1–3 个 24 小时（01-01 10:00 起）：每 24 小时封顶 ¥30.00 × 3 = ¥90.00',
        '第 4 个 24 小时（01-04 10:00 起）：¥10.00',
        '白天 08:00–20:00 2 小时 × ¥5.00 = ¥10.00',
        '合计 ¥100.00',
      ]);
    });

    it('starts a new 24 hours exactly 24 hours after entry', () => {
      const q = fee({ ...TARIFF, capPer24h: null }, T0, T0 + DAY + 1);
      expect(q.windows.map((w) => w.index)).toEqual([0, 1]);
      expect(q.windows[1]).toMatchObject({ from: T0 + DAY, subtotal: 500 });
      expect(q.total).toBe(8400 + 500);
    });

    it('does not cap without a cap', () => {
      expect(fee({ ...TARIFF, capPer24h: null }, at(19), at(33))).toMatchObject({
        total: 3400,
        capApplied: false,
      });
    });
  });

  describe('refusals', () => {
    it('refuses an exit before the entry', () => {
      expect(computeFee(TARIFF, T0, T0 - 1)).toMatchObject({ ok: false, code: 'TIME_ORDER' });
    });
    it('refuses fractions of seconds', () => {
      expect(computeFee(TARIFF, T0, T0 + 0.5)).toMatchObject({ ok: false, code: 'TIME_INVALID' });
    });
    it('refuses a stay too long to bill (a stale session)', () => {
      expect(computeFee(TARIFF, T0, T0 + MAX_STAY_SECONDS + 1)).toMatchObject({
        ok: false,
        code: 'STAY_TOO_LONG',
      });
      expect(computeFee(TARIFF, T0, T0 + MAX_STAY_SECONDS).ok).toBe(true);
    });
  });

  describe('properties', () => {
    const tariffs = fc.record({
      freeMinutes: fc.integer({ min: 0, max: 120 }),
      freeDeducted: fc.boolean(),
      unitMinutes: fc.constantFrom(1, 15, 30, 45, 60, 90, 1440),
      day: fc.integer({ min: 0, max: 2000 }),
      night: fc.integer({ min: 0, max: 2000 }),
      dayStart: fc.integer({ min: 0, max: 719 }),
      nightStart: fc.integer({ min: 720, max: 1439 }),
      cap: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: null }),
    });
    const clock = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const toTariff = (t: {
      freeMinutes: number;
      freeDeducted: boolean;
      unitMinutes: number;
      day: number;
      night: number;
      dayStart: number;
      nightStart: number;
      cap: number | null;
    }): Tariff =>
      tariffSchema.parse({
        id: 'P',
        name: 'p',
        freeMinutes: t.freeMinutes,
        freeDeducted: t.freeDeducted,
        unitMinutes: t.unitMinutes,
        periods: [
          { name: '白天', start: clock(t.dayStart), pricePerUnit: t.day },
          { name: '夜间', start: clock(t.nightStart), pricePerUnit: t.night },
        ],
        capPer24h: t.cap,
      });

    it('is a non-negative integer, never decreasing with time, capped per 24 hours, and adds up', () => {
      fc.assert(
        fc.property(
          tariffs,
          fc.integer({ min: T0 - DAY, max: T0 + DAY }),
          fc.integer({ min: 0, max: 3 * DAY }),
          fc.integer({ min: 0, max: 6 * HOUR }),
          (raw, inTime, stay, more) => {
            const t = toTariff(raw);
            const a = fee(t, inTime, inTime + stay);
            const b = fee(t, inTime, inTime + stay + more);
            expect(Number.isSafeInteger(a.total) && a.total >= 0).toBe(true);
            expect(b.total).toBeGreaterThanOrEqual(a.total);
            expect(a.total).toBe(a.windows.reduce((s, w) => s + w.charged, 0));
            expect(a.lines[a.lines.length - 1]).toEqual({
              kind: 'total',
              text: expect.any(String),
              amount: a.total,
            });
            for (const w of a.windows) {
              expect(w.subtotal).toBe(w.periods.reduce((s, p) => s + p.amount, 0));
              if (t.capPer24h !== null) expect(w.charged).toBeLessThanOrEqual(t.capPer24h);
            }
            if (stay <= t.freeMinutes * 60) expect(a.total).toBe(0);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
