import type { z } from 'zod';

/**
 * The result of a pure domain operation: a value, or a refusal with a stable UPPER_SNAKE `code`
 * for programs and a Chinese `message` fit to show (the same shape as the API's errors, so a
 * route can pass a refusal through unchanged).
 */
export type DomainResult<T> = { ok: true; value: T } | DomainRefusal;

export interface DomainRefusal {
  ok: false;
  code: string;
  message: string;
  /** For invalid input: the fields at fault and why. */
  issues?: FieldIssue[];
}

export interface FieldIssue {
  /** Dotted path of the field, e.g. `periods.1.start`. */
  field: string;
  message: string;
}

export function succeed<T>(value: T): DomainResult<T> {
  return { ok: true, value };
}

export function refuse(code: string, message: string, issues?: FieldIssue[]): DomainRefusal {
  return issues ? { ok: false, code, message, issues } : { ok: false, code, message };
}

/** Field issues of a zod error, named by path, for a refusal that says which field is wrong. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Parses `input` with `schema`; a failure becomes INVALID_INPUT naming every bad field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): DomainResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return succeed(parsed.data);
  const issues = fieldIssues(parsed.error);
  const named = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return refuse('INVALID_INPUT', `${what}有误（${named}）`, issues);
}
