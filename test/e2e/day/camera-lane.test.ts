import type { Page } from 'playwright-core';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  onTop,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { barrierAfter, cameraRead, dayShots, ledgerOf, scan, typePlate } from './day-kit';

// Issue 12: a day at the pay-at-exit office lot whose lanes have plate cameras. The preview's
// 车道 panel in camera mode pushes what an IVS camera pushes (AlarmInfoPlate reads, comet
// heartbeats) to /camera/<token> and shows the barrier and the LED text of the reply. A car with
// a plate comes in and leaves on camera reads, paying at the exit's code while it is held; a car
// without a plate does the same by its driver's scans, the heartbeat raising the barrier each
// time. Amounts are checked against the sandbox's ledger.

jest.setTimeout(120_000);

const LOT = '科技园写字楼停车场';
const PLATE = '粤B6E201';
const shot = dayShots('camera-lane', '.pv-stage');

/** Pays what the pay page asks at the sandbox cashier; returns the amount shown. */
async function payAtExit(page: Page, due: string) {
  await expectText(page.locator('#pv-title'), '停车缴费');
  await expectText(onTop(page, 'pay__due'), due);
  await onTop(page, 'pay__action').first().tap();
  const cashier = page.frameLocator('.pv-cashier__frame');
  await cashier.locator('button.pay').waitFor();
  await expectText(cashier.locator('button.pay'), `确认支付 ${due}`);
  await cashier.locator('button.pay').tap();
  await expectText(onTop(page, 'pay__opened-text'), '道闸正在开启');
  await expectText(onTop(page, 'pay__charged'), due);
}

describeInChromium('issue 12: a gated lot run by plate cameras, played in the preview', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('a car with a plate: in on the camera read, held at the exit with the fee on the LED, out after paying', async () => {
    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');

    expect(await cameraRead(page, 'gate-office-in', PLATE, '驶入')).toEqual({
      text: `抬杆 · ${PLATE} 欢迎光临`,
      opened: 'true',
    });
    await shot(page, '1-in');

    // 1 h 40 min: two started hours at ¥6.00.
    await advanceClock(world, 100 * 60);
    const held = await cameraRead(page, 'gate-office-out', PLATE, '驶出');
    expect(held).toEqual({ text: `未抬杆 · ${PLATE} 请扫码缴费 ¥12.00`, opened: 'false' });
    await shot(page, '2-held');

    await scan(page, `${LOT} · 东门出口`);
    await typePlate(page, PLATE);
    await onTop(page, 'plate__next').first().tap();
    await payAtExit(page, '¥12.00');
    // The panel's camera keeps polling (comet heartbeat): the barrier goes up by itself.
    expect(await barrierAfter(page, held.text)).toEqual({
      text: `抬杆 · ${PLATE} 一路顺风`,
      opened: 'true',
    });
    await shot(page, '3-out');

    const pays = (await ledgerOf(world, PLATE.slice(1))).filter((t) => t.kind === 'pay');
    expect(pays.map((t) => [t.state, t.fee])).toEqual([['paid', 1200]]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a car without a plate: sent to the code by the camera, in and out by the driver’s scans', async () => {
    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');

    const unread = await cameraRead(page, 'gate-office-in', null, '驶入');
    expect(unread).toEqual({ text: '未抬杆 · 请扫码入场', opened: 'false' });
    await scan(page, `${LOT} · 东门入口`);
    await expectText(onTop(page, 'plate__lot'), LOT);
    await onTop(page, 'plate__no-plate').first().tap();
    await expectTextContaining(onTop(page, 'plate__derived-plate'), '粤');
    const plate = (await onTop(page, 'plate__derived-plate').textContent())!.trim();
    await onTop(page, 'plate__use-derived').first().tap();
    await onTop(page, 'entry__action').first().tap();
    await expectTextContaining(onTop(page, 'entry__done-title'), '道闸正在开启');
    expect(await barrierAfter(page, unread.text)).toEqual({
      text: `抬杆 · ${plate} 欢迎光临`,
      opened: 'true',
    });
    await shot(page, '4-noplate-in');
    await onTop(page, 'entry__home').first().tap();

    // 50 minutes: one started hour.
    await advanceClock(world, 50 * 60);
    const out = await cameraRead(page, 'gate-office-out', null, '驶出');
    expect(out).toEqual({ text: '未抬杆 · 请扫码出场', opened: 'false' });
    await scan(page, `${LOT} · 东门出口`, { fromHome: true });
    await expectText(onTop(page, 'pay__plate'), plate);
    await payAtExit(page, '¥6.00');
    expect(await barrierAfter(page, out.text)).toEqual({
      text: `抬杆 · ${plate} 一路顺风`,
      opened: 'true',
    });
    await shot(page, '5-noplate-out');

    const pays = (await ledgerOf(world, plate.slice(1))).filter((t) => t.kind === 'pay');
    expect(pays.map((t) => [t.state, t.fee])).toEqual([['paid', 600]]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
