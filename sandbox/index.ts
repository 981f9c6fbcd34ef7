export { startSandbox, type SandboxHandle } from './server';
export { CLOCK_OFFSET_FILE } from './clock';
export {
  DEMO_MERCHANT,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  loadSandboxOptions,
  SandboxConfigError,
  type MerchantConfig,
  type SandboxConfig,
  type SandboxOptions,
} from './config';
export type { FaultConfigInput, FaultSettings } from './fault-policy';
