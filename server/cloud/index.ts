export * from './database';
export * from './errors';
export * from './session-doc';
export * from './session-cas';
export { cloudDatabase, callerOpenid } from './sdk';
