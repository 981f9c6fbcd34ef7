import type { Page } from 'playwright-core';
import { formatFen } from '../../../core/money';
import type { Txn } from '../../../sandbox/ledger';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  onTop,
  openPreview,
  sandboxChinaDate,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots, fen, ledger, scan } from './day-kit';

// A day in a lot (issue 11): a car without a plate, which no camera reads, at the pay-at-exit
// office lot (¥6.00 per started hour, 15 free minutes). It enters by scanning the entry code with
// the plate derived from the driver's WeChat, pays at the exit code (the scan is its exit), and
// does it all again later the same day: the second visit is a new session with its own fee.
// 我的停车 lists both as finished, each with the amount the sandbox's ledger holds.

jest.setTimeout(90_000);

const SCENARIO = 'scenario-no-plate-twice';
const LOT = '科技园写字楼停车场';

const shot = dayShots(SCENARIO);

async function officePays(world: FlowWorld): Promise<Txn[]> {
  return (await ledger(world)).filter(
    (t) => t.kind === 'pay' && t.request.parkingNo === 'SZOFFICE001',
  );
}

describeInChromium('a day in a lot: a car without a plate, in and out twice', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  /** In by the entry code with the derived plate; returns the plate shown. */
  async function enter(page: Page, visit: number): Promise<string> {
    await scan(page, `${LOT} · 东门入口`, { fromHome: true });
    await expectText(onTop(page, 'plate__lot'), LOT);
    await onTop(page, 'plate__no-plate').first().tap();
    await expectTextContaining(onTop(page, 'plate__derived-plate'), '粤');
    const plate = (await onTop(page, 'plate__derived-plate').textContent())!.trim();
    expect(plate).toMatch(/^粤[A-Z0-9]{6}$/);
    await onTop(page, 'plate__use-derived').first().tap();
    await expectText(onTop(page, 'entry__lot'), LOT);
    await expectText(onTop(page, 'entry__plate'), '无牌车（专属车牌）');
    await shot(page, `${visit}a-entry`);
    await onTop(page, 'entry__action').first().tap();
    await expectTextContaining(onTop(page, 'entry__done-title'), '道闸正在开启');
    await shot(page, `${visit}b-entered`);
    await onTop(page, 'entry__home').first().tap();
    return plate;
  }

  /** Out by the exit code, paying at the sandbox cashier; returns the fee shown. */
  async function leave(page: Page, visit: number, plate: string, duration: string, due: string) {
    await scan(page, `${LOT} · 东门出口`, { fromHome: true });
    await expectText(page.locator('#pv-title'), '停车缴费');
    await expectText(onTop(page, 'pay__plate'), plate);
    await expectText(onTop(page, 'pay__duration'), duration);
    await expectText(onTop(page, 'pay__due'), due);
    await expectText(onTop(page, 'pay__action'), `支付 ${due}`);
    await shot(page, `${visit}c-exit-fee`);
    await onTop(page, 'pay__action').first().tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await expectText(cashier.locator('button.pay'), `确认支付 ${due}`);
    await cashier.locator('button.pay').tap();
    await expectText(onTop(page, 'pay__opened-text'), '道闸正在开启');
    await expectText(onTop(page, 'pay__notice'), '支付成功，道闸正在开启');
    await expectText(onTop(page, 'pay__charged'), due);
    await expectText(onTop(page, 'pay__due'), '¥0.00');
    await shot(page, `${visit}d-paid`);
  }

  it('two visits, two sessions with their own fees, both finished in 我的停车 as the ledger has them', async () => {
    const { page, errors } = await openPreview(world);
    const day = await sandboxChinaDate(world);

    const plate = await enter(page, 1);
    // 1 h 40 min: two started hours at ¥6.00.
    await advanceClock(world, 100 * 60);
    await leave(page, 1, plate, '1 小时 40 分钟', '¥12.00');

    // A few hours later the same car comes back, and stays 50 minutes: one started hour.
    await advanceClock(world, 3 * 3600);
    await page.goto(world.previewUrl);
    const again = await enter(page, 2);
    expect(again).toBe(plate);
    await advanceClock(world, 50 * 60);
    await leave(page, 2, plate, '50 分钟', '¥6.00');
    // Still the same China day of the sandbox clock.
    expect(await sandboxChinaDate(world)).toBe(day);

    // The platform's books: two pays of that plate, one per visit, each for its own fee.
    const pays = (await officePays(world)).filter((t) => t.state === 'paid');
    expect(pays.map((t) => t.fee).sort((a, b) => a - b)).toEqual([600, 1200]);
    expect(new Set(pays.map((t) => t.request.LPR))).toEqual(new Set([plate.slice(1)]));

    // 我的停车: nothing live, two finished records of that plate with the amounts paid.
    await page.goto(`${world.previewUrl}?page=pages/sessions/sessions`);
    await expectText(page.locator('#pv-title'), '我的停车');
    const history = onTop(page, 'sessions__history');
    await history.first().waitFor();
    expect(await onTop(page, 'sessions__live').count()).toBe(0);
    await expect(history.count()).resolves.toBe(2);
    const cards = await history.evaluateAll((els) =>
      els.map((el) => {
        const part = (cls: string) =>
          el.querySelector(`[class$="--${cls}"], [class*="--${cls} "]`)?.textContent?.trim() ?? '';
        return {
          plate: part('session-card__plate'),
          state: part('session-card__state'),
          meta: part('session-card__meta'),
          amount: part('session-card__amount'),
        };
      }),
    );
    expect(cards.map((c) => c.plate)).toEqual([plate, plate]);
    for (const c of cards) {
      expect(c.state).toBe('已离场');
      expect(c.meta).toContain(LOT);
    }
    // Newest first: the second visit's ¥6.00, then the first's ¥12.00, as the ledger has them.
    const byPaidAt = [...pays].sort((a, b) => (b.paidAt ?? 0) - (a.paidAt ?? 0));
    expect(cards.map((c) => c.amount)).toEqual(byPaidAt.map((t) => `实付 ${formatFen(t.fee)}`));
    expect(cards.map((c) => fen(c.amount.replace('实付 ', '')))).toEqual([600, 1200]);
    await shot(page, '3-history');

    // Each receipt: its own fee and duration.
    await history.nth(1).tap();
    await expectText(page.locator('#pv-title'), '停车明细');
    const rowValue = (key: string) =>
      onTop(page, `receipt__row--${key}`).locator('[class$="--row__value"]');
    await expectText(onTop(page, 'receipt__plate'), plate);
    await expectText(rowValue('duration'), '1 小时 40 分钟');
    await expectText(rowValue('charged'), '¥12.00');
    await shot(page, '4-receipt-first');
    expect(errors).toEqual([]);
    await page.close();
  });
});
