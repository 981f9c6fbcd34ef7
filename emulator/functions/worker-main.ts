/**
 * Runs inside one function instance (a worker thread, loaded through tsx so that functions can
 * be TypeScript sources or bundles). Like a CloudBase instance it loads the module once, then
 * serves one invocation at a time, with that invocation's identity in process.env.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tagDatabaseRequests } from './call-site';
import {
  serializeError,
  type FromInstance,
  type ToInstance,
  type WorkerData,
} from './worker-messages';

type Main = (event: unknown, context: unknown) => unknown;

const port = parentPort!;
const data = workerData as WorkerData;
const post = (message: FromInstance) => port.postMessage(message);

process.on('unhandledRejection', (reason) => {
  // The SCF runtime logs these and keeps the instance: do the same instead of dying.
  console.error(`[${data.functionName}] unhandled rejection:`, reason);
});

let main: Main | undefined;
try {
  const config = process.env.TCB_CONTEXT_CNFG;
  tagDatabaseRequests(
    config ? (JSON.parse(config) as { URL?: string }).URL : undefined,
    data.functionName,
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(data.entry) as { main?: Main; default?: { main?: Main } };
  main = loaded.main ?? loaded.default?.main;
  if (typeof main !== 'function') throw new Error(`${data.entry} does not export main`);
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'load-error', error: serializeError(err) });
}

port.on('message', (message: ToInstance) => {
  if (message.type !== 'invoke' || !main) return;
  const run = main;
  Object.assign(process.env, message.env);
  const clearIdentity = () => {
    for (const key of Object.keys(message.env)) delete process.env[key];
  };
  Promise.resolve()
    .then(() => run(JSON.parse(message.event), message.context))
    // The platform returns a JSON copy of the result (Dates become strings, undefined drops).
    .then((result) => (result === undefined ? undefined : JSON.stringify(result)))
    .then(
      (json) => {
        clearIdentity();
        post({ type: 'result', id: message.id, ok: true, json });
      },
      (err: unknown) => {
        clearIdentity();
        post({ type: 'result', id: message.id, ok: false, error: serializeError(err) });
      },
    );
});
