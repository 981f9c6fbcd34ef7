import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  classed,
  onTop,
  openPreview,
  shot,
  startFlowWorld,
  type FlowWorld,
} from './flow-stack';
import { typePlate } from '../day/day-kit';

// Flow (c): a roadside booking at the road lot. The driver scans a spot's code, books a free spot,
// pays the freeze at the sandbox cashier, taps "已到达", parks a while, taps "离开" (settled from
// the freeze), and reads the receipt.

jest.setTimeout(60_000);

const FLOW = 'roadside';
const PLATE = '粤B54321';

/** ¥12.34 → 1234 (integer fen, never through a float). */
const fen = (shown: string) => Number(shown.replace(/^¥/, '').replace('.', ''));

describeInChromium('flow (c): a roadside booking with arrival and leave', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('books a spot, pays the freeze, arrives, leaves and shows the receipt', async () => {
    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');
    await onTop(page, 'home__scan').first().tap();
    await page.locator('.pv-sheet__item', { hasText: '科苑路 A-002 泊位' }).tap();
    await expectText(page.locator('#pv-title'), '路边停车');
    await onTop(page, 'roadside__book').first().waitFor();
    await shot(page, FLOW, '1-spots');
    await classed(
      onTop(page, 'roadside__spot').filter({ hasText: '科苑路 A-002 泊位' }),
      'roadside__book',
    )
      .first()
      .tap();
    await expectText(page.locator('#pv-title'), '输入车牌');
    await typePlate(page, PLATE);
    await onTop(page, 'plate__next').first().tap();
    await expectText(onTop(page, 'entry__place'), '科苑路 A-002 泊位');
    await expectText(onTop(page, 'entry__plate'), PLATE);
    await expectTextContaining(onTop(page, 'entry__action'), '预付 ¥30.00 并预订');
    await shot(page, FLOW, '2-booking-terms');

    await onTop(page, 'entry__action').first().tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await shot(page, FLOW, '3-cashier');
    await cashier.locator('button.pay').tap();
    await expectTextContaining(onTop(page, 'entry__done-title'), '预订成功');
    await shot(page, FLOW, '4-booked');

    await onTop(page, 'entry__see-spot').first().tap();
    await onTop(page, 'roadside__act--arrive').waitFor();
    await expectText(onTop(page, 'roadside__mine-state'), '已预订');
    await expectText(onTop(page, 'roadside__mine-frozen'), '¥30.00');
    await shot(page, FLOW, '5-my-spot');
    await onTop(page, 'roadside__act--arrive').first().tap();
    await expectText(onTop(page, 'roadside__mine-state'), '停车中');
    await expectText(onTop(page, 'roadside__notice'), '已确认到达，开始计费');
    await shot(page, FLOW, '6-arrived');
    // 50 minutes: inside a 30-minute unit, so the seconds the steps take change no fee.
    await advanceClock(world, 50 * 60);
    await onTop(page, 'roadside__act--leave').first().tap();
    // 离开 says first what the freeze will settle and return, and asks.
    await expectTextContaining(page.locator('.pv-modal__content'), '从冻结金额中结算');
    await expectTextContaining(page.locator('.pv-modal__content'), '确认离开后车位释放');
    await page.locator('.pv-modal__button', { hasText: '确认离开' }).tap();
    await expectTextContaining(onTop(page, 'roadside__notice'), '已结算：共收取');
    await expectTextContaining(onTop(page, 'roadside__notice'), '（含预订费 ¥2.00）');
    await onTop(page, 'roadside__left-receipt').first().waitFor();
    await expectText(
      classed(
        onTop(page, 'roadside__spot').filter({ hasText: '科苑路 A-002 泊位' }),
        'roadside__spot-status',
      ).first(),
      '空闲',
    );
    await shot(page, FLOW, '7-left');

    // The receipt, from the driver's history.
    await page.goto(`${world.previewUrl}?page=pages/sessions/sessions`);
    await expectText(page.locator('#pv-title'), '我的停车');
    await onTop(page, 'sessions__history').filter({ hasText: PLATE }).tap();
    await expectText(page.locator('#pv-title'), '停车明细');
    await expectText(onTop(page, 'receipt__plate'), PLATE);
    const rowValue = (key: string) =>
      onTop(page, `receipt__row--${key}`).locator('[class$="--row__value"]');
    await expectText(rowValue('frozen'), '¥30.00');
    const charged = fen((await rowValue('charged').textContent())!.trim());
    const returned = fen((await rowValue('returned').textContent())!.trim());
    // The booking fee and the parking were charged; the rest of the freeze went back.
    await expectText(rowValue('booking'), '¥2.00');
    const parkingFee = fen((await rowValue('fee').textContent())!.trim());
    expect(parkingFee).toBeGreaterThan(0);
    expect(charged).toBe(parkingFee + 200);
    expect(charged + returned).toBe(3000);
    await expectText(rowValue('duration'), '50 分钟');
    await shot(page, FLOW, '8-receipt');
    expect(errors).toEqual([]);
    await page.close();
  });
});
