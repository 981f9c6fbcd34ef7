/**
 * Error codes the CloudBase database returns in its response envelope (`{ code, message }`).
 * wx-server-sdk maps them to numeric errCodes (e.g. DATABASE_COLLECTION_NOT_EXIST -> -502005).
 */
export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export function collectionNotExist(name: string): DbError {
  return new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}`,
  );
}

export function duplicateKey(collection: string, index: string, key: string): DbError {
  // Same wording as MongoDB, which is what CloudBase reports for unique index violations.
  return new DbError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  );
}

export function transactionConflict(): DbError {
  return new DbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');
}
