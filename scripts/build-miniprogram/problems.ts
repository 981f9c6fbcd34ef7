// A build that WeChat would refuse stops with every problem found, each naming file and line.
import path from 'node:path';

export interface CompileProblem {
  /** Who found it: WeChat's template or style compiler, miniprogram-ci, or the build itself. */
  tool: 'wcc' | 'wcsc' | 'miniprogram-ci' | 'build';
  /** Absolute path: the source when the packaged file is a copy of it, else the built file. */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** `file:line:column: message (tool)`, the file relative to `from`, as editors link it. */
export function formatProblem(p: CompileProblem, from = process.cwd()): string {
  const where = [path.relative(from, p.file) || p.file, p.line, p.line && p.column]
    .filter((x) => x !== undefined && x !== 0)
    .join(':');
  return `${where}: ${p.message} (${p.tool})`;
}

export class CompileRefusedError extends Error {
  constructor(readonly problems: CompileProblem[]) {
    super(
      `the mini-program does not compile:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'CompileRefusedError';
  }
}
