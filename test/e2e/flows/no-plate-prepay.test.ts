import type { Page } from 'playwright-core';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  onTop,
  openPreview,
  shot,
  startFlowWorld,
  type FlowWorld,
} from './flow-stack';

// Flow (a): a car without a plate scans the entry gate of the mall lot (entry prepay), sees the
// plate derived for it, prepays at the sandbox cashier and enters; time passes; it scans the exit,
// sees the fee, the gate opens; the receipt shows what was charged and what came back.

jest.setTimeout(60_000);

const FLOW = 'no-plate';

/** ¥12.34 → 1234 (integer fen, never through a float). */
const fen = (shown: string) => Number(shown.replace(/^¥/, '').replace('.', ''));
const yuan = (amount: number) =>
  `¥${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;

describeInChromium('flow (a): a car without a plate, prepay at entry', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  async function scan(page: Page, label: string) {
    await onTop(page, 'home__scan').first().tap();
    await page.locator('.pv-sheet__item', { hasText: label }).tap();
  }

  async function payAtCashier(page: Page) {
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    return cashier;
  }

  it('derives a plate, prepays, leaves through the exit and shows the receipt', async () => {
    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');
    await shot(page, FLOW, '1-home');

    await scan(page, '深圳湾商场停车场 · 北门入口');
    await onTop(page, 'plate__no-plate').first().tap();
    await expectTextContaining(onTop(page, 'plate__derived-plate'), '粤');
    const plate = (await onTop(page, 'plate__derived-plate').textContent())!.trim();
    expect(plate).toMatch(/^粤[A-Z0-9]{6}$/);
    await shot(page, FLOW, '2-derived-plate');

    await onTop(page, 'plate__use-derived').first().tap();
    await expectText(onTop(page, 'entry__plate'), '无牌车（专属车牌）');
    await shot(page, FLOW, '3-entry-terms');
    await onTop(page, 'entry__action').first().tap();
    const cashier = await payAtCashier(page);
    await shot(page, FLOW, '4-cashier');
    await cashier.locator('button.pay').tap();
    await expectTextContaining(onTop(page, 'entry__done-title'), '道闸正在开启');
    await shot(page, FLOW, '5-entered');

    // Two hours and a quarter in the lot: the fee accrues on the sandbox clock the functions follow.
    await advanceClock(world, 2 * 3600 + 900);
    await onTop(page, 'entry__home').first().tap();
    await expectText(page.locator('#pv-title'), '通联停车');
    await scan(page, '深圳湾商场停车场 · 北门出口');
    await expectText(onTop(page, 'pay__plate'), plate);
    await expectText(onTop(page, 'pay__duration'), '2 小时 15 分钟');
    await expectText(onTop(page, 'pay__frozen'), '¥50.00');
    // The tariff's day or night rate applies by the hour the test runs: any fee above zero.
    const due = (await onTop(page, 'pay__due').textContent())!.trim();
    expect(due).toMatch(/^¥\d+\.\d{2}$/);
    expect(due).not.toBe('¥0.00');
    await shot(page, FLOW, '6-exit-fee');

    // Settled from the freeze: no second trip to the cashier.
    await onTop(page, 'pay__action').first().tap();
    await expectText(onTop(page, 'pay__opened-text'), '道闸正在开启');
    await expectText(onTop(page, 'pay__charged'), due);
    await shot(page, FLOW, '7-gate-opening');

    await onTop(page, 'pay__receipt').first().tap();
    await expectText(page.locator('#pv-title'), '停车明细');
    await onTop(page, 'receipt__plate').waitFor();
    await shot(page, FLOW, '8-receipt');
    const rowValue = (key: string) =>
      onTop(page, `receipt__row--${key}`).locator('[class$="--row__value"]');
    await expectText(rowValue('duration'), '2 小时 15 分钟');
    await expectText(rowValue('charged'), due);
    await expectText(rowValue('frozen'), '¥50.00');
    // What was frozen and not charged went back.
    await expectText(rowValue('returned'), yuan(5000 - fen(due)));

    expect(errors).toEqual([]);
    await page.close();
  });
});
