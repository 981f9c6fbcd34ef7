import { fork } from 'node:child_process';
import path from 'node:path';
import type { LoadJob, LoadResult } from './load-client';

export type { LoadJob, LoadResult };

/** Runs a load job in a fresh child process (TypeScript through tsx) and returns its result. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'load-client.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.once('message', (message: { result?: LoadResult; error?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`load client: ${message.error ?? 'no result'}`));
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load client exited with code ${code}`));
    });
    child.send(job);
  });
}
