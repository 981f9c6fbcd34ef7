import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  BodyTooLargeError,
  readBodyBytes,
  sendJson,
  keepIdleConnectionsForClients,
} from '../../devstack/http-kit';
import { answerOpenApiForm, serveOpenApiRoute } from '../openapi/http';
import { OpenApiEmulator, type OpenApiOptions } from '../openapi/openapi';
import { WireError, parseMultipart } from '../openapi/wire';
import { DatabaseActions } from './actions';
import { lockDataDir } from './data-dir-lock';
import { DocumentEngine, type IndexSpec } from './engine';
import { coverageListener, type CoverageOptions } from './coverage';
import { DbError } from './errors';
import { requestEnvelope } from './protocol';
import { SqliteStore } from './sqlite-store';
import { TransactionManager } from './transactions';

/** The function host names the caller's source line in this header (index coverage). */
export const CALL_SITE_HEADER = 'x-emulator-call-site';
/** The function host names the calling function in this header (round trips counted per function). */
export const FUNCTION_HEADER = 'x-emulator-function';

export const DEFAULT_DATA_DIR = path.resolve(__dirname, '../../.data/cloudbase');

export interface CollectionSetup {
  name: string;
  indexes?: IndexSpec[];
}

export interface DatabaseEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Folder of the SQLite file; default /work/main/.data/cloudbase (repo `.data/cloudbase`). */
  dataDir?: string;
  /** Collections (and indexes) to ensure at start, idempotently. */
  collections?: CollectionSetup[];
  /** Let writes create missing collections. Off by default, as on CloudBase. */
  autoCreateCollections?: boolean;
  /** Open transactions are dropped after this long (default 60 s, like MongoDB). */
  transactionLifetimeMs?: number;
  /** Index coverage: collections allowed to go unindexed, and where reports go. */
  coverage?: CoverageOptions;
  /** `cloud.openapi` (recorded on this same URL, as the SDK sends it): templates, clock. */
  openapi?: OpenApiOptions;
}

export interface DatabaseEmulator {
  /** Base URL, e.g. http://127.0.0.1:4301 */
  url: string;
  /** The URL to give the SDK: `cloud.init({ serviceUrl })` or TCB_CONTEXT_CNFG `{ URL }`. */
  serviceUrl: string;
  port: number;
  dataDir: string;
  /** Direct access for seeding and assertions (same data the HTTP protocol serves). */
  engine: DocumentEngine;
  /** The `cloud.openapi` calls received and the users' subscriptions (also over HTTP). */
  openapi: OpenApiEmulator;
  /** Database requests received so far from `functionName` (FUNCTION_HEADER), or from anyone. */
  requests(functionName?: string): number;
  close(): Promise<void>;
}

const MAX_BODY = 20 * 1024 * 1024;

function toEnvelopeError(err: unknown): { code: string; message: string } {
  if (err instanceof BodyTooLargeError)
    return { code: 'INVALID_PARAM', message: 'request body too large' };
  if (err instanceof DbError) return { code: err.code, message: err.message };
  if (err instanceof WireError) return { code: 'INVALID_PARAM', message: err.message };
  // Query engine errors (unknown operator, bad update) are request errors, as on CloudBase.
  return { code: 'DATABASE_REQUEST_FAILED', message: (err as Error)?.message ?? String(err) };
}

/** Starts the CloudBase database emulator on 127.0.0.1. */
export async function startDatabaseEmulator(
  options: DatabaseEmulatorOptions = {},
): Promise<DatabaseEmulator> {
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const unlock = lockDataDir(dataDir);
  let store: SqliteStore | undefined;
  try {
    store = new SqliteStore(path.join(dataDir, 'cloudbase.sqlite'));
    const engine = new DocumentEngine(store, options.autoCreateCollections ?? false);
    for (const setup of options.collections ?? []) {
      engine.ensureCollection(setup.name);
      for (const index of setup.indexes ?? []) engine.createIndex(setup.name, index);
    }
    engine.queryListener = coverageListener(options.coverage);
    const transactions = new TransactionManager(engine, options.transactionLifetimeMs);
    const actions = new DatabaseActions(engine, transactions);

    const openapi = new OpenApiEmulator(options.openapi);
    const counts = new Map<string, number>();
    let total = 0;

    const server = http.createServer((req, res) => {
      const requestId = randomBytes(16).toString('hex');
      const url = new URL(req.url ?? '/', 'http://emulator.local');
      if (req.method === 'GET' && url.pathname === '/health') {
        sendJson(res, 200, { ok: true, collections: engine.listCollections().length });
        return;
      }
      const readJson = async () =>
        JSON.parse((await readBodyBytes(req, MAX_BODY, { overLimit: 'destroy' })).toString());
      serveOpenApiRoute(openapi, req, res, url, readJson)
        .then((served) => {
          if (!served) serveAction(req, res, requestId);
        })
        .catch((err: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: String(err) });
        });
    });

    function serveAction(req: http.IncomingMessage, res: http.ServerResponse, requestId: string) {
      if (req.method !== 'POST') {
        sendJson(res, 405, { requestId, code: 'INVALID_PARAM', message: 'POST only' });
        return;
      }
      total += 1;
      const caller = req.headers[FUNCTION_HEADER];
      if (typeof caller === 'string') counts.set(caller, (counts.get(caller) ?? 0) + 1);
      const site = req.headers[CALL_SITE_HEADER];
      const origin = typeof site === 'string' ? decodeURIComponent(site) : undefined;
      readBodyBytes(req, MAX_BODY, { overLimit: 'destroy' })
        .then((bytes) => {
          // cloud.openapi.* comes as a form (emulator/openapi/wire.ts); database actions as JSON.
          const form = parseMultipart(bytes, req.headers['content-type']);
          if (form) {
            const action = form.get('action')?.toString('utf8');
            if (action !== 'wx.openApi')
              throw new DbError('INVALID_PARAM', `unsupported ${action}`);
            answerOpenApiForm(openapi, form, origin, res, requestId);
            return;
          }
          let body: unknown;
          try {
            body = JSON.parse(bytes.toString('utf8'));
          } catch {
            throw new DbError('INVALID_PARAM', 'body is not JSON');
          }
          const envelope = requestEnvelope.safeParse(body);
          if (!envelope.success) throw new DbError('INVALID_PARAM', 'missing action');
          const result = actions.handle(envelope.data.action, body, origin);
          sendJson(res, 200, { requestId, ...result });
        })
        .catch((err: unknown) => sendJson(res, 200, { requestId, ...toEnvelopeError(err) }));
    }
    keepIdleConnectionsForClients(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    const openStore = store;
    let closing: Promise<void> | undefined;
    return {
      url,
      serviceUrl: `${url}/admin`,
      port,
      dataDir,
      engine,
      openapi,
      requests: (functionName) =>
        functionName === undefined ? total : (counts.get(functionName) ?? 0),
      close() {
        closing ??= new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }).then(() => {
          transactions.close();
          openStore.close();
          unlock();
        });
        return closing;
      },
    };
  } catch (err) {
    store?.close();
    unlock();
    throw err;
  }
}
