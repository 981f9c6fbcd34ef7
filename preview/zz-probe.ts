import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack } from '../devstack/local-stack';
import { startPreview } from './index';
import { demoScanChoices } from './demo-scan-choices';
(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-stack-'));
  const stack = await startLocalStack({
    dataDir,
    ports: { sandbox: 0, database: 0, functions: 0 },
  });
  const p = await startPreview({
    port: 0,
    functionsUrl: stack.urls.functions,
    sandboxUrl: stack.urls.sandbox,
    miniprogramRoot: '/tmp/probe/miniprogram',
    scanChoices: demoScanChoices(),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    hasTouch: true,
    args: ['--no-sandbox', '--disable-gpu'],
    viewport: { width: 520, height: 820 },
  });
  const pages = JSON.parse(fs.readFileSync('/tmp/probe/miniprogram/app.json', 'utf8'))
    .pages as string[];
  for (const [i, route] of pages.entries()) {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log(route, 'pageerror', e.message));
    page.on(
      'console',
      (m) => m.type() === 'error' && console.log(route, 'console', m.text().slice(0, 300)),
    );
    if (route.startsWith('pages/admin')) {
      await page.goto(p.url);
      await page.locator('#pv-identity').selectOption('operator');
    }
    await page.goto(`${p.url}?page=${route}`);
    await page.waitForTimeout(1500);
    console.log(
      route,
      'title=',
      await page.locator('#pv-title').textContent(),
      'text=',
      (await page.locator('#pv-viewport').innerText()).replace(/\s+/g, ' ').slice(0, 200),
    );
    await page.locator('.pv-phone').screenshot({ path: `/tmp/shots/p${i}.png` });
    await page.close();
  }
  await ctx.close();
  await p.close();
  await stack.close();
})();
