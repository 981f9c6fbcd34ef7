// `npm run chaos [-- --journeys N --concurrency C --seed S --reconcile-ms M]`: see README.md.
import { Command, InvalidArgumentError } from 'commander';
import { badCounts } from './audit';
import { formatReport } from './report';
import { DEFAULT_OPTIONS, runChaos } from './run-chaos';

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
};

const options = new Command('chaos')
  .description('journeys of every kind against the local stack under platform faults')
  .option('--journeys <n>', 'journeys to run', positive, DEFAULT_OPTIONS.journeys)
  .option('--concurrency <n>', 'journeys in flight at once', positive, DEFAULT_OPTIONS.concurrency)
  .option('--seed <n>', 'fault seed', positive, DEFAULT_OPTIONS.seed)
  .option(
    '--reconcile-ms <n>',
    'reconcile period (the stuck threshold)',
    positive,
    DEFAULT_OPTIONS.reconcileMs,
  )
  .parse()
  .opts<{ journeys: number; concurrency: number; seed: number; reconcileMs: number }>();

const started = Date.now();
const progress = (line: string) =>
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

runChaos(options, progress)
  .then((report) => {
    process.stdout.write(`${formatReport(report)}\n`);
    const failed = badCounts(report).length > 0 || report.completed < report.journeys;
    process.exit(failed ? 1 : 0);
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `chaos run failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(2);
  });
