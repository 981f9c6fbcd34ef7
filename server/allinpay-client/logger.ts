import { maskKey } from '../../core/allinpay/sign';

export type LogDetails = Record<string, unknown>;
export type LogMethod = (message: string, details: LogDetails) => void;

/** Any subset of the usual levels; `console` fits. */
export interface Logger {
  debug?: LogMethod;
  info?: LogMethod;
  warn?: LogMethod;
  error?: LogMethod;
}

export type RequiredLogger = Required<Logger>;

/** Masks every secret inside a string. */
export function redactText(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => maskKey(out, secret), text);
}

/** Masks every secret inside every string of a value (objects and arrays, a few levels deep). */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, redactValue(v, secrets, depth + 1)]),
  );
}

/**
 * Wraps the caller's logger so that no secret can reach it, whatever a detail holds: a second
 * line of defence behind never logging the key or the signing string in the first place.
 */
export function safeLogger(logger: Logger | undefined, secrets: readonly string[]): RequiredLogger {
  const level =
    (name: keyof Logger): LogMethod =>
    (message, details) => {
      const method = logger?.[name];
      if (!method) return;
      method.call(
        logger,
        redactText(message, secrets),
        redactValue(details, secrets, 0) as LogDetails,
      );
    };
  return { debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}
