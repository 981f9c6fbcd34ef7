import { type Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_USAGE } from './exit-codes';
import type { CliIo } from './io';
import { UsageError } from './usage-error';

/**
 * Runs a commander program built by `build` (whose actions report their status through
 * `setExit`) on the arguments after the command name; resolves with the exit status. No
 * arguments print the help and `example`; a UsageError or a parse error is status 2.
 */
export async function runProgram(
  build: (io: CliIo, setExit: (code: number) => void) => Command,
  argv: readonly string[],
  io: CliIo,
  example: string,
): Promise<number> {
  let exitCode = EXIT_USAGE;
  const program = build(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    io.err(program.helpInformation());
    io.err(`\nerror: give a command, e.g. ${example}\n`);
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CommanderError) {
      // Help and version are successes; any other parse error is a usage error (already printed).
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? EXIT_OK
        : EXIT_USAGE;
    }
    throw error;
  }
}
