import {
  effectiveFaults,
  emptyFaultConfig,
  FAULT_DEFAULTS,
  faultConfigSchema,
  faultHits,
  mergeFaults,
  replaceFaults,
  takeQuery2000,
} from './fault-policy';

describe('fault policy', () => {
  it('a merchant setting overrides the global one field by field', () => {
    const config = mergeFaults(emptyFaultConfig(3), {
      global: { drop: 0.5, delayMs: 10 },
      merchants: { A: { drop: 0 } },
    });
    expect(effectiveFaults(config, 'A')).toMatchObject({
      drop: 0,
      delayMs: 10,
      timeoutMs: FAULT_DEFAULTS.timeoutMs,
    });
    expect(effectiveFaults(config, 'B')).toMatchObject({ drop: 0.5 });
    expect(effectiveFaults(config, undefined).http5xxStatus).toBe(503);
  });

  it('merge keeps what it is not given; replace clears it but keeps the seed unless given', () => {
    const a = mergeFaults(emptyFaultConfig(3), {
      global: { drop: 0.5 },
      merchants: { A: { duplicate: 0.1 } },
    });
    const b = mergeFaults(a, { global: { delay: 0.2 }, merchants: { A: { alterFee: 0.3 } } });
    expect(b).toEqual({
      seed: 3,
      global: { drop: 0.5, delay: 0.2 },
      merchants: { A: { duplicate: 0.1, alterFee: 0.3 } },
    });
    expect(replaceFaults(b, { global: { http5xx: 1 } })).toEqual({
      seed: 3,
      global: { http5xx: 1 },
      merchants: {},
    });
    expect(replaceFaults(b, { seed: 9 }).seed).toBe(9);
  });

  it('rates 0 and 1 are never and always; in between a keyed draw decides', () => {
    const config = mergeFaults(emptyFaultConfig(1), {
      global: { drop: 1, duplicate: 0, delay: 0.5 },
    });
    expect(faultHits(config, 'drop', 'A', 'k')).toBe(true);
    expect(faultHits(config, 'duplicate', 'A', 'k')).toBe(false);
    expect(faultHits(config, 'http5xx', 'A', 'k')).toBe(false);
    const draws = Array.from({ length: 2000 }, (_, i) =>
      faultHits(config, 'delay', 'A', String(i)),
    );
    expect(draws).toEqual(
      Array.from({ length: 2000 }, (_, i) => faultHits(config, 'delay', 'A', String(i))),
    );
    const hits = draws.filter(Boolean).length;
    expect(hits).toBeGreaterThan(900);
    expect(hits).toBeLessThan(1100);
    // The same key under another merchant is another event.
    const other = Array.from({ length: 2000 }, (_, i) =>
      faultHits(config, 'delay', 'B', String(i)),
    );
    expect(other).not.toEqual(draws);
  });

  it('query2000 counts down the merchant counter, else the global one', () => {
    let config = mergeFaults(emptyFaultConfig(), {
      global: { query2000: 1 },
      merchants: { A: { query2000: 2 } },
    });
    const take = (cusid: string) => {
      const next = takeQuery2000(config, cusid);
      if (next) config = next;
      return next !== undefined;
    };
    expect([take('A'), take('A'), take('A')]).toEqual([true, true, false]);
    expect([take('B'), take('B')]).toEqual([true, false]);
    expect(config.merchants.A?.query2000).toBe(0);
    expect(config.global.query2000).toBe(0);
  });

  it('the schema refuses rates outside 0..1, unknown kinds and fractional counts', () => {
    expect(faultConfigSchema.safeParse({ global: { drop: 1.01 } }).success).toBe(false);
    expect(faultConfigSchema.safeParse({ global: { explode: 1 } }).success).toBe(false);
    expect(faultConfigSchema.safeParse({ global: { query2000: 1.5 } }).success).toBe(false);
    expect(faultConfigSchema.safeParse({ global: { http5xxStatus: 404 } }).success).toBe(false);
    expect(faultConfigSchema.safeParse({ seed: 1, merchants: { A: { drop: 0.2 } } }).success).toBe(
      true,
    );
  });
});
