import { nextAttemptAt, RETRY_DELAYS_MS } from './retry-schedule';

describe('retry schedule', () => {
  it('resends 5 then 10 minutes after the previous attempt, then stops', () => {
    expect(RETRY_DELAYS_MS).toEqual([300_000, 600_000]);
    expect(nextAttemptAt(1000, 1, 1)).toBe(301_000);
    expect(nextAttemptAt(301_000, 2, 1)).toBe(901_000);
    expect(nextAttemptAt(901_000, 3, 1)).toBeNull();
  });

  it('scales the delays', () => {
    expect(nextAttemptAt(0, 1, 6000)).toBe(50);
    expect(nextAttemptAt(0, 2, 6000)).toBe(100);
    expect(() => nextAttemptAt(0, 1, 0)).toThrow(RangeError);
  });
});
