import { processIo } from './io';
import { runCli } from './program';

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `allinpay: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
