import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_OWNER_OPENID } from '../../../server/seed/demo-data';
import { ARTIFACTS_DIR, describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  callApi,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { barrierAfter, cameraRead, dayShots, fen, ledgerOf } from './day-kit';

// Issue 12, Deliver 3: the exit's printed code opened in a plain browser (not the mini-program).
// A car comes in on the office lot's entry camera and is held at the exit camera with the fee;
// its driver opens the code's URL (the one the operator prints, op.qrcodes), types the plate on
// the H5 page, pays at the platform's cashier through the browser-redirect flow (no openid), and
// the exit camera's heartbeat, played by the preview's lane panel, raises the barrier. The amount
// on the page is the one the sandbox's ledger charged.

jest.setTimeout(180_000);

const PLATE = '粤B6H501';
const stage = dayShots('h5-lane', '.pv-stage');

/** The H5 page as a phone shows it, saved beside the day's other screens. */
async function phoneShot(page: Page, step: string) {
  const dir = path.join(ARTIFACTS_DIR, 'day');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `h5-lane-${step}.png`), fullPage: true });
}

describeInChromium('issue 12: the exit code in a plain browser pays through the H5 page', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('held at the exit camera, paid on the H5 page at the cashier, let out by the heartbeat', async () => {
    const { page: lane, errors } = await openPreview(world);
    await expectText(lane.locator('#pv-title'), '通联停车');
    expect(await cameraRead(lane, 'gate-office-in', PLATE, '驶入')).toMatchObject({
      opened: 'true',
    });
    // 1 h 40 min: two started hours at ¥6.00.
    await advanceClock(world, 100 * 60);
    const held = await cameraRead(lane, 'gate-office-out', PLATE, '驶出');
    expect(held).toEqual({ text: `未抬杆 · ${PLATE} 请扫码缴费 ¥12.00`, opened: 'false' });

    // The URL the owner prints for that exit.
    const { codes } = await callApi<{ codes: Array<{ id: string; url: string }> }>(
      world,
      DEMO_OWNER_OPENID,
      'op.qrcodes',
      { lotId: 'lot-office' },
    );
    const printed = codes.find((c) => c.id === 'gate-office-out')!.url;
    expect(printed).toBe(`${world.stack.urls.h5}?scene=g%3Agate-office-out`);

    const h5 = await world.browser.context.newPage();
    const h5Errors: string[] = [];
    h5.on('pageerror', (error) => h5Errors.push(error.message));
    h5.on('console', (m) => m.type() === 'error' && h5Errors.push(m.text()));
    await h5.setViewportSize({ width: 390, height: 780 });
    await h5.goto(printed);
    await expectText(h5.locator('h1'), '停车缴费');
    await expectText(h5.locator('.place'), '科技园写字楼停车场 · 东门出口');
    await phoneShot(h5, '0-ask');
    await h5.locator('#plate').fill(PLATE);
    await h5.locator('button', { hasText: '查询停车费' }).click();
    await expectText(h5.locator('#amount'), '¥12.00');
    await expectText(h5.locator('#pay button'), '支付 ¥12.00');
    await phoneShot(h5, '1-fee');

    // The pay button opens the platform in a new window (window.open of the spec's js flow).
    const [cashier] = await Promise.all([
      world.browser.context.waitForEvent('page'),
      h5.locator('#pay button').click(),
    ]);
    await cashier.locator('button.pay').waitFor();
    await expectText(cashier.locator('button.pay'), '确认支付 ¥12.00');
    await expectTextContaining(cashier.locator('main'), PLATE);
    await cashier.locator('button.pay').click();
    await expectText(cashier.locator('.result'), '支付成功');
    await cashier.close();

    // The page learns it, and the exit camera's next heartbeat raises the barrier.
    await h5.waitForFunction(
      () => (document.getElementById('status')?.textContent ?? '').includes('已支付'),
      undefined,
      { timeout: 30_000 },
    );
    expect(await h5.locator('#status').textContent()).toMatch(
      /^已支付，道闸即将抬起，请在 \d\d:\d\d 前出场$/,
    );
    await expect(h5.locator('#pay').isVisible()).resolves.toBe(false);
    await phoneShot(h5, '2-paid');
    expect(await barrierAfter(lane, held.text)).toEqual({
      text: `抬杆 · ${PLATE} 一路顺风`,
      opened: 'true',
    });
    await stage(lane, 'out');

    const pays = (await ledgerOf(world, PLATE.slice(1))).filter((t) => t.kind === 'pay');
    expect(pays.map((t) => [t.state, t.fee, t.browser, t.request.openid])).toEqual([
      ['paid', fen('¥12.00'), true, undefined],
    ]);
    expect(errors).toEqual([]);
    expect(h5Errors).toEqual([]);
    await h5.close();
    await lane.close();
  });
});
