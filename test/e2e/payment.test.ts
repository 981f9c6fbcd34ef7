import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_MERCHANT, startSandbox, type SandboxHandle } from '../../sandbox';
import { createAllinpayClient, type AllinpayClient } from '../../server/allinpay-client';
import { startPreview, type PreviewHandle } from '../../preview';
import {
  describeInChromium,
  expectText,
  launchPhoneBrowser,
  newPage,
  screenshot,
  type PhoneBrowser,
} from './browser';

// wx.requestPayment in the preview: the sandbox cashier opens over the phone screen and its
// result (postMessage from sandbox/cashier-page.ts) settles the call.

// Generous for a machine busy with the other suites; a normal run takes a few seconds.
jest.setTimeout(60_000);

describeInChromium('wx.requestPayment through the sandbox cashier', () => {
  let browser: PhoneBrowser;
  let preview: PreviewHandle;
  let sandbox: SandboxHandle;
  let sink: http.Server;
  let client: AllinpayClient;
  let dataDir: string;
  let serial = 0;

  beforeAll(async () => {
    // The sandbox notifies results: a local sink acknowledges them.
    sink = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('success'));
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-pay-'));
    sandbox = await startSandbox({ port: 0, dataDir, log: () => undefined });
    client = createAllinpayClient({
      baseUrl: sandbox.url,
      cusid: DEMO_MERCHANT.cusid,
      appid: DEMO_MERCHANT.appid,
      password: DEMO_MERCHANT.password,
      notifyUrl: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/notify`,
      queryRetries: 0,
    });
    [browser, preview] = await Promise.all([
      launchPhoneBrowser(),
      startPreview({
        port: 0,
        functionsUrl: 'http://127.0.0.1:9',
        sandboxUrl: sandbox.url,
        miniprogramRoot: path.join(__dirname, 'fixtures', 'app'),
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), preview?.close()]);
    await sandbox?.close();
    await new Promise((resolve) => sink?.close(resolve));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens an order at the sandbox and the fixture's pay page with its payinfo. */
  async function payPageFor(fee: number) {
    const reqsn = `PV${Date.now().toString(36)}${(serial++).toString(36)}`;
    const opened = await client.pay({
      pro: '44',
      parkingNo: 'P001',
      payTime: Math.floor(Date.now() / 1000),
      reqsn,
      fee,
      openid: 'oDEMO-driver-000000000000000',
    });
    const payinfo = encodeURIComponent(JSON.stringify(opened.payinfo));
    const { page, errors } = await newPage(browser);
    await page.goto(`${preview.url}?page=pages/pay/pay&payinfo=${payinfo}`);
    await expectText(page.locator('#pv-title'), '支付');
    return { reqsn, page, errors };
  }

  const stateOf = async (reqsn: string) => {
    const res = await fetch(`${sandbox.url}/_sandbox/transactions/${DEMO_MERCHANT.cusid}/${reqsn}`);
    const body = (await res.json()) as { transaction?: { state?: string }; state?: string };
    return body.transaction?.state ?? body.state;
  };

  it('pays at the cashier and resolves requestPayment', async () => {
    const { reqsn, page, errors } = await payPageFor(1250);
    await page.locator('[data-test="pay"]').tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await screenshot(page, 'payment-cashier');
    await cashier.locator('button.pay').tap();
    await expectText(page.locator('[data-test="result"]'), '支付成功');
    expect(await page.locator('.pv-cashier').count()).toBe(0);
    expect(await stateOf(reqsn)).toBe('paid');
    await screenshot(page, 'payment-paid');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reports a cancel at the cashier, and a closed sheet, as requestPayment:fail cancel', async () => {
    const { reqsn, page, errors } = await payPageFor(800);
    await page.locator('[data-test="pay"]').tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.cancel').tap();
    await expectText(page.locator('[data-test="result"]'), 'requestPayment:fail cancel');
    expect(await stateOf(reqsn)).not.toBe('paid');

    const second = await payPageFor(900);
    await second.page.locator('[data-test="pay"]').tap();
    await second.page.frameLocator('.pv-cashier__frame').locator('button.pay').waitFor();
    await second.page.locator('.pv-cashier__close').tap();
    await expectText(second.page.locator('[data-test="result"]'), 'requestPayment:fail cancel');
    expect(await stateOf(second.reqsn)).toBe('waiting');
    expect([...errors, ...second.errors]).toEqual([]);
    await Promise.all([page.close(), second.page.close()]);
  });
});
