import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (toolchain notes): never a downloaded browser.
 * CI installs it with `apt-get install -y chromium fonts-noto-cjk`.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'artifacts', 'e2e');

function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PhoneBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A touch-capable browser (bindtap fires on touch) with a fresh profile. */
export async function launchPhoneBrowser(): Promise<PhoneBrowser> {
  // Playwright refuses --user-data-dir in args: a persistent context takes the folder instead.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    hasTouch: true,
    viewport: { width: 520, height: 820 },
    locale: 'zh-CN',
  });
  // Fail fast with Playwright's own message rather than at jest's test timeout. The preview's
  // first load compiles the mini-program, which takes longer on a loaded 2-core machine.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(60_000);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface NewPageOptions {
  /**
   * WeChat's subscribe sheet (wx.requestSubscribeMessage), shown in the pay and booking taps:
   * 'allow' taps 允许 as soon as it shows up, as most drivers do (a script in the page, so it
   * does not wait for the test's next action); 'manual' leaves it to the test.
   */
  subscribe?: 'allow' | 'manual';
}

/** A new tab that fails the test on any error thrown inside the page. */
export async function newPage(
  browser: PhoneBrowser,
  { subscribe = 'allow' }: NewPageOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  if (subscribe === 'allow') {
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const allow = document.querySelector<HTMLButtonElement>(
          '.pv-subscribe .pv-subscribe__allow',
        );
        allow?.click();
      }).observe(document, { childList: true, subtree: true });
    });
  }
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

/** Saves what the phone screen shows, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.locator('.pv-phone').screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

// playwright-core has no `expect` of its own (that is @playwright/test): these wait for the page
// to reach a state, and fail with what it showed instead.

const WAIT_MS = 10_000;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

const textOf = async (locator: Locator) =>
  ((await locator.count()) ? ((await locator.first().textContent()) ?? '') : '<absent>').trim();

export async function expectText(locator: Locator, expected: string): Promise<void> {
  expect(
    await until(
      () => textOf(locator),
      (t) => t === expected,
    ),
  ).toBe(expected);
}

export async function expectTextContaining(locator: Locator, part: string): Promise<void> {
  expect(
    await until(
      () => textOf(locator),
      (t) => t.includes(part),
    ),
  ).toContain(part);
}

export async function expectCount(locator: Locator, count: number): Promise<void> {
  expect(
    await until(
      () => locator.count(),
      (n) => n === count,
    ),
  ).toBe(count);
}

export async function expectVisible(locator: Locator, visible: boolean): Promise<void> {
  expect(
    await until(
      () => locator.isVisible(),
      (v) => v === visible,
    ),
  ).toBe(visible);
}

/** Waits until `read` gives `expected`. */
export async function expectEventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  expect(await until(read, (v) => v === expected)).toBe(expected);
}

/**
 * `describe` when Debian's Chromium is installed; otherwise the suite is skipped, saying why (CI
 * installs it: apt-get install -y chromium fonts-noto-cjk).
 */
export function describeInChromium(name: string, suite: () => void): void {
  if (chromiumAvailable()) {
    describe(name, suite);
    return;
  }
  const reason = `SKIPPED: ${CHROMIUM_PATH} is missing (apt-get install -y chromium fonts-noto-cjk)`;
  // Straight to stderr: jest does not report the console of a suite whose tests all skip.
  process.stderr.write(`${name} — ${reason}\n`);
  describe.skip(`${name} — ${reason}`, suite);
}
