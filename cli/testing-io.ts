import type { CliIo } from './io';

/** An in-memory CliIo for tests: collects what is written, serves a fixed stdin. */
export interface MemoryIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

export function memoryIo(
  options: { stdin?: string; tty?: boolean; env?: Record<string, string> } = {},
): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    readStdin: async () => options.stdin ?? '',
    stdinIsTTY: options.tty ?? false,
    env: options.env ?? {},
  };
}
