import fs from 'node:fs';
import path from 'node:path';
import {
  discoverFunctions,
  startEmulatorStack,
  type EmulatorStack,
  type FunctionHostOptions,
} from '../emulator';
import { DEFAULT_HTTP_ROUTES } from '../emulator/main';
import { startPreview, type PreviewHandle } from '../preview';
import { demoLaneLots } from '../preview/demo-lane';
import { freePort } from './free-port';
import { demoScanChoices } from '../preview/demo-scan-choices';
import {
  CLOCK_OFFSET_FILE,
  DEMO_MERCHANT,
  startSandbox,
  type SandboxHandle,
  type SandboxOptions,
} from '../sandbox';
import { demoData } from '../server/seed/demo-data';
import { seedIfEmpty } from '../server/seed/seed-database';
import {
  DEMO_TEMPLATE_IDS,
  demoConsoleTemplates,
  demoSubscribeEnv,
} from '../server/seed/demo-subscribe-templates';
import { demoCameras, seedDemoCameras } from '../server/seed/demo-cameras';
import { COLLECTIONS, INDEXES, UNINDEXED_ALLOWED } from '../server/store/collections';

export const REPO_ROOT = path.resolve(__dirname, '..');

export interface LocalStackOptions {
  /** Where the sandbox and the database keep their state (default `<repo>/.data`). */
  dataDir?: string;
  /** 0 everywhere gives free ports (tests). Defaults: 8801, 8810, 8811. */
  ports?: { sandbox?: number; database?: number; functions?: number };
  sandbox?: Omit<SandboxOptions, 'port' | 'dataDir'>;
  functions?: Partial<Omit<FunctionHostOptions, 'databaseUrl' | 'port'>>;
  /** Serve the mini-program's browser preview on this port (0: a free one); off when absent. */
  preview?: { port?: number };
  /** Seed the demo lots on an empty database (default true). */
  seed?: boolean;
  log?: (line: string) => void;
}

export interface LocalStack {
  sandbox: SandboxHandle;
  emulator: EmulatorStack;
  preview?: PreviewHandle;
  urls: {
    preview?: string;
    sandbox: string;
    cashier: string;
    functions: string;
    database: string;
    notify: string;
    gate: string;
    /** Plate cameras push to `${camera}/<token>`. */
    camera: string;
    /** The H5 page of the lanes' printed codes (`?scene=g%3A<gateId>`). */
    h5: string;
  };
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * The whole system on this machine: the Allinpay sandbox, the CloudBase database emulator and the
 * function host running `cloudfunctions/` unchanged, configured to talk to each other.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = options.dataDir ?? path.join(REPO_ROOT, '.data');
  const ports = { sandbox: 8801, database: 8810, functions: 8811, ...options.ports };
  const log = options.log ?? (() => undefined);

  const sandbox = await startSandbox({
    ...options.sandbox,
    // The cashier names the demo lots (the protocol carries only their parkingNo).
    parkingNames: {
      ...Object.fromEntries(demoData(DEMO_MERCHANT.cusid).lots.map((l) => [l.parkingNo, l.name])),
      ...options.sandbox?.parkingNames,
    },
    port: ports.sandbox,
    dataDir: path.join(dataDir, 'sandbox'),
    log: options.sandbox?.log ?? log,
  });
  try {
    // The functions need their own URL for notify_url, so the host's port is fixed before start.
    const functionsPort = ports.functions === 0 ? await freePort() : ports.functions;
    const functionsDir = options.functions?.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions');
    const functionsUrl = `http://127.0.0.1:${functionsPort}`;
    const emulator = await startEmulatorStack({
      database: {
        port: ports.database,
        dataDir: path.join(dataDir, 'cloudbase'),
        collections: Object.values(COLLECTIONS).map((name) => ({ name, indexes: INDEXES[name] })),
        coverage: { allow: Object.keys(UNINDEXED_ALLOWED) },
        // WeChat's side of the subscribe messages, dated by the sandbox's clock as the functions are.
        openapi: { templates: demoConsoleTemplates(), now: () => sandbox.now() },
      },
      functions: {
        functionsDir: fs.existsSync(functionsDir) ? functionsDir : undefined,
        entryMode: 'source',
        httpRoutes: httpRoutesFor(functionsDir),
        log,
        ...options.functions,
        port: functionsPort,
        env: {
          ALLINPAY_BASE_URL: sandbox.url,
          ALLINPAY_CUSID: DEMO_MERCHANT.cusid,
          ALLINPAY_APPID: DEMO_MERCHANT.appid,
          ALLINPAY_PASSWORD: DEMO_MERCHANT.password,
          ALLINPAY_NOTIFY_URL: `${functionsUrl}/notify`,
          // The backend follows the sandbox's clock, so advancing it moves holds and endTimes too.
          PARKING_CLOCK_FILE: path.join(sandbox.dataDir, CLOCK_OFFSET_FILE),
          // The lanes' printed codes open the H5 page here in a plain browser (function h5).
          PARKING_QR_BASE_URL: `${functionsUrl}/p`,
          // Subscribe messages go through cloud.openapi to the emulator (the real SDK path).
          ...demoSubscribeEnv(),
          ...options.functions?.env,
        },
      },
    });
    const seeded =
      options.seed === false
        ? false
        : seedIfEmpty(emulator.database.engine, demoData(DEMO_MERCHANT.cusid));
    // The demo's plate cameras, also into a .data/ seeded before cameras existed (issue 12).
    if (options.seed !== false) {
      seedDemoCameras(emulator.database.engine, demoCameras(demoData(DEMO_MERCHANT.cusid)));
    }
    let preview: PreviewHandle | undefined;
    try {
      preview = options.preview
        ? await startPreview({
            port: options.preview.port ?? 0,
            functionsUrl: emulator.functions.url,
            sandboxUrl: sandbox.url,
            openapiUrl: emulator.database.url,
            appConfig: { subscribeTemplates: DEMO_TEMPLATE_IDS },
            scanChoices: demoScanChoices(),
            lane: {
              gateUrl: `${functionsUrl}/gate`,
              cameraUrl: `${functionsUrl}/camera`,
              lots: demoLaneLots(),
            },
          })
        : undefined;
    } catch (error) {
      await emulator.close();
      throw error;
    }
    return {
      sandbox,
      emulator,
      preview,
      seeded,
      urls: {
        ...(preview && { preview: preview.url }),
        sandbox: sandbox.url,
        cashier: `${sandbox.url}/_sandbox/cashier`,
        functions: emulator.functions.url,
        database: emulator.database.url,
        notify: `${functionsUrl}/notify`,
        gate: `${functionsUrl}/gate`,
        h5: `${functionsUrl}/p`,
        camera: `${functionsUrl}/camera`,
      },
      async close() {
        await preview?.close();
        await emulator.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

/** The HTTP access paths of the platform-facing functions that exist in `functionsDir`. */
function httpRoutesFor(functionsDir: string): Record<string, string> {
  if (!fs.existsSync(functionsDir)) return {};
  const names = new Set(discoverFunctions(functionsDir, 'source').map((f) => f.name));
  const routes: Record<string, string> = {};
  for (const [route, name] of Object.entries(DEFAULT_HTTP_ROUTES)) {
    if (names.has(name)) routes[route] = name;
  }
  return routes;
}
