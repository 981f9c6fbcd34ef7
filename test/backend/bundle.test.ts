// The esbuild bundles (what is uploaded) run the same journey as the sources: built into a
// temporary folder and loaded by the function host as the platform would load them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildFunctions } from '../../scripts/build-functions';
import { GATES, LOTS } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(60_000);

let stack: BackendStack;
let outRoot: string;
beforeAll(async () => {
  outRoot = mkdtempSync(path.join(tmpdir(), 'bundles-'));
  const built = await buildFunctions({ outRoot });
  expect(built.map((f) => f.name)).toEqual(['api', 'camera', 'gate', 'h5', 'notify', 'reconcile']);
  stack = await BackendStack.start({
    functions: Object.fromEntries(
      built.map((f) => [f.name, { entry: f.outfile, timeoutMs: 20_000 }]),
    ),
  });
});
afterAll(async () => {
  await stack?.close();
  rmSync(outRoot, { recursive: true, force: true });
});

it('pays at the exit through the bundled functions', async () => {
  const driver = 'o-bundle-driver-000000000001';
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: '粤H10001',
  });
  const sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(50 * 60);
  const started = await stack.ok<{ payment: { requestPayment: Record<string, string> } }>(
    driver,
    'exit.pay',
    { sessionId },
  );
  await stack.cashierPay(started.payment.requestPayment);
  await eventually(() => stack.session(sessionId).state === 'paid', 'paid by notification');
  const report = await stack.fireReconcile();
  expect(report).toMatchObject({ errors: 0 });
});
