// Smoke test of the growth table: two tiny sizes against the real local stack, checking the
// rows' structure and that the seeded sessions were there to be counted (never a timing).
import { formatGrowth, runGrowth } from './growth';

jest.setTimeout(240_000);

it('measures every hot path at each size, after a restart on the seeded data', async () => {
  const rows = await runGrowth({ sizes: [20, 60], samples: 3, cars: 2, progress: () => {} });
  expect(rows.map((r) => r.sessions)).toEqual([20, 60]);
  for (const row of rows) {
    for (const key of ['quote', 'notify', 'gate', 'reconcile', 'dashboard'] as const) {
      expect(row[key].p50).toBeGreaterThan(0);
      expect(row[key].p99).toBeGreaterThanOrEqual(row[key].p50);
    }
    expect(row.startMs).toBeGreaterThan(0);
    expect(row.rssMb).toBeGreaterThan(0);
  }
  const text = formatGrowth(rows);
  expect(text).toContain('| 60 |');
  expect(text).toMatch(/p99 growth 20 → 60: quote [\d.]+×/);
});
