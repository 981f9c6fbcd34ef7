import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startFunctionHost, type FunctionHost } from '../../emulator';
import { startPreview, type PreviewHandle } from '../../preview';
import {
  describeInChromium,
  expectCount,
  expectEventually,
  expectText,
  expectTextContaining,
  expectVisible,
  launchPhoneBrowser,
  newPage,
  screenshot,
  type PhoneBrowser,
} from './browser';
import { writeNpmFixture } from './fixtures/npm-fixture';

// The browser preview in Debian's Chromium: the real mini-program (miniprogram/) and a small
// fixture app for the page stack and the wx APIs. Screenshots go to artifacts/e2e/.

// Generous for a machine busy with the other suites; a normal run takes a few seconds.
jest.setTimeout(60_000);

const FIXTURE_APP = path.join(__dirname, 'fixtures', 'app');
const DEMO_DRIVER = 'oDEMO-driver-000000000000000';
const DEMO_OWNER = 'oDEMO-owner-0000000000000000';

/** An element of the mini-program's own markup, by its data-test attribute. */
const byTest = (page: Page, name: string) => page.locator(`[data-test="${name}"]`);

/** The characters in the plate keyboard's boxes (j-component does not render aria-label). */
const plateShown = async (page: Page) =>
  (
    await page
      .locator('[class*="plate-keyboard__box"][data-index]:not([class*="placeholder"])')
      .allTextContents()
  ).join('');

describeInChromium('browser preview of the mini-program', () => {
  let browser: PhoneBrowser;
  let preview: PreviewHandle;
  let fixture: PreviewHandle;
  let functions: FunctionHost;

  beforeAll(async () => {
    functions = await startFunctionHost({
      // The fixture function never touches the database.
      databaseUrl: 'http://127.0.0.1:9',
      functions: { whoami: { entry: path.join(__dirname, 'fixtures', 'functions', 'whoami.ts') } },
      timers: false,
      // Started now rather than on the first call, which a busy machine makes slow.
      warm: true,
      log: () => undefined,
    });
    [browser, preview, fixture] = await Promise.all([
      launchPhoneBrowser(),
      startPreview({ port: 0, functionsUrl: functions.url, sandboxUrl: 'http://127.0.0.1:9' }),
      startPreview({
        port: 0,
        functionsUrl: functions.url,
        sandboxUrl: 'http://127.0.0.1:9',
        miniprogramRoot: FIXTURE_APP,
        scanChoices: [{ label: '演示入口闸机', scene: 'g=gate-demo-in' }],
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), preview?.close(), fixture?.close()]);
    await functions?.close();
  });

  it('types 粤B12345 on the plate keyboard by touch and shows it valid', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${preview.url}?component=plate-keyboard`);
    await expectText(page.locator('#pv-title'), '组件预览 · plate-keyboard');
    // The keys by role and name: the component's aria-role/aria-label reach the DOM.
    for (const key of ['粤', 'B', '1', '2', '3', '4', '5']) {
      await page.getByRole('button', { name: key, exact: true }).tap();
    }
    await expectCount(page.locator('[aria-label="车牌号 粤B12345"]'), 1);
    await expectCount(page.getByRole('button', { name: '第 3 位 1' }), 1);
    await expectEventually(() => plateShown(page), '粤B12345');
    await expectCount(page.locator('[class*="__status--valid"]'), 1);
    const change = page.locator('.pv-event-log__line[data-event="change"]').first();
    await expectTextContaining(change, '"value":"粤B12345","valid":true');
    await screenshot(page, 'plate-keyboard-valid');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes a mouse click as a tap, for people at a desktop browser', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${preview.url}?component=plate-keyboard`);
    await page.locator('[data-key="京"]').click();
    await page.locator('[data-key="A"]').click();
    await expectEventually(() => plateShown(page), '京A');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('navigates to a second page and back, with titles and lifecycles', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fixture.url);
    await expectText(page.locator('#pv-title'), '夹具首页');
    await expectText(byTest(page, 'shows'), '显示 1 次');
    // The module app.js changed is the one the page reads: modules are shared, not per page.
    await expectText(byTest(page, 'greeting'), '来自 app 的问候');
    await byTest(page, 'next').tap();
    await expectText(page.locator('#pv-title'), '第二页');
    await expectText(byTest(page, 'from'), '来自 home');
    await expectVisible(page.locator('#pv-back'), true);
    await screenshot(page, 'fixture-second-page');
    // The frame's back button, then wx.navigateBack from the page itself.
    await page.locator('#pv-back').tap();
    await expectText(page.locator('#pv-title'), '夹具首页');
    await expectText(byTest(page, 'shows'), '显示 2 次');
    await expectVisible(page.locator('#pv-back'), false);
    await byTest(page, 'next').tap();
    await byTest(page, 'back').tap();
    await expectText(page.locator('#pv-title'), '夹具首页');
    await expectText(byTest(page, 'shows'), '显示 3 次');
    await expectCount(page.locator('.pv-page'), 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps storage across reloads and answers a modal', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fixture.url);
    await byTest(page, 'save').tap();
    await page.reload();
    await expectText(byTest(page, 'saved'), '已保存的笔记');
    await byTest(page, 'ask').tap();
    await expectTextContaining(page.locator('.pv-modal'), '继续吗？');
    await screenshot(page, 'fixture-modal');
    await page.locator('.pv-modal__button', { hasText: '确定' }).tap();
    await expectText(byTest(page, 'answer'), '选了确定');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('calls cloud functions as the driver or the operator chosen in the toolbar', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fixture.url);
    await byTest(page, 'who').tap();
    await expectText(byTest(page, 'openid'), DEMO_DRIVER);
    await expectText(byTest(page, 'echo'), '你好');
    // The switch reloads the app as the other user: wait for that load before going on.
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#pv-identity').selectOption('operator'),
    ]);
    await expectText(page.locator('#pv-openid'), DEMO_OWNER);
    await byTest(page, 'who').tap();
    await expectText(byTest(page, 'openid'), DEMO_OWNER);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#pv-identity').selectOption('driver'),
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('scans a code offered by the scan sheet', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fixture.url);
    await byTest(page, 'scan').tap();
    await screenshot(page, 'fixture-scan-sheet');
    await page.locator('.pv-sheet__item', { hasText: '演示入口闸机' }).tap();
    await expectText(byTest(page, 'scanned'), 'WX_CODE g=gate-demo-in');
    await byTest(page, 'scan').tap();
    await page.locator('.pv-sheet__cancel').tap();
    await expectText(byTest(page, 'scanned'), 'scanCode:fail cancel');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('types in an input, shows an image and taps a button (built-ins made real)', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${fixture.url}?page=pages/form/form`);
    await expectText(page.locator('#pv-title'), '表单');
    const input = page.locator('[data-test="reason"] input');
    await input.tap();
    await input.pressSequentially('闸机故障');
    await expectText(byTest(page, 'typed'), '闸机故障');
    await input.press('Enter');
    await expectText(byTest(page, 'confirmed'), '确认：闸机故障');
    await expectText(byTest(page, 'image-size'), '40×20');
    // A local image of the mini-program folder, by its absolute path.
    await expectText(byTest(page, 'icon-size'), '24×12');
    await byTest(page, 'submit').tap();
    await expectText(page.locator('.pv-toast'), '✓已提交');
    await screenshot(page, 'fixture-builtins');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tells a long page it scrolled and reached the bottom', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${fixture.url}?page=pages/long/long`);
    await expectText(byTest(page, 'bottom'), '到底 0 次');
    const scroller = page.locator('.pv-page__scroll');
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expectText(byTest(page, 'bottom'), '到底 1 次');
    await expectText(byTest(page, 'scrolled'), '已滚动');
    // Back to the top, once the page has seen that scroll, then down again.
    await scroller.evaluate(
      (el) =>
        new Promise<void>((resolve) => {
          el.addEventListener('scroll', () => resolve(), { once: true });
          el.scrollTo(0, 0);
        }),
    );
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expectText(byTest(page, 'bottom'), '到底 2 次');
    await screenshot(page, 'fixture-long-page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a page from a QR code scene, as WeChat passes it (still encoded)', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fixture.url);
    await expectText(byTest(page, 'launch'), '1001');
    await page.goto(`${fixture.url}?page=pages/home/home&scene=g%3Dgate-demo-in`);
    await expectText(byTest(page, 'launch'), '1047 g%3Dgate-demo-in');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a component library from node_modules with <wxs src> modules', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-npm-'));
    writeNpmFixture(dir);
    const npmPreview = await startPreview({
      port: 0,
      functionsUrl: functions.url,
      sandboxUrl: 'http://127.0.0.1:9',
      miniprogramRoot: dir,
    });
    try {
      const { page, errors } = await newPage(browser);
      await page.goto(npmPreview.url);
      await expectText(byTest(page, 'badge'), '¥12.50 数字');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await npmPreview.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets the title, offers an action sheet and an editable modal, and fetches', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${fixture.url}?page=pages/apis/apis`);
    await expectText(page.locator('#pv-title'), '接口');
    await byTest(page, 'title').tap();
    await expectText(page.locator('#pv-title'), '新标题');
    await byTest(page, 'sheet').tap();
    await page.locator('.pv-sheet__item', { hasText: '取消订单' }).tap();
    await expectText(byTest(page, 'out'), '选了 1');
    await byTest(page, 'sheet').tap();
    await page.locator('.pv-sheet__cancel').tap();
    await expectText(byTest(page, 'out'), 'showActionSheet:fail cancel');
    await byTest(page, 'reason').tap();
    await page.locator('.pv-modal__input').fill('车主投诉');
    await page.locator('.pv-modal__button', { hasText: '确定' }).tap();
    await expectText(byTest(page, 'out'), '原因：车主投诉');
    await byTest(page, 'request').tap();
    await expectText(byTest(page, 'out'), '200 o-request 请求');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('redirects, relaunches, and stops at ten pages as WeChat does', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${fixture.url}?page=pages/apis/apis`);
    for (let depth = 2; depth <= 10; depth++) {
      await byTest(page, 'deep').last().tap();
      await expectText(byTest(page, 'depth').last(), String(depth));
    }
    await byTest(page, 'deep').last().tap();
    await expectText(byTest(page, 'out').last(), 'navigateTo:fail webview count limit exceed');
    await expectCount(page.locator('.pv-page'), 10);
    // redirectTo replaces the top page: still ten, and back leads to the ninth.
    await byTest(page, 'redirect').last().tap();
    await expectText(page.locator('#pv-title'), '第二页');
    await expectText(byTest(page, 'from'), '来自 redirect');
    await expectCount(page.locator('.pv-page'), 10);
    await page.locator('#pv-back').tap();
    await expectText(byTest(page, 'depth').last(), '9');
    await byTest(page, 'relaunch').last().tap();
    await expectText(page.locator('#pv-title'), '夹具首页');
    await expectCount(page.locator('.pv-page'), 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('picks from a list and a date, and toggles a switch', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${fixture.url}?page=pages/form/form`);
    await byTest(page, 'duration').tap();
    await page.locator('.pv-picker .pv-sheet__item', { hasText: '2 小时' }).tap();
    await expectText(byTest(page, 'duration'), '时长：2 小时');
    await byTest(page, 'day').tap();
    await page.locator('.pv-picker input[type="date"]').fill('2026-12-01');
    await page.locator('.pv-picker .pv-scan__submit').tap();
    await expectText(byTest(page, 'day'), '日期：2026-12-01');
    await page.getByRole('switch').tap();
    await expectText(byTest(page, 'notify-state'), '通知开');
    await screenshot(page, 'fixture-pickers');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the page on top in the address, so a reload comes back to it', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(fixture.url);
    await byTest(page, 'next').tap();
    await expectText(page.locator('#pv-title'), '第二页');
    expect(new URL(page.url()).search).toBe('?page=pages/second/second&from=home');
    await page.reload();
    await expectText(page.locator('#pv-title'), '第二页');
    await expectText(byTest(page, 'from'), '来自 home');
    expect(errors).toEqual([]);
    await page.close();
  });
});
