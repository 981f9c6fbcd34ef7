import { randomInt } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { EXIT_INVALID, EXIT_OK } from '../cli/exit-codes';
import { runProgram } from '../cli/run-program';
import type { CliIo } from '../cli/io';
import { UsageError } from '../cli/usage-error';
import {
  type CameraTarget,
  type PushResult,
  loadQueue,
  pushHeartbeat,
  readPlate,
  replayQueue,
} from './camera';
import { type CameraAction, NO_PLATE } from './device';

/**
 * `parking-camera`: a plate camera on the command line, speaking the camera's side of the push
 * protocol to a `/camera/<token>` URL (ours, or any receiver of the same protocol). Exit status:
 * 0 the barrier went up (or, for replay, the queue is empty), 1 it stayed down or the push was not
 * delivered, 2 the command line was wrong.
 */

const whole = (name: string, min: number, max: number) => (value: string) => {
  if (!/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InvalidArgumentError(`give ${name} as a whole number from ${min} to ${max}`);
  }
  return Number(value);
};

interface TargetOptions {
  url?: string;
  serialno?: string;
}

function targetOf(options: TargetOptions, env: CliIo['env']): CameraTarget {
  const url = options.url ?? env.PARKING_CAMERA_URL;
  const serialno = options.serialno ?? env.PARKING_CAMERA_SERIALNO;
  if (!url) {
    throw new UsageError(
      'give the push URL with --url https://<host>/camera/<token> (or set PARKING_CAMERA_URL)',
    );
  }
  if (!/^https?:\/\//.test(url)) throw new UsageError(`--url must be an http(s) URL: ${url}`);
  if (!serialno) {
    throw new UsageError(
      'give the serial number the camera was registered with: --serialno <sn> (or set PARKING_CAMERA_SERIALNO)',
    );
  }
  return { url, serialno };
}

/** What the lane does, in the words a lot's staff would use. */
export function describeAction(action: CameraAction): string {
  const lines = [action.opened ? '抬杆 (info: ok)' : '未抬杆'];
  if (action.led.length > 0) lines.push(`LED: ${action.led.join(' / ')}`);
  if (action.voice) lines.push(`语音: ${action.voice}`);
  if (action.continueOffline !== undefined) {
    lines.push(`ContinuePushOffline: plateid ${action.continueOffline}`);
  }
  if (action.error) lines.push(`error: ${action.error.code} ${action.error.message}`);
  return lines.join('\n') + '\n';
}

function describePush(result: PushResult & { queued?: boolean }): string {
  if (result.delivered) return describeAction(result.action);
  return result.queued
    ? `未送达 (${result.reason})：已存入离线队列，网络恢复后用 replay 补传\n`
    : `未送达 (${result.reason})\n`;
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('parking-camera')
    .description('A plate-recognition camera (IVS AlarmInfoPlate HTTP push) on the command line.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run "parking-camera <command> --help" for usage)')
    .helpCommand(false);

  const withTarget = (command: Command) =>
    command
      .option('--url <url>', 'the push URL, https://<host>/camera/<token> (or PARKING_CAMERA_URL)')
      .option('--serialno <sn>', 'the device serial number (or PARKING_CAMERA_SERIALNO)');

  withTarget(program.command('read'))
    .description('push a plate read; prints whether the barrier went up and what the LED shows')
    .argument('[plate]', 'the plate read, e.g. 粤B12345')
    .option('--no-plate', 'nothing readable (a car without a plate): license _无_')
    .option('--confidence <n>', 'read confidence, 1–100', whole('--confidence', 1, 100), 96)
    .option('--plateid <n>', "the camera's id of this read", whole('--plateid', 1, 2 ** 31 - 1))
    .option(
      '--at <unix>',
      'time of the read, unix seconds (default: now)',
      whole('--at', 1, 2 ** 32),
    )
    .option('--queue <file>', 'keep the read in this offline queue when it cannot be delivered')
    .action(
      async (
        plate: string | undefined,
        options: TargetOptions & {
          plate: boolean;
          confidence: number;
          plateid?: number;
          at?: number;
          queue?: string;
        },
      ) => {
        const target = targetOf(options, io.env);
        if (options.plate === false && plate !== undefined) {
          throw new UsageError('give a plate or --no-plate, not both');
        }
        if (options.plate !== false && (plate === undefined || plate.trim() === '')) {
          throw new UsageError('give the plate read (parking-camera read 粤B12345) or --no-plate');
        }
        if (plate !== undefined && plate.length > 16) {
          throw new UsageError('a plate is at most 16 characters');
        }
        const result = await readPlate(
          target,
          {
            serialno: target.serialno,
            license: options.plate === false ? NO_PLATE : plate!.trim(),
            confidence: options.plate === false ? 0 : options.confidence,
            plateid: options.plateid ?? randomInt(1, 2 ** 31 - 1),
            sec: options.at ?? Math.floor(Date.now() / 1000),
          },
          options.queue,
        );
        io.out(describePush(result));
        setExit(result.delivered && result.action.opened ? EXIT_OK : EXIT_INVALID);
      },
    );

  withTarget(program.command('heartbeat'))
    .description('send the comet heartbeat; prints what the reply commands')
    .option('--until-open', 'keep sending heartbeats until the barrier goes up')
    .option('--interval <ms>', 'between heartbeats', whole('--interval', 100, 60_000), 3000)
    .option('--timeout <ms>', 'give up after', whole('--timeout', 100, 3_600_000), 600_000)
    .action(
      async (
        options: TargetOptions & { untilOpen?: boolean; interval: number; timeout: number },
      ) => {
        const target = targetOf(options, io.env);
        const until = Date.now() + options.timeout;
        for (;;) {
          const result = await pushHeartbeat(target);
          const opened = result.delivered && result.action.opened;
          if (!options.untilOpen || opened || Date.now() + options.interval > until) {
            io.out(describePush(result));
            if (options.untilOpen && !opened) io.out(`${options.timeout} ms 内未抬杆\n`);
            setExit(opened ? EXIT_OK : EXIT_INVALID);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, options.interval));
        }
      },
    );

  withTarget(program.command('replay'))
    .description('send the offline queue, oldest first, until the server stops acknowledging')
    .requiredOption('--queue <file>', 'the offline queue file written by read --queue')
    .action(async (options: TargetOptions & { queue: string }) => {
      const target = targetOf(options, io.env);
      const waiting = loadQueue(options.queue).length;
      if (waiting === 0) {
        io.out('离线队列为空\n');
        setExit(EXIT_OK);
        return;
      }
      io.out(`补传 ${waiting} 条离线记录\n`);
      const report = await replayQueue(target, options.queue, (read, result) => {
        const outcome = result.delivered
          ? result.action.continueOffline === read.plateid
            ? '已确认'
            : '未确认'
          : `未送达 (${result.reason})`;
        io.out(`  plateid ${read.plateid} ${read.license} @${read.sec}: ${outcome}\n`);
      });
      io.out(`已确认 ${report.acknowledged}，剩余 ${report.left}\n`);
      if (report.stopped) io.out(`停止：${report.stopped}\n`);
      setExit(report.left === 0 ? EXIT_OK : EXIT_INVALID);
    });

  return program;
}

/** Runs `parking-camera` with the arguments after the command name; resolves with the exit status. */
export function runCameraCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(buildProgram, argv, io, 'parking-camera read 粤B12345 --url … --serialno …');
}
