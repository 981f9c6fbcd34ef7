// miniprogram-ci's getCompiledResult, offline, on the upload package: it validates app.json and
// page json (a missing page is error 10005) and compiles the JavaScript as an upload would.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lineOfJsonPath, parseJsonPath } from './json-lines';
import type { CompileProblem } from './problems';

export const CI_TIMEOUT_MS = 300_000;

type ChildAnswer =
  { ok: true; files: number } | { ok: false; code?: string; path?: string; message: string };

/** One problem from what miniprogram-ci threw, located in the file people edit where known. */
export function ciProblem(
  answer: { code?: string; path?: string; message: string },
  packageDir: string,
  sources: Map<string, string>,
): CompileProblem {
  const lines = answer.message.split('\n').map((l) => l.trim());
  const named = answer.path ?? lines.find((l) => /^file:\s/i.test(l))?.replace(/^file:\s*/i, '');
  const rel = named?.replace(/^\/+/, '').replace(/^miniprogram\//, '');
  const built = rel ? path.join(packageDir, rel) : packageDir;
  const file = (rel && sources.get(rel)) ?? built;
  const text = lines.find((l) => l !== '' && !/^file:\s/i.test(l)) ?? answer.message;
  // "miniprogram/app.json: [...] could not ..." and "/abs/x.js: Unexpected token (2:8)".
  const message = text.replace(/^\S+\.(?:json|js|wxml|wxss|wxs):\s*/, '');
  const problem: CompileProblem = {
    tool: 'miniprogram-ci',
    file,
    message: answer.code ? `${message} [${answer.code}]` : message,
  };
  const place = /^(\[[^\s]+\])\s/.exec(message)?.[1];
  if (place && fs.existsSync(built)) {
    problem.line = lineOfJsonPath(fs.readFileSync(built, 'utf8'), parseJsonPath(place));
  } else {
    const at = /\((\d+):(\d+)\)/.exec(text);
    if (at) {
      problem.line = Number(at[1]);
      problem.column = Number(at[2]);
    }
  }
  return problem;
}

/** Compiles the project in outDir (project.config.json + miniprogram/) as an upload would. */
export async function compileWithMiniprogramCi(
  outDir: string,
  sources: Map<string, string>,
  timeoutMs = CI_TIMEOUT_MS,
): Promise<CompileProblem[]> {
  const packageDir = path.join(outDir, 'miniprogram');
  const child = fork(path.join(__dirname, 'wechat-ci-child.cjs'), [outDir], {
    // Its progress lines and the logged failed whitelist look-up are noise here.
    silent: true,
    detached: true,
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const answer = await new Promise<ChildAnswer>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`miniprogram-ci did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as ChildAnswer);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`miniprogram-ci exited without answering (${signal ?? `exit ${code}`})`));
    });
  }).finally(() => {
    // The child and whatever it forked: a process group of its own (detached).
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return answer.ok ? [] : [ciProblem(answer, packageDir, sources)];
}
