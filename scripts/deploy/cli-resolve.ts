// Runs the official CloudBase CLI's config resolution (cli-resolve-child.cjs) in a child process:
// the CLI reads its `--mode` from process.argv and lets process.env override every .env file, so
// it gets an argv and an environment of its own (only PATH), and a working folder.
import { execFile } from 'node:child_process';
import path from 'node:path';

export interface HandlerProbe {
  name: string;
  dir: string;
  dirExists: boolean;
  file: string;
  fileExists: boolean;
  exportName: string;
  exportType?: string;
  loadError?: string;
}

export interface CliResolution {
  /** cloudbaserc.json after the CLI's {{env.X}} rendering, as `tcb fn deploy` sees it. */
  config: Record<string, unknown> & { functions?: Array<Record<string, unknown>> };
  handlers: HandlerProbe[];
}

const CHILD = path.join(__dirname, 'cli-resolve-child.cjs');

export function resolveWithCli(cwd: string, mode: string): Promise<CliResolution> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CHILD, '--mode', mode],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `the CloudBase CLI could not resolve cloudbaserc.json: ${stderr.trim() || error.message}`,
            ),
          );
          return;
        }
        try {
          resolve(JSON.parse(stdout) as CliResolution);
        } catch {
          reject(new Error(`unexpected output of the CLI resolver: ${stdout.slice(0, 200)}`));
        }
      },
    );
  });
}
