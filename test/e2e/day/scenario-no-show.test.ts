import { formatFen } from '../../../core/money';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  classed,
  onTop,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots, fen, ledgerOf, typePlate } from './day-kit';

// A day in a lot (issue 11): a roadside booking whose driver never comes. The booking freezes
// ¥30.00 and holds the spot 15 minutes; the rule shown at booking is that a no-show pays the
// booking fee. Twenty minutes later the reconcile timer settles it by that rule: the driver's
// receipt shows the 预订费 line, what was charged and what went back, as the sandbox's ledger has
// them, and the spot is free again.

jest.setTimeout(90_000);

const SCENARIO = 'scenario-no-show';
const PLATE = '粤B65001';
const SPOT = '科苑路 A-004 泊位';

const shot = dayShots(SCENARIO);

describeInChromium('a day in a lot: a roadside booking, the driver never comes', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('settles the no-show by its rule; the receipt shows 预订费 and what came back, as the ledger', async () => {
    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');
    await onTop(page, 'home__scan').first().tap();
    await page.locator('.pv-sheet__item', { hasText: SPOT }).tap();
    await expectText(page.locator('#pv-title'), '路边停车');
    const spotRow = () => onTop(page, 'roadside__spot').filter({ hasText: SPOT });
    await classed(spotRow(), 'roadside__book').first().tap();
    await expectText(page.locator('#pv-title'), '输入车牌');
    await typePlate(page, PLATE);
    await onTop(page, 'plate__next').first().tap();
    await expectText(onTop(page, 'entry__place'), SPOT);
    await expectTextContaining(onTop(page, 'entry__action'), '预付 ¥30.00 并预订');
    // The no-show rule, shown before the driver commits.
    const terms = (await onTop(page, 'entry__term').allTextContents()).join('\n');
    expect(terms).toContain('¥2.00');
    await shot(page, '1-booking-terms');
    await onTop(page, 'entry__action').first().tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await cashier.locator('button.pay').tap();
    await expectTextContaining(onTop(page, 'entry__done-title'), '预订成功');
    await onTop(page, 'entry__see-spot').first().tap();
    await expectText(onTop(page, 'roadside__mine-state'), '已预订');
    await expectText(onTop(page, 'roadside__mine-frozen'), '¥30.00');
    await shot(page, '2-booked');

    const [frozen] = await ledgerOf(world, 'B65001');
    expect(frozen).toMatchObject({ kind: 'prepay', state: 'frozen', fee: 3000 });

    // The driver never comes. Twenty minutes on, the hold is over; the reconcile timer runs.
    await advanceClock(world, 20 * 60);
    const fired = await world.stack.emulator.functions.fireTimer('reconcile');
    expect(fired).toMatchObject({ ok: true });

    // The ledger: the freeze finished for the booking fee, the rest returned.
    const [settled] = await ledgerOf(world, 'B65001');
    expect(settled).toMatchObject({ kind: 'prepay', fee: 3000 });
    expect(settled!.feeFinish + settled!.feeBack).toBe(3000);
    expect(settled!.feeFinish).toBe(200);

    // The spot is free again, and the driver holds nothing there.
    await page.goto(`${world.previewUrl}?page=pages/sessions/sessions`);
    await expectText(page.locator('#pv-title'), '我的停车');
    await onTop(page, 'sessions__history').first().waitFor();
    expect(await onTop(page, 'sessions__live').count()).toBe(0);
    const card = onTop(page, 'sessions__history').filter({ hasText: PLATE });
    await expectTextContaining(card, formatFen(settled!.feeFinish));
    await shot(page, '3-history');
    await card.first().tap();
    await expectText(page.locator('#pv-title'), '停车明细');
    await expectText(onTop(page, 'receipt__plate'), PLATE);
    await expectText(onTop(page, 'receipt__state'), '未到场');
    const rowValue = (key: string) =>
      onTop(page, `receipt__row--${key}`).locator('[class$="--row__value"]');
    await expectText(rowValue('booking'), '¥2.00');
    await expectText(rowValue('frozen'), '¥30.00');
    await expectText(rowValue('charged'), formatFen(settled!.feeFinish));
    await expectText(rowValue('returned'), formatFen(settled!.feeBack));
    expect(fen((await rowValue('returned').textContent())!.trim())).toBe(2800);
    await shot(page, '4-receipt');
    expect(errors).toEqual([]);
    await page.close();
  });
});
