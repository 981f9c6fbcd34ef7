import { describeInChromium, expectText } from '../browser';
import {
  advanceClock,
  onTop,
  openPreview,
  reportAtGate,
  shot,
  startFlowWorld,
  type FlowWorld,
} from './flow-stack';
import { typePlate } from '../day/day-kit';

// Flow (b): a plated car pays at the exit. The mall lot takes a prepay when a driver scans its
// entry gate, so the car comes in as most do: the lot controller reads its plate at the entry and
// reports it to the gate endpoint (signed). At the exit the driver scans the code, types the plate
// on the plate keyboard, pays through the sandbox cashier, and sees the gate opening.

jest.setTimeout(60_000);

const FLOW = 'plated';
const PLATE = '粤B12345';

describeInChromium('flow (b): a plated car pays at the exit', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('types its plate at the exit, pays at the cashier and sees the gate opening', async () => {
    const entry = await reportAtGate(world, 'lot-mall', {
      type: 'entry',
      gateId: 'gate-mall-in',
      plate: PLATE,
    });
    expect(entry).toMatchObject({ status: 200, json: { ok: true } });
    await advanceClock(world, 3600 + 1800);

    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');
    await onTop(page, 'home__scan').first().tap();
    await page.locator('.pv-sheet__item', { hasText: '深圳湾商场停车场 · 北门出口' }).tap();
    await expectText(page.locator('#pv-title'), '输入车牌');
    await typePlate(page, PLATE);
    await shot(page, FLOW, '1-plate-typed');

    await onTop(page, 'plate__next').first().tap();
    await expectText(page.locator('#pv-title'), '停车缴费');
    await expectText(onTop(page, 'pay__plate'), PLATE);
    await expectText(onTop(page, 'pay__duration'), '1 小时 30 分钟');
    // The tariff's day or night rate applies by the hour the test runs: any fee above zero.
    const due = (await onTop(page, 'pay__due').textContent())!.trim();
    expect(due).toMatch(/^¥\d+\.\d{2}$/);
    expect(due).not.toBe('¥0.00');
    await expectText(onTop(page, 'pay__action'), `支付 ${due}`);
    await shot(page, FLOW, '2-exit-fee');

    await onTop(page, 'pay__action').first().tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await shot(page, FLOW, '3-cashier');
    await cashier.locator('button.pay').tap();
    await expectText(onTop(page, 'pay__opened-text'), '道闸正在开启');
    await expectText(onTop(page, 'pay__charged'), due);
    await expectText(onTop(page, 'pay__due'), '¥0.00');
    expect(await onTop(page, 'pay__action').count()).toBe(0);
    await shot(page, FLOW, '4-gate-opening');

    await onTop(page, 'pay__receipt').first().tap();
    await expectText(page.locator('#pv-title'), '停车明细');
    await expectText(onTop(page, 'receipt__row--charged').locator('[class$="--row__value"]'), due);
    await shot(page, FLOW, '5-receipt');
    expect(errors).toEqual([]);
    await page.close();
  });
});
