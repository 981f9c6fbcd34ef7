import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import {
  readBody,
  readBodyBytes,
  sendJson,
  keepIdleConnectionsForClients,
} from '../devstack/http-kit';
import {
  DEMO_IDENTITIES,
  type PreviewConfig,
  type PreviewIdentity,
  type ScanChoice,
} from './config';
import { buildFileMap } from './file-map';
import { playLane, publicLaneLots, type LaneOptions } from './lane';
import { playCameraLane } from './camera-lane';
import { renderShellPage, renderSourcesScript } from './shell-page';

export interface PreviewOptions {
  /** 0 picks a free port. The server listens on `host` (default 127.0.0.1) only. */
  port?: number;
  host?: string;
  /** The local function host; calls go to POST {functionsUrl}/invoke/<name> { data, openid }. */
  functionsUrl: string;
  /** The Allinpay sandbox; wx.requestPayment opens {sandboxUrl}/_sandbox/cashier. */
  sandboxUrl: string;
  /** The folder holding app.json (default: the repository's miniprogram/). */
  miniprogramRoot?: string;
  /** Who can hold the phone (default: the demo driver and the demo owner). */
  identities?: PreviewIdentity[];
  /** QR codes the scan sheet offers (default: none; the CLI offers the seeded gates and spots). */
  scanChoices?: ScanChoice[];
  /**
   * The lane (车道) panel: the gate endpoint and the lots it plays, with their controllers'
   * secrets (kept on this server: it signs the reports). Absent: no panel.
   */
  lane?: LaneOptions;
  /**
   * The CloudBase emulator's URL (its database server, where cloud.openapi calls land): the phone
   * tells it the user's answers to wx.requestSubscribeMessage and the 服务通知 tray reads the
   * messages sent (emulator/README.md "openapi"). Absent: no tray; the shim fails the request.
   */
  openapiUrl?: string;
  /**
   * Fields of the mini-program's APP_CONFIG (miniprogram/config.ts) this preview builds with,
   * e.g. the local stack's subscribe-message template ids.
   */
  appConfig?: Record<string, unknown>;
}

export interface PreviewHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..');
// Local images the pages show (`<image src="/images/x.png">`), served from the mini-program folder.
const ASSET_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/;
const MAX_BODY_BYTES = 1024 * 1024;
// Sources change while a developer works: always the current ones.
const NO_STORE = { 'cache-control': 'no-store' };

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...NO_STORE,
  });
  res.end(body);
}

/** A JSON reply, never cached either. */
function json(res: http.ServerResponse, status: number, body: unknown) {
  sendJson(res, status, body, NO_STORE);
}

/** The image file under `root` that `route` names, if any (never a path outside `root`). */
function assetFile(root: string, route: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(route);
  } catch {
    return undefined;
  }
  if (!ASSET_TYPES[path.extname(rel).toLowerCase()]) return undefined;
  const file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  if (!file.startsWith(`${path.resolve(root)}${path.sep}`)) return undefined;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined;
}

async function bundleRuntime(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'client', 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    charset: 'utf8',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * Serves the mini-program in a phone-sized frame (see shell-page.ts) and forwards its cloud
 * function calls to the local function host, so that the page needs no cross-origin access.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewHandle> {
  const root = options.miniprogramRoot ?? path.join(REPO_ROOT, 'miniprogram');
  const functionsUrl = options.functionsUrl.replace(/\/+$/, '');
  const config: PreviewConfig = {
    sandboxUrl: options.sandboxUrl.replace(/\/+$/, ''),
    identities: options.identities ?? DEMO_IDENTITIES,
    scanChoices: options.scanChoices ?? [],
    ...(options.lane && { lane: { lots: publicLaneLots(options.lane.lots) } }),
    ...(options.openapiUrl && { openapi: true }),
  };
  const openapiUrl = options.openapiUrl?.replace(/\/+$/, '');
  const simulatePath = require.resolve('miniprogram-simulate/build.js');
  const simulateScript = fs.readFileSync(simulatePath);
  const shell = renderShellPage(config);
  // The runtime is the preview's own code: built once. The mini-program is rebuilt per load.
  const runtime = bundleRuntime();
  runtime.catch(() => undefined);

  async function invoke(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    if (req.method !== 'POST') return json(res, 405, { errCode: -1, errMsg: 'POST only' });
    if (!FUNCTION_NAME.test(name)) {
      return json(res, 400, { errCode: -1, errMsg: `invalid function name: ${name}` });
    }
    const body = await readBodyBytes(req, MAX_BODY_BYTES, { overLimit: 'destroy' });
    let reply: Response;
    try {
      reply = await fetch(`${functionsUrl}/invoke/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array(body),
      });
    } catch {
      return json(res, 502, {
        errCode: -1,
        errMsg: `本地云函数服务无法连接（${functionsUrl}），请先运行 npm start`,
      });
    }
    const text = Buffer.from(await reply.arrayBuffer());
    send(res, reply.status, reply.headers.get('content-type') ?? 'application/json', text);
  }

  async function lane(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method !== 'POST') {
      return json(res, 405, { ok: false, error: { code: 'METHOD', message: 'POST only' } });
    }
    if (!options.lane) {
      return json(res, 404, { ok: false, error: { code: 'NO_LANE', message: '未配置车道' } });
    }
    let input: unknown;
    try {
      input = JSON.parse(await readBody(req, MAX_BODY_BYTES, { overLimit: 'destroy' }));
    } catch {
      return json(res, 400, {
        ok: false,
        error: { code: 'INVALID_JSON', message: '请求须为 JSON' },
      });
    }
    let outcome;
    try {
      const viaCamera =
        typeof input === 'object' &&
        input !== null &&
        (input as { via?: unknown }).via === 'camera';
      outcome = viaCamera
        ? await playCameraLane(options.lane, input)
        : await playLane(options.lane, input);
    } catch {
      return json(res, 502, {
        ok: false,
        error: {
          code: 'GATE_UNREACHABLE',
          message: `道闸接口无法连接（${options.lane.gateUrl}），请先运行 npm start`,
        },
      });
    }
    if (!outcome.ok) {
      return json(res, outcome.status, {
        ok: false,
        error: { code: outcome.code, message: outcome.message },
      });
    }
    return json(res, 200, { ok: true, data: outcome.answer });
  }

  /** /preview/openapi/<calls|templates|subscriptions>: forwarded to the emulator as they are. */
  async function openapi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const route = url.pathname.slice('/preview/openapi/'.length);
    const method = route === 'subscriptions' ? 'POST' : 'GET';
    if (!['calls', 'templates', 'subscriptions'].includes(route)) {
      return json(res, 404, { code: 'NOT_FOUND', message: '没有这个接口' });
    }
    if (req.method !== method) return json(res, 405, { code: 'METHOD', message: `${method} only` });
    if (!openapiUrl) return json(res, 404, { code: 'NO_OPENAPI', message: '未连接云开发模拟器' });
    const body =
      method === 'POST' ? await readBodyBytes(req, MAX_BODY_BYTES, { overLimit: 'destroy' }) : null;
    let reply: Response;
    try {
      reply = await fetch(`${openapiUrl}/openapi/${route}${url.search}`, {
        method,
        ...(body && {
          headers: { 'content-type': 'application/json' },
          body: new Uint8Array(body),
        }),
      });
    } catch {
      return json(res, 502, {
        code: 'EMULATOR_UNREACHABLE',
        message: `云开发模拟器无法连接（${openapiUrl}），请先运行 npm start`,
      });
    }
    const text = Buffer.from(await reply.arrayBuffer());
    send(res, reply.status, reply.headers.get('content-type') ?? 'application/json', text);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://preview.local');
    const route = url.pathname;
    if (route === '/' || route === '/index.html') {
      return send(res, 200, 'text/html; charset=utf-8', shell);
    }
    if (route === '/preview/simulate.js') {
      return send(res, 200, 'text/javascript; charset=utf-8', simulateScript);
    }
    if (route === '/preview/runtime.js') {
      return send(res, 200, 'text/javascript; charset=utf-8', await runtime);
    }
    if (route === '/preview/sources.js') {
      const sources = await buildFileMap(root, { appConfig: options.appConfig });
      return send(res, 200, 'text/javascript; charset=utf-8', renderSourcesScript(sources));
    }
    if (route === '/preview/lane') return lane(req, res);
    if (route.startsWith('/preview/openapi/')) return openapi(req, res, url);
    if (route.startsWith('/preview/invoke/')) {
      return invoke(req, res, decodeURIComponent(route.slice('/preview/invoke/'.length)));
    }
    if (route === '/favicon.ico') return send(res, 204, 'text/plain', '');
    const asset = assetFile(root, route);
    if (asset)
      return send(
        res,
        200,
        ASSET_TYPES[path.extname(asset).toLowerCase()]!,
        fs.readFileSync(asset),
      );
    return send(res, 404, 'text/plain; charset=utf-8', '404 没有这个页面');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `预览出错：${message}`);
      else res.destroy();
    });
  });
  keepIdleConnectionsForClients(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/`;
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
