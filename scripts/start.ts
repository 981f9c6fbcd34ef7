// `npm start`: the whole system on this machine, with embedded defaults.
import { DEMO_MERCHANT, loadSandboxOptions } from '../sandbox';
import { demoCameras } from '../server/seed/demo-cameras';
import { DEMO_DRIVER_OPENID, DEMO_OWNER_OPENID, demoData } from '../server/seed/demo-data';
import { startLocalStack } from '../devstack/local-stack';

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  console.log('正在启动本地环境 (starting the local stack)…');
  // SANDBOX_* variables (sandbox/README.md) apply here as they do to `npm run sandbox`.
  const { port: sandboxPort, dataDir: _dataDir, ...sandbox } = loadSandboxOptions();
  const stack = await startLocalStack({
    sandbox,
    ports: { sandbox: sandboxPort ?? 8801 },
    preview: { port: 8820 },
    log: verbose ? (line) => console.log(line) : undefined,
  });
  const { urls } = stack;
  console.log(
    [
      '',
      'Allinpay parking is running locally:',
      `  Mini-program preview   ${urls.preview}   (open in a browser: driver and operator switch at the top)`,
      `  Allinpay sandbox       ${urls.sandbox}   (merchant ${DEMO_MERCHANT.cusid}, password ${DEMO_MERCHANT.password})`,
      `  Sandbox cashier        ${urls.cashier}`,
      `  Cloud functions        ${urls.functions}   (POST /invoke/<name> {"data", "openid"})`,
      `  Notify (HTTP access)   ${urls.notify}`,
      `  Gate (HTTP access)     ${urls.gate}`,
      `  Cameras (HTTP access)  ${urls.camera}/<token>   (demo cameras: preview lane panel, 接入方式 摄像机)`,
      `  H5 page (HTTP access)  ${urls.h5}?scene=g%3Agate-office-out   (an exit's printed code in a plain browser)`,
      `  Database emulator      ${urls.database}`,
      `  WeChat openapi calls   ${urls.database}/openapi/calls   (subscribe messages sent; the preview's 服务通知 panel)`,
      '',
      'Demo cameras (try one with npx parking-camera read 粤B12345 --url <url> --serialno <serialno>):',
      ...demoCameras(demoData(DEMO_MERCHANT.cusid)).map(
        (c) =>
          `  ${c.doc.gateId.padEnd(16)} --url ${urls.camera}/${c.token} --serialno ${c.doc.serialno}`,
      ),
      '',
      stack.seeded
        ? `Seeded demo lots, gates, spots and tariffs; demo owner ${DEMO_OWNER_OPENID}, demo driver ${DEMO_DRIVER_OPENID}.`
        : 'Using the data already in .data/ (delete that folder to start afresh).',
      'Press Ctrl-C to stop; the data stays in .data/.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (/EADDRINUSE/.test(message)) {
    console.error(
      `A port is already in use (${message}). Stop the other \`npm start\` or free the port, then run again.`,
    );
  } else {
    console.error(`Could not start the local stack: ${message}`);
  }
  process.exit(1);
});
