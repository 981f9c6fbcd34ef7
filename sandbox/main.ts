import { DEMO_MERCHANT, loadSandboxOptions, SandboxConfigError } from './config';
import { startSandbox } from './server';

/** `npm run sandbox`: starts the sandbox from SANDBOX_* variables and SANDBOX_CONFIG (README). */
async function main(): Promise<void> {
  const options = loadSandboxOptions(process.env);
  const sandbox = await startSandbox({
    ...options,
    log: (line) => console.log(`[sandbox] ${line}`),
  });
  console.log(`[sandbox] cashier:        ${sandbox.url}/_sandbox/cashier?prepay_id=...`);
  console.log(`[sandbox] notifications:  ${sandbox.url}/_sandbox/notifications`);
  if (sandbox.merchants.some((m) => m.cusid === DEMO_MERCHANT.cusid)) {
    console.log(
      `[sandbox] demo merchant:  cusid ${DEMO_MERCHANT.cusid}, appid ${DEMO_MERCHANT.appid} (password: see sandbox/README.md)`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[sandbox] ${signal}: stopping`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof SandboxConfigError ? err.message : err);
  process.exit(1);
});
