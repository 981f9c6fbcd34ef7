import type { z } from 'zod';

export interface FieldIssue {
  /** The protocol field, e.g. `parkingNo` ('' when the issue is about the whole request). */
  field: string;
  /** The rule it broke, in words, e.g. `must be at most 32 characters`. */
  rule: string;
}

/** A request or message that breaks the protocol's limits; thrown before any network call. */
export class ProtocolValidationError extends Error {
  readonly code = 'INVALID_FIELD';
  constructor(
    readonly what: string,
    readonly issues: FieldIssue[],
  ) {
    super(`${what}: ${issues.map((i) => (i.field ? `${i.field} ${i.rule}` : i.rule)).join('; ')}`);
    this.name = 'ProtocolValidationError';
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `input` is what was parsed: a field absent from it is reported as required, whatever its schema. */
export function toFieldIssues(error: z.ZodError, input?: object): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const missing =
      input !== undefined && issue.path.length > 0 && valueAt(input, issue.path) === undefined;
    if (missing && issue.code !== 'custom') {
      return { field, rule: 'is required' };
    }
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(','), rule: 'is not a field of this request' };
    }
    if (issue.code === 'invalid_union') {
      // Report the most specific branch message rather than zod's generic union text.
      const inner = issue.errors.flat()[0];
      return { field, rule: inner?.message ?? issue.message };
    }
    return { field, rule: issue.message };
  });
}

/** Parses with a schema or throws a ProtocolValidationError naming each field and rule. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new ProtocolValidationError(
      what,
      toFieldIssues(result.error, typeof input === 'object' && input !== null ? input : {}),
    );
  return result.data;
}
