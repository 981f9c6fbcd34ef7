import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../../devstack/local-stack';
import { startPreview, type PreviewHandle } from '../../preview';
import { demoScanChoices } from '../../preview/demo-scan-choices';
import {
  describeInChromium,
  expectText,
  launchPhoneBrowser,
  newPage,
  screenshot,
  type PhoneBrowser,
} from './browser';

// The preview against the whole local stack as `npm start` runs it (sandbox, database emulator,
// function host running cloudfunctions/, demo seed): a scanned gate code resolved by the real
// `api` function.

jest.setTimeout(30_000);

describeInChromium('preview on the local stack', () => {
  let browser: PhoneBrowser;
  let stack: LocalStack;
  let preview: PreviewHandle;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-stack-'));
    [browser, stack] = await Promise.all([
      launchPhoneBrowser(),
      startLocalStack({ dataDir, ports: { sandbox: 0, database: 0, functions: 0 } }),
    ]);
    preview = await startPreview({
      port: 0,
      functionsUrl: stack.urls.functions,
      sandboxUrl: stack.urls.sandbox,
      miniprogramRoot: path.join(__dirname, 'fixtures', 'app'),
      scanChoices: demoScanChoices(),
    });
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), preview?.close()]);
    await stack?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('scans a seeded gate code and shows the lot the backend resolves', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${preview.url}?page=pages/scan/scan`);
    await page.locator('[data-test="scan"]').tap();
    await page.locator('.pv-sheet__item', { hasText: '北门入口' }).tap();
    await expectText(page.locator('[data-test="lot"]'), '深圳湾商场停车场');
    await expectText(page.locator('[data-test="gate"]'), '北门入口');
    await screenshot(page, 'local-stack-scan');
    expect(errors).toEqual([]);
    await page.close();
  });
});
