// The throughput-only bench at a tiny size: structure, never a timing.
import { formatThroughputOnly, parseThroughputArgs, runThroughputOnly } from './throughput-only';

jest.setTimeout(120_000);

it('reads its options, with defaults and bounds', () => {
  expect(parseThroughputArgs(['--throughput-only', '--rounds=2'])).toMatchObject({
    rounds: 2,
    requests: 300,
    concurrency: 4,
  });
  expect(() => parseThroughputArgs(['--rounds=0'])).toThrow();
});

it('times /notify and the empty function alternately, on provisioned instances', async () => {
  const report = await runThroughputOnly({ rounds: 2, requests: 10, concurrency: 2, journeys: 1 });
  expect(report.targets.map((t) => [t.name, t.perSecond.length])).toEqual([
    ['notify', 2],
    ['empty', 2],
  ]);
  expect(report.ratioToEmpty).toBeGreaterThan(0);
  expect(formatThroughputOnly(report)).toContain('notify / empty');
});
