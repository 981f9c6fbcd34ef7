// Public API of the local CloudBase emulator (see emulator/README.md).
export {
  startDatabaseEmulator,
  DEFAULT_DATA_DIR,
  type DatabaseEmulator,
  type DatabaseEmulatorOptions,
  type CollectionSetup,
} from './database/server';
export type { DocumentEngine, Doc, DocId, IndexSpec, Change, FindOptions } from './database/engine';
export {
  startFunctionHost,
  type FunctionHost,
  type FunctionHostOptions,
  type FunctionConfig,
  type CallIdentity,
  type TimerOverride,
  type TimerRun,
} from './functions/host';
export type { InvokeOutcome } from './functions/instance-pool';
export type { HttpAccessEvent, BodyEncoding } from './functions/http-access';
export { discoverFunctions, type EntryMode, type DiscoveredFunction } from './functions/discover';
export { startEmulatorStack, type EmulatorStack, type EmulatorStackOptions } from './stack';
export {
  OpenApiEmulator,
  type OpenApiOptions,
  type OpenApiCall,
  type SubscribeTemplate,
  type SubscribeChoice,
} from './openapi/openapi';
