import type { Logger, LogDetails } from '../allinpay-client';

/**
 * One JSON line per event on the console (CloudBase keeps function output as its log). Details
 * are ids, states and codes: never a key, a signing string or payment parameters.
 */
export function consoleLogger(debug = false): Required<Logger> {
  const line =
    (level: string, write: (text: string) => void) => (message: string, details: LogDetails) =>
      write(JSON.stringify({ level, message, ...details }));
  return {
    debug: debug ? line('debug', console.log) : () => undefined,
    info: line('info', console.log),
    warn: line('warn', console.warn),
    error: line('error', console.error),
  };
}

export const silentLogger: Required<Logger> = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
