// `npm run bench` (tsx bench/main.ts): see run-bench.ts. Progress on stderr, the table on stdout.
import { DEFAULT_SIZES, runBench } from './run-bench';
import { formatReport } from './report';

const started = Date.now();
const progress = (line: string) =>
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);

runBench(DEFAULT_SIZES, progress)
  .then((report) => {
    process.stdout.write(`${formatReport(report)}\n`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
