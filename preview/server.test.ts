import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  startDatabaseEmulator,
  startFunctionHost,
  type DatabaseEmulator,
  type FunctionHost,
} from '../emulator';
import { startPreview, type PreviewHandle } from './index';

// The preview server over HTTP: the page, the scripts, and the forwarding of cloud calls to a
// real function host.

const WHOAMI = path.resolve(__dirname, '..', 'test', 'e2e', 'fixtures', 'functions', 'whoami.ts');

let functions: FunctionHost;
let preview: PreviewHandle;
let orphan: PreviewHandle;
let cloudbase: DatabaseEmulator;
let dataDir: string;
const RECEIPT = { id: 'tmpl-receipt', title: '月卡购买成功通知', fields: { thing1: '月卡' } };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-server-'));
  cloudbase = await startDatabaseEmulator({ dataDir, openapi: { templates: [RECEIPT] } });
  functions = await startFunctionHost({
    databaseUrl: 'http://127.0.0.1:9',
    functions: { whoami: { entry: WHOAMI } },
    timers: false,
    log: () => undefined,
  });
  preview = await startPreview({
    port: 0,
    functionsUrl: functions.url,
    sandboxUrl: 'http://127.0.0.1:8801/',
    scanChoices: [{ label: '北门入口', scene: 'g=1' }],
    openapiUrl: cloudbase.url,
    appConfig: { subscribeTemplates: { passReceipt: RECEIPT.id, passExpiring: '' } },
  });
  // Port 9 (discard) is not listened on here: the function host is "not running".
  orphan = await startPreview({
    port: 0,
    functionsUrl: 'http://127.0.0.1:9',
    sandboxUrl: 'http://127.0.0.1:9',
  });
});

afterAll(async () => {
  await Promise.all([preview?.close(), orphan?.close()]);
  await functions?.close();
  await cloudbase?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A GET with the path exactly as given (fetch would normalise dot segments away). */
function rawGet(port: number, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

const post = (base: string, route: string, body: unknown) =>
  fetch(new URL(route, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('listens on 127.0.0.1 and serves the page with its configuration', async () => {
  expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  const res = await fetch(preview.url);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const html = await res.text();
  expect(html).toContain('小程序预览');
  expect(html).toContain('"sandboxUrl":"http://127.0.0.1:8801"');
  expect(html).toContain('oDEMO-owner-0000000000000000');
  expect(html).toContain('"scene":"g=1"');
});

it('serves simulate, the runtime and the mini-program sources', async () => {
  const simulate = await (await fetch(new URL('/preview/simulate.js', preview.url))).text();
  expect(simulate).toContain('__FILE_MAP__');
  const runtime = await (await fetch(new URL('/preview/runtime.js', preview.url))).text();
  expect(runtime).toContain('allinpay-sandbox-cashier');
  const sources = await (await fetch(new URL('/preview/sources.js', preview.url))).text();
  expect(sources).toMatch(/^window\.__FILE_MAP__ = \{/);
  expect(sources).toContain('"pages/index/index.wxml"');
});

it('forwards a cloud call to the function host with the caller openid', async () => {
  const res = await post(preview.url, '/preview/invoke/whoami', {
    data: { echo: '你好' },
    openid: 'oDEMO-driver-000000000000000',
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    result: { openid: 'oDEMO-driver-000000000000000', echo: '你好' },
  });
});

it('passes the function host refusals through', async () => {
  const missing = await post(preview.url, '/preview/invoke/nosuch', { openid: 'o1' });
  expect(missing.status).toBe(404);
  const noOpenid = await post(preview.url, '/preview/invoke/whoami', { data: {} });
  expect(noOpenid.status).toBe(400);
});

it('refuses bad function names and other methods itself', async () => {
  const bad = await post(preview.url, '/preview/invoke/..%2Fadmin', { openid: 'o1' });
  expect(bad.status).toBe(400);
  const get = await fetch(new URL('/preview/invoke/whoami', preview.url));
  expect(get.status).toBe(405);
  expect((await fetch(new URL('/nothing', preview.url))).status).toBe(404);
});

it('serves images of the mini-program folder and nothing outside it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-assets-'));
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>';
  fs.mkdirSync(path.join(dir, 'app', 'images'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'app', 'app.json'), '{"pages":[]}');
  fs.writeFileSync(path.join(dir, 'app', 'images', 'in.svg'), svg);
  fs.writeFileSync(path.join(dir, 'outside.svg'), svg);
  const assets = await startPreview({
    port: 0,
    functionsUrl: 'http://127.0.0.1:9',
    sandboxUrl: 'http://127.0.0.1:9',
    miniprogramRoot: path.join(dir, 'app'),
  });
  try {
    const image = await fetch(new URL('/images/in.svg', assets.url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(await image.text()).toBe(svg);
    // Only images: not the sources, and not a file above the folder.
    expect((await fetch(new URL('/app.json', assets.url))).status).toBe(404);
    expect(await rawGet(assets.port, '/../outside.svg')).toBe(404);
    expect(await rawGet(assets.port, '/%2e%2e/outside.svg')).toBe(404);
    expect(await rawGet(assets.port, '/images/..%2f..%2foutside.svg')).toBe(404);
  } finally {
    await assets.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('says in Chinese when the function host is not running', async () => {
  const res = await post(orphan.url, '/preview/invoke/whoami', { openid: 'o1' });
  expect(res.status).toBe(502);
  expect(((await res.json()) as { errMsg: string }).errMsg).toMatch(/npm start/);
});

it('forwards the phone’s subscribe answers and the tray’s reads to the emulator', async () => {
  const html = await (await fetch(preview.url)).text();
  expect(html).toContain('"openapi":true');
  expect(html).toContain('id="pv-tray"');
  const templates = await fetch(new URL('/preview/openapi/templates', preview.url));
  expect(await templates.json()).toEqual({ templates: [RECEIPT] });
  const told = await post(preview.url, '/preview/openapi/subscriptions', {
    openid: 'o-preview',
    results: { [RECEIPT.id]: 'accept' },
  });
  expect(await told.json()).toEqual({ ok: true, allowed: { [RECEIPT.id]: 1 } });
  // The emulator's refusals come through as they are.
  const bad = await post(preview.url, '/preview/openapi/subscriptions', { openid: 'o-preview' });
  expect(bad.status).toBe(400);
  const calls = await fetch(new URL('/preview/openapi/calls?touser=o-preview', preview.url));
  expect(await calls.json()).toEqual({ calls: [] });
  expect((await fetch(new URL('/preview/openapi/other', preview.url))).status).toBe(404);
  expect((await fetch(new URL('/preview/openapi/subscriptions', preview.url))).status).toBe(405);
  // Without an emulator there is no tray.
  const none = await fetch(new URL('/preview/openapi/calls', orphan.url));
  expect(await none.json()).toMatchObject({ code: 'NO_OPENAPI' });
});

it('builds the mini-program with the given APP_CONFIG fields (subscribe template ids)', async () => {
  const sources = await (await fetch(new URL('/preview/sources.js', preview.url))).text();
  expect(sources).toContain(`Object.assign(module.exports.APP_CONFIG, {\\"subscribeTemplates\\"`);
  expect(sources).toContain(RECEIPT.id);
  const plain = await (await fetch(new URL('/preview/sources.js', orphan.url))).text();
  expect(plain).not.toContain('Object.assign(module.exports.APP_CONFIG');
});
