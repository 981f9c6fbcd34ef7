// `npm run bench` (tsx bench/main.ts): the growth table (growth.ts: 1k, 10k, 100k sessions; 1M
// with --scale), then the measurements of run-bench.ts. `--growth-only` skips the latter.
// `--throughput-only`: only /notify against the empty function (throughput-only.ts).
// Progress on stderr, the tables on stdout.
import os from 'node:os';
import { formatGrowth, runGrowth } from './growth';
import { machineInfo } from './machine';
import { DEFAULT_SIZES, runBench } from './run-bench';
import { formatReport } from './report';
import { formatThroughputOnly, parseThroughputArgs, runThroughputOnly } from './throughput-only';

const started = Date.now();
const progress = (line: string) =>
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
const args = process.argv.slice(2);
const sizeArg = args.find((a) => a.startsWith('--sizes='));
const sizes = sizeArg
  ? sizeArg.slice('--sizes='.length).split(',').map(Number)
  : [1000, 10_000, 100_000, ...(args.includes('--scale') ? [1_000_000] : [])];

async function run(): Promise<void> {
  if (args.includes('--throughput-only')) {
    const report = await runThroughputOnly(parseThroughputArgs(args), progress);
    process.stdout.write(`${formatThroughputOnly(report)}\n`);
    return;
  }
  const load = () => os.loadavg()[0]!.toFixed(2);
  const loadBefore = load();
  const rows = await runGrowth({ sizes, samples: 100, progress });
  const m = machineInfo();
  process.stdout.write(
    `${formatGrowth(rows)}\n\nmachine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}; load average (1 min) ${loadBefore} before, ${load()} after\n\n`,
  );
  if (args.includes('--growth-only')) return;
  const report = await runBench(DEFAULT_SIZES, progress);
  process.stdout.write(`${formatReport(report)}\n`);
}

run()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
