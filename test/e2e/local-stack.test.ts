import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../../devstack/local-stack';
import { startPreview, type PreviewHandle } from '../../preview';
import { demoScanChoices } from '../../preview/demo-scan-choices';
import {
  describeInChromium,
  expectText,
  expectVisible,
  launchPhoneBrowser,
  newPage,
  screenshot,
  type PhoneBrowser,
} from './browser';

// The preview against the whole local stack as `npm start` runs it (sandbox, database emulator,
// function host running cloudfunctions/, demo seed): a scanned gate code resolved by the real
// `api` function.

// Generous for a machine busy with the other suites; a normal run takes a few seconds.
jest.setTimeout(60_000);

describeInChromium('preview on the local stack', () => {
  let browser: PhoneBrowser;
  let stack: LocalStack;
  let preview: PreviewHandle;
  let app: PreviewHandle;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-stack-'));
    [browser, stack] = await Promise.all([
      launchPhoneBrowser(),
      startLocalStack({ dataDir, ports: { sandbox: 0, database: 0, functions: 0 } }),
    ]);
    const urls = { functionsUrl: stack.urls.functions, sandboxUrl: stack.urls.sandbox };
    [preview, app] = await Promise.all([
      startPreview({
        port: 0,
        ...urls,
        miniprogramRoot: path.join(__dirname, 'fixtures', 'app'),
        scanChoices: demoScanChoices(),
      }),
      // As `npm start` serves it: miniprogram/.
      startPreview({ port: 0, ...urls, scanChoices: demoScanChoices() }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), preview?.close(), app?.close()]);
    await stack?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('renders the index page of the real mini-program with its Chinese title, without errors', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(app.url);
    await expectText(page.locator('#pv-title'), '通联停车');
    const heading = page
      .locator('.pv-page[data-route="pages/index/index"]')
      .getByText('扫码停车缴费');
    await heading.waitFor();
    // 750 rpx fill the 375-px screen: the page is laid out at 750 px and shown at half size.
    const box = await page.locator('.pv-page').boundingBox();
    expect(box?.width).toBeCloseTo(375, 0);
    await expectVisible(page.locator('#pv-back'), false);
    await screenshot(page, 'index');
    expect(errors).toEqual([]);
    await page.close();
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
