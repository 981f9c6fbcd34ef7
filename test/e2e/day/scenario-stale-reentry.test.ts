import type { Page } from 'playwright-core';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  onTop,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots, lane, scan, typePlate } from './day-kit';

// A day in a lot (issue 11): at the pay-at-exit office lot a driver checks in by the entry code
// with a plate; the car leaves without its exit ever being recorded (the barrier was up). Six
// hours later the lot's camera (the preview's 车道 panel) sees the same plate enter again: the old
// session is closed as 未记录出场 and flagged for the operator (仅异常 shows it), the new visit is
// live, and the driver's home no longer shows the old one as 在场. At the exit the driver pays
// the new visit only, timed from the new entry.

jest.setTimeout(90_000);

const SCENARIO = 'scenario-stale-reentry';
const LOT = '科技园写字楼停车场';
const PLATE = '粤B64001';

const shot = dayShots(SCENARIO, '.pv-stage');

/** The session cards of a list on the page on top: plate, state and meta. */
function cardsOf(page: Page, cls: string) {
  return onTop(page, cls).evaluateAll((els) =>
    els.map((el) => {
      const part = (c: string) =>
        el.querySelector(`[class$="--${c}"], [class*="--${c} "]`)?.textContent?.trim() ?? '';
      return { plate: part('session-card__plate'), state: part('session-card__state') };
    }),
  );
}

describeInChromium('a day in a lot: a session left open, then the same plate enters again', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('closes the old one as 未记录出场 (flagged), keeps the new one live', async () => {
    const { page, errors } = await openPreview(world);
    await scan(page, `${LOT} · 东门入口`, { fromHome: true });
    await typePlate(page, PLATE);
    await onTop(page, 'plate__next').first().tap();
    await expectText(onTop(page, 'entry__plate'), PLATE);
    await onTop(page, 'entry__action').first().tap();
    await expectTextContaining(onTop(page, 'entry__done-title'), '道闸正在开启');
    await onTop(page, 'entry__home').first().tap();
    await expectText(page.locator('#pv-title'), '通联停车');
    await onTop(page, 'home__session').first().waitFor();
    expect(await cardsOf(page, 'home__session')).toEqual([{ plate: PLATE, state: '在场' }]);
    await shot(page, '1-first-visit-live');

    // The car left with the barrier up: no exit. Six hours later the camera reads it entering.
    await advanceClock(world, 6 * 3600);
    expect(await lane(page, 'gate-office-in', PLATE)).toBe(`抬杆 · ${PLATE} 欢迎光临`);
    await advanceClock(world, 20 * 60);

    // The driver's home: the old visit is no longer 在场.
    await page.goto(world.previewUrl);
    await expectText(page.locator('#pv-title'), '通联停车');
    await onTop(page, 'home__scan').waitFor();
    expect(await onTop(page, 'home__session').count()).toBe(0);
    await shot(page, '2-home-after-reentry');
    await page.goto(`${world.previewUrl}?page=pages/sessions/sessions`);
    await expectText(page.locator('#pv-title'), '我的停车');
    await onTop(page, 'sessions__history').first().waitFor();
    expect(await onTop(page, 'sessions__live').count()).toBe(0);
    expect(await cardsOf(page, 'sessions__history')).toEqual([
      { plate: PLATE, state: '未记录出场' },
    ]);
    await shot(page, '3-history-exit-not-recorded');

    // The operator: under 仅异常 only the old visit, flagged; without the filter both, one live.
    await page.goto(world.previewUrl);
    await expectText(page.locator('#pv-title'), '通联停车');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#pv-identity').selectOption('operator'),
    ]);
    await onTop(page, 'admin-entry').first().tap();
    await expectText(page.locator('#pv-title'), '停车场管理');
    await onTop(page, 'admin-home__lot-name').filter({ hasText: LOT }).tap();
    await onTop(page, 'admin-lot__link').filter({ hasText: '停车记录' }).tap();
    await expectText(page.locator('#pv-title'), '停车记录');
    const rows = onTop(page, 'admin-sessions__row').filter({ hasText: PLATE });
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(2);
    const states = await rows.evaluateAll((els) =>
      els.map(
        (el) => el.querySelector('[class$="--admin-sessions__state"]')?.textContent?.trim() ?? '',
      ),
    );
    expect([...states].sort()).toEqual(['未记录出场', '在场'].sort());
    await shot(page, '4-operator-all');
    await onTop(page, 'admin-sessions__flagged').first().tap();
    await expectText(onTop(page, 'admin-sessions__total'), '共 1 条');
    const flagged = onTop(page, 'admin-sessions__row');
    await expectTextContaining(flagged.first(), PLATE);
    await expectTextContaining(flagged.first(), '未记录出场');
    await expectTextContaining(onTop(page, 'admin-sessions__anomaly').first(), '异常：');
    await shot(page, '5-operator-flagged-only');

    // Back to the driver: the exit finds the new visit, timed from the camera's entry.
    await page.goto(world.previewUrl);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#pv-identity').selectOption('driver'),
    ]);
    await scan(page, `${LOT} · 东门出口`, { fromHome: true });
    await typePlate(page, PLATE);
    await onTop(page, 'plate__next').first().tap();
    await expectText(page.locator('#pv-title'), '停车缴费');
    await expectText(onTop(page, 'pay__plate'), PLATE);
    await expectText(onTop(page, 'pay__duration'), '20 分钟');
    await expectText(onTop(page, 'pay__due'), '¥6.00');
    await shot(page, '6-exit-new-visit');
    expect(errors).toEqual([]);
    await page.close();
  });
});
