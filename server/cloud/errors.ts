/**
 * Errors of the cloud database as wx-server-sdk reports them (`errCode`, `errMsg`), normalised so
 * that callers can tell a duplicate key (an expected outcome of an insert used as a lock or a
 * replay check) from a failure.
 */
export class DatabaseError extends Error {
  constructor(
    readonly operation: string,
    readonly errCode: number | undefined,
    message: string,
  ) {
    super(`${operation}: ${message}`);
    this.name = 'DatabaseError';
  }
}

interface SdkError {
  errCode?: unknown;
  errMsg?: unknown;
  message?: unknown;
}

/** CloudBase reports a unique-index violation as -502001 with MongoDB's E11000 message. */
export function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkError;
  const text = `${String(e.errMsg ?? '')} ${String(e.message ?? '')}`;
  return /E11000|duplicate key/i.test(text);
}

export function toDatabaseError(operation: string, error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkError;
  const code = typeof e.errCode === 'number' ? e.errCode : undefined;
  const text = String(e.errMsg ?? e.message ?? error);
  return new DatabaseError(operation, code, text.slice(0, 300));
}
