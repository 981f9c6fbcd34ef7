import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../../devstack/local-stack';
import { type GateAnswer, type Reply, StackClient } from '../../../devstack/stack-client';
import { formatChinaDate } from '../../../core/parking/china-time';
import { DEMO_DRIVER_OPENID } from '../../../server/seed/demo-data';
import {
  ARTIFACTS_DIR,
  launchPhoneBrowser,
  newPage,
  type NewPageOptions,
  type PhoneBrowser,
} from '../browser';

/**
 * One flow file's world: the local stack started as `npm start` starts it (free ports, a temp
 * data dir, the preview served), and a touch-capable Chromium.
 */
export interface FlowWorld {
  stack: LocalStack;
  client: StackClient;
  browser: PhoneBrowser;
  previewUrl: string;
  close(): Promise<void>;
}

/** Where a flow's day starts on the sandbox clock: China time of day, in hours. */
export const DEFAULT_START_HOUR = 9;

/** A flow starts at a fixed China time of day (StackClient.advanceToChinaHour). */
export async function startFlowWorld({
  chinaHour = DEFAULT_START_HOUR,
}: { chinaHour?: number } = {}): Promise<FlowWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-flow-'));
  const [stack, browser] = await Promise.all([
    startLocalStack({
      dataDir,
      ports: { sandbox: 0, database: 0, functions: 0 },
      preview: { port: 0 },
    }),
    launchPhoneBrowser(),
  ]);
  const previewUrl = stack.urls.preview;
  if (!previewUrl) throw new Error('the local stack served no preview');
  const world: FlowWorld = {
    stack,
    client: new StackClient(stack.urls),
    browser,
    previewUrl,
    async close() {
      await browser.close();
      await stack.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await world.client.advanceToChinaHour(chinaHour);
  await warmUp(world);
  return world;
}

/**
 * The first call starts the `api` function and the first load compiles the pages: slow on a busy
 * machine, so done here (within beforeAll's budget) rather than inside a step's bounded wait.
 */
async function warmUp(world: FlowWorld): Promise<void> {
  await callApi(world, DEMO_DRIVER_OPENID, 'sessions.mine', {});
  const page = await world.browser.context.newPage();
  await page.goto(world.previewUrl);
  await page.locator('.pv-page[data-route="pages/index/index"]').waitFor({ timeout: 30_000 });
  await page.close();
}

/** A page on the preview's first page, failing the test on any page error (checked by the flow). */
export async function openPreview(world: FlowWorld, options?: NewPageOptions) {
  const opened = await newPage(world.browser, options);
  await opened.page.goto(world.previewUrl);
  return opened;
}

/** Saves the phone screen as artifacts/e2e/flows/<flow>-<step>.png. */
export async function shot(page: Page, flow: string, step: string): Promise<void> {
  const dir = path.join(ARTIFACTS_DIR, 'flows');
  fs.mkdirSync(dir, { recursive: true });
  await page.locator('.pv-phone').screenshot({ path: path.join(dir, `${flow}-${step}.png`) });
}

/**
 * An element of the page on top of the stack by its class, which simulate prefixes with the
 * page's path (`page-pages-pay-pay--pay__due`). A TDesign widget carries it twice (host and
 * inner element: the preview forwards a virtual host's class, preview/client/virtual-host-class.ts):
 * taps take the first, the host, whose centre is the inner one.
 */
export function onTop(page: Page, cls: string): Locator {
  const top = '.pv-page:not([hidden])';
  return page.locator(`${top} [class$="--${cls}"], ${top} [class*="--${cls} "]`);
}

/** The elements inside `scope` whose wxml class is `cls` (a TDesign widget: host, then inner). */
export function classed(scope: Locator, cls: string): Locator {
  return scope.locator(`[class$="--${cls}"], [class*="--${cls} "]`);
}

/** Moves the sandbox clock, which the functions follow, so that parking time accrues. */
export function advanceClock(world: FlowWorld, seconds: number): Promise<void> {
  return world.client.advanceClock(seconds);
}

/** A lot controller's signed report to the gate endpoint (server/gate-auth). */
export function reportAtGate(
  world: FlowWorld,
  lotId: string,
  body: Record<string, unknown>,
): Promise<Reply<GateAnswer>> {
  return world.client.gate<GateAnswer>(lotId, body);
}

/** A call of the `api` function as the mini-program makes it (for a flow's setting, not its steps). */
export function callApi<T = Record<string, unknown>>(
  world: FlowWorld,
  openid: string,
  route: string,
  data: Record<string, unknown>,
): Promise<T> {
  return world.client.ok<T>(openid, route, data);
}

/** The payer pays at the sandbox cashier with wx.requestPayment's arguments. */
export async function payAtSandboxCashier(
  world: FlowWorld,
  requestPayment: Record<string, string>,
): Promise<void> {
  await world.client.cashierPay(requestPayment);
}

/** The China date (YYYY-MM-DD) of the sandbox clock, which the functions follow. */
export async function sandboxChinaDate(world: FlowWorld): Promise<string> {
  const unix = await world.client.clockNow();
  return formatChinaDate(unix);
}
