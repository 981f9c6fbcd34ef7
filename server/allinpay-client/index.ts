export {
  createAllinpayClient,
  type AllinpayClient,
  type CallInput,
  type PayInput,
  type PrepayInput,
  type FinishInput,
  type CancelInput,
  type QueryInput,
  type QueryOptions,
} from './client';
export { clientConfigSchema, type AllinpayClientConfig } from './config';
export {
  AllinpayCallError,
  OutcomeUnknownError,
  PlatformRefusalError,
  TransactionFailedError,
  BadSignatureError,
  ResponseMismatchError,
  ClientConfigError,
  ProtocolValidationError,
  type AllinpayErrorCode,
  type OutcomeUnknownReason,
} from './errors';
export type { AllinpayResult, Totals } from './result';
export type { Logger, LogMethod, LogDetails } from './logger';
export { ConnectTimeoutError } from './connect-timeout-agent';
