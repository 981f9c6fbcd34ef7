import { describeInChromium, expectCount, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  onTop,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { becomes, dayShots, fen, fill, ledgerOf, openBooking, prepayBooking } from './day-kit';

// Issue 14: a street whose operator wants arrears paid before a new booking. The owner sets it
// in the lot's settings; a car's stay is left owing (its freeze charged at 21:00 for a longer
// stay, then it left unseen); the next morning its driver, trying to book, is shown the
// arrears first, cannot book, pays them on the same page and books. The owner's 欠费追缴 page
// lists them paid. Every amount is the ledger's.

jest.setTimeout(240_000);

const PLATE = '粤B80003';
const FIRST = '科苑路 A-003 泊位';
const NEXT = '科苑路 A-004 泊位';
// The scanner's sheet offers a few spots: the cancelled one is free again.
const LAST = NEXT;

const shot = dayShots('arrears-policy-day');

describeInChromium('a street that wants arrears paid before a booking', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('the owner requires it; the driver sees the arrears first, pays them there, then books', async () => {
    const { page, errors } = await openPreview(world);

    // The owner: 车牌有未缴欠费时预订车位 → 须先缴清欠费, with a reason.
    await becomes(page, 'operator');
    await page.goto(`${world.previewUrl}?page=admin/lot-settings/index&lotId=lot-road`);
    await expectText(page.locator('#pv-title'), '停车场设置');
    await onTop(page, 'lot-settings__arrears').filter({ hasText: '须先缴清欠费' }).first().tap();
    await expectCount(
      onTop(page, 'lot-settings__hint').filter({ hasText: '车牌有未缴欠费时不能预订' }),
      1,
    );
    await fill(page, 'lot-settings__reason', '欠费车辆增多');
    await onTop(page, 'lot-settings__save').first().tap();
    await expectText(onTop(page, 'lot-settings__notice'), '设置已保存');
    await onTop(page, 'lot-settings__arrears').first().scrollIntoViewIfNeeded();
    await shot(page, '1-policy');

    // Day 1, 09:00: the driver books and arrives; the freeze is charged at 21:00 (road 1).
    await becomes(page, 'driver');
    await page.goto(world.previewUrl);
    await openBooking(page, FIRST, PLATE);
    await expectCount(onTop(page, 'entry__arrears'), 0);
    await prepayBooking(page);
    await onTop(page, 'entry__see-spot').first().tap();
    await onTop(page, 'roadside__act--arrive').first().tap();
    await expectText(onTop(page, 'roadside__mine-state'), '停车中');
    await advanceClock(world, 13 * 3600);
    expect(await world.stack.emulator.functions.fireTimer('reconcile')).toMatchObject({
      ok: true,
    });
    const [freeze] = await ledgerOf(world, 'B80003');
    expect(freeze).toMatchObject({ kind: 'prepay', fee: 3000, feeFinish: 3000 });

    // Day 2, 08:30: the car left unseen. Booking again closes the old stay owing the rest; the
    // driver then changes their mind and cancels it (the freeze comes back in full).
    await advanceClock(world, 10.5 * 3600);
    await page.goto(world.previewUrl);
    await openBooking(page, NEXT, PLATE);
    await prepayBooking(page);
    await onTop(page, 'entry__see-spot').first().tap();
    await onTop(page, 'roadside__act--cancel').first().tap();
    await page.locator('.pv-modal__button', { hasText: '取消预订' }).tap();
    await expectCount(onTop(page, 'roadside__act--cancel'), 0);

    // Booking once more: the arrears come first, and the lot wants them paid.
    await page.goto(world.previewUrl);
    await openBooking(page, LAST, PLATE);
    const card = onTop(page, 'entry__arrears');
    await expectCount(card, 1);
    const dueText = (await onTop(page, 'entry__arrears-due').first().textContent())!.trim();
    const due = fen(dueText);
    expect(due).toBeGreaterThan(0);
    await expectText(onTop(page, 'entry__arrears-total'), dueText);
    await expectText(onTop(page, 'entry__arrears-lot'), '科苑路路侧泊位');
    await expectText(onTop(page, 'entry__arrears-note'), '本停车场要求缴清欠费后才能预订');
    await expectText(onTop(page, 'entry__action'), '缴清欠费后可预订');
    await shot(page, '2-arrears-first');

    // Paid on the same page; the card goes and the booking is offered.
    await onTop(page, 'entry__arrears-pay').first().tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await expectText(cashier.locator('button.pay'), `确认支付 ${dueText}`);
    await cashier.locator('button.pay').tap();
    await expectText(onTop(page, 'entry__notice'), '欠费已缴清');
    await expectCount(onTop(page, 'entry__arrears'), 0);
    await shot(page, '3-arrears-paid');
    await prepayBooking(page);
    await shot(page, '4-booked');

    const txns = await ledgerOf(world, 'B80003');
    const pays = txns.filter((t) => t.kind === 'pay');
    expect(pays.map((t) => [t.state, t.fee])).toEqual([['paid', due]]);
    // The stay owed its fee less what the freeze paid: the ledger's 30.00 and the arrears.
    expect(txns.filter((t) => t.kind === 'prepay')).toHaveLength(3);

    // The owner's 欠费追缴: nothing open, the paid record with the ledger's amount.
    await becomes(page, 'operator');
    await page.goto(`${world.previewUrl}?page=admin/lot/index&lotId=lot-road`);
    await onTop(page, 'admin-lot__arrears').first().tap();
    await expectText(page.locator('#pv-title'), '欠费追缴');
    await expectText(onTop(page, 'admin-arrears__total'), '共 0 笔，合计 ¥0.00');
    await onTop(page, 'admin-arrears__tab').filter({ hasText: '已缴' }).first().tap();
    await expectText(onTop(page, 'admin-arrears__plate'), PLATE);
    await expectText(onTop(page, 'admin-arrears__due'), dueText);
    await expectTextContaining(onTop(page, 'admin-arrears__when'), FIRST);
    await expectTextContaining(onTop(page, 'admin-arrears__outcome'), '已缴');
    await shot(page, '5-owner-arrears');
    expect(errors).toEqual([]);
    await page.close();
  });
});
