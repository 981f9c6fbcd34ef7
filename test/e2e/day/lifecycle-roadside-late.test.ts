import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  classed,
  onTop,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots, typePlate } from './day-kit';

// A day in a lot (issue 11): a roadside booking whose driver arrives after the 15-minute hold.
// 已到达 is refused with the no-show rule shown at booking (the booking fee ¥2.00 charged, the
// rest of the ¥30.00 freeze returned), and the spot is free again — never accepted silently.

jest.setTimeout(90_000);

const SCENARIO = 'lifecycle-roadside-late';
const PLATE = '粤B62001';

const shot = dayShots(SCENARIO);

describeInChromium('a day in a lot: a roadside booking, arrival after the hold', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('refuses the late arrival with the no-show rule and frees the spot', async () => {
    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');
    await onTop(page, 'home__scan').first().tap();
    await page.locator('.pv-sheet__item', { hasText: '科苑路 A-003 泊位' }).tap();
    await expectText(page.locator('#pv-title'), '路边停车');
    const spotRow = () => onTop(page, 'roadside__spot').filter({ hasText: '科苑路 A-003 泊位' });
    await classed(spotRow(), 'roadside__book').first().tap();
    await expectText(page.locator('#pv-title'), '输入车牌');
    await typePlate(page, PLATE);
    await onTop(page, 'plate__next').first().tap();
    await expectTextContaining(onTop(page, 'entry__action'), '预付 ¥30.00 并预订');
    await onTop(page, 'entry__action').first().tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await cashier.locator('button.pay').tap();
    await expectTextContaining(onTop(page, 'entry__done-title'), '预订成功');
    await onTop(page, 'entry__see-spot').first().tap();
    await expectText(onTop(page, 'roadside__mine-state'), '已预订');
    await shot(page, '1-booked');

    // Twenty minutes: the 15-minute hold is over.
    await advanceClock(world, 20 * 60);
    await onTop(page, 'roadside__act--arrive').first().tap();
    await expectTextContaining(onTop(page, 'roadside__notice'), '无法确认到达');
    await expectTextContaining(onTop(page, 'roadside__notice'), '按爽约规则收取 ¥2.00');
    await expectTextContaining(onTop(page, 'roadside__notice'), '其余 ¥28.00 退回');
    await shot(page, '2-late-refused');
    await expectText(classed(spotRow(), 'roadside__spot-status').first(), '空闲');
    await shot(page, '3-spot-free');
    expect(errors).toEqual([]);
    await page.close();
  });
});
