// `npx tsx preview/main.ts`: the browser preview alone, pointed at a running local stack.
import { Command } from 'commander';
import { demoLaneLots } from './demo-lane';
import { demoScanChoices } from './demo-scan-choices';
import { startPreview } from './index';
import { DEMO_TEMPLATE_IDS } from '../server/seed/demo-subscribe-templates';

async function main(): Promise<void> {
  const program = new Command()
    .name('preview')
    .description('Serve the mini-program in a phone-sized frame in the browser')
    .option('--port <port>', 'port to listen on', '8820')
    .option('--functions <url>', 'local function host', 'http://127.0.0.1:8811')
    .option('--sandbox <url>', 'Allinpay sandbox', 'http://127.0.0.1:8801')
    .option('--gate <url>', "the lots' gate endpoint (lane panel)", 'http://127.0.0.1:8811/gate')
    .option('--openapi <url>', 'CloudBase emulator (服务通知 tray)', 'http://127.0.0.1:8810')
    .parse();
  const opts = program.opts<{
    port: string;
    functions: string;
    sandbox: string;
    gate: string;
    openapi: string;
  }>();
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number, not ${opts.port}`);
  }
  const preview = await startPreview({
    port,
    functionsUrl: opts.functions,
    sandboxUrl: opts.sandbox,
    scanChoices: demoScanChoices(),
    lane: { gateUrl: opts.gate, lots: demoLaneLots() },
    openapiUrl: opts.openapi,
    appConfig: { subscribeTemplates: DEMO_TEMPLATE_IDS },
  });
  console.log(`小程序预览 (mini-program preview): ${preview.url}`);
  const stop = () => {
    preview.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`Could not start the preview: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
