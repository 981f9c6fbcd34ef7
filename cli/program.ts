import { Command, InvalidArgumentError } from 'commander';
import { runCall } from './commands/call';
import { parseEndpoint } from './commands/call';
import { formatDerivedPlate, formatPlateReport } from './commands/plate';
import { formatSign } from './commands/sign';
import { formatVerification, parseBody } from './commands/verify';
import { EXIT_INVALID, EXIT_OK } from './exit-codes';
import { runProgram } from './run-program';
import { parseFieldArgs } from './fields';
import type { CliIo } from './io';
import { resolveKey, type KeyOptions } from './key-option';
import { UsageError } from './usage-error';

function milliseconds(value: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) {
    throw new InvalidArgumentError('give whole milliseconds from 1 to 600000, e.g. 5000');
  }
  const ms = Number(value);
  if (ms > 600_000) throw new InvalidArgumentError('give at most 600000 milliseconds');
  return ms;
}

const KEY_HELP = 'the MD5 key: 32 lowercase hex characters (or set ALLINPAY_KEY)';
const PASSWORD_HELP = 'the platform password; the key is its MD5 (or set ALLINPAY_PASSWORD)';

/** Builds the command tree; each action reports its exit status through `setExit`. */
function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('allinpay')
    .description('Debug the Allinpay order platform protocol: signatures, plates, calls.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run "allinpay <command> --help" for usage)')
    .helpCommand(false);

  program
    .command('sign')
    .description('print the signing string (key masked) and the sign of name=value fields')
    .option('--key <key>', KEY_HELP)
    .option('--password <password>', PASSWORD_HELP)
    .argument('<fields...>', 'fields as name=value, e.g. appid=00000000 reqsn=1450432107647')
    .action((args: string[], options: KeyOptions) => {
      const key = resolveKey(options, io.env);
      io.out(formatSign(parseFieldArgs(args), key.key, key.secrets));
      setExit(EXIT_OK);
    });

  program
    .command('verify')
    .description('check the sign of a form-encoded or JSON body read from stdin')
    .option('--key <key>', KEY_HELP)
    .option('--password <password>', PASSWORD_HELP)
    .action(async (options: KeyOptions) => {
      const key = resolveKey(options, io.env);
      if (io.stdinIsTTY) {
        throw new UsageError(
          'pipe the body into stdin, e.g. allinpay verify --key K < notification.txt',
        );
      }
      const { entries } = parseBody(await io.readStdin());
      const report = formatVerification(entries, key.key, key.secrets);
      io.out(report.text);
      setExit(report.valid ? EXIT_OK : EXIT_INVALID);
    });

  program
    .command('plate')
    .description('check a plate (validity, kind, LPR, LPRpro), or derive one from an openid')
    .argument('[plate]', 'a plate such as 粤BD12345')
    .option('--openid <openid>', 'derive the plate of a car without one (protocol note 15)')
    .option('--province <chars>', 'with --openid: one or two Chinese characters put in front')
    .action((plate: string | undefined, options: { openid?: string; province?: string }) => {
      if (options.openid !== undefined) {
        if (plate !== undefined) {
          throw new UsageError('give either a plate or --openid, not both');
        }
        io.out(formatDerivedPlate(options.openid, options.province));
        setExit(EXIT_OK);
        return;
      }
      if (plate === undefined) {
        throw new UsageError('give a plate (allinpay plate 粤BD12345) or --openid <openid>');
      }
      if (options.province !== undefined) {
        throw new UsageError('--province goes with --openid only; a plate carries its province');
      }
      const report = formatPlateReport(plate);
      io.out(report.text);
      setExit(report.valid ? EXIT_OK : EXIT_INVALID);
    });

  program
    .command('call')
    .description('send a signed request and print the verified answer as JSON')
    .argument('<endpoint>', 'pay, prepay, finish, cancel or query')
    .argument('[fields...]', 'request fields as name=value (cusid and randomstr are filled in)')
    .requiredOption('--base-url <url>', 'the platform, e.g. http://127.0.0.1:8801')
    .requiredOption('--cusid <cusid>', 'the merchant number (通联商户号)')
    .requiredOption('--appid <appid>', 'the app id the answers must carry')
    .option('--key <key>', KEY_HELP)
    .option('--password <password>', PASSWORD_HELP)
    .option('--notify-url <url>', 'notify_url for pay and prepay, unless given as a field')
    .option('--connect-timeout <ms>', 'connect timeout in milliseconds', milliseconds, 5000)
    .option('--timeout <ms>', 'response timeout in milliseconds', milliseconds, 10000)
    .action(
      async (
        endpointName: string,
        args: string[],
        options: KeyOptions & {
          baseUrl: string;
          cusid: string;
          appid: string;
          notifyUrl?: string;
          connectTimeout: number;
          timeout: number;
        },
      ) => {
        const endpoint = parseEndpoint(endpointName);
        const fields = parseFieldArgs(args);
        const key = resolveKey(options, io.env);
        const outcome = await runCall(
          endpoint,
          fields,
          {
            baseUrl: options.baseUrl,
            cusid: options.cusid,
            appid: options.appid,
            notifyUrl: options.notifyUrl,
            connectTimeoutMs: options.connectTimeout,
            timeoutMs: options.timeout,
          },
          key,
        );
        if (outcome.stdout) io.out(outcome.stdout);
        if (outcome.stderr) io.err(outcome.stderr);
        setExit(outcome.exitCode);
      },
    );

  return program;
}

/** Runs `allinpay` with the arguments after the command name; resolves with the exit status. */
export function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(buildProgram, argv, io, 'allinpay sign --key K appid=00000000');
}
