import type { Locator, Page } from 'playwright-core';
import { formatFen } from '../../../core/money';
import { describeInChromium, expectCount, expectText } from '../browser';
import {
  advanceClock,
  onTop,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots, lane, ledgerOf, openBooking, scan, typePlate } from './day-kit';

// Messages about parking (issue 13, Deliver 5), played as a driver in the preview: the pay tap asks
// for the payment receipt and the refused-payment notice (WeChat's sheet); the driver ticks
// 总是保持以上选择 and allows, pays at exit, and the receipt is in the 服务通知 tray with the
// ledger's amount and order number. Later a roadside booking asks only for what was not kept (the
// release reminder); ten minutes on, the reconcile timer reminds the driver before the hold ends;
// the no-show is settled by its rule and its receipt carries the booking fee the ledger charged.

jest.setTimeout(150_000);

const OFFICE = '科技园写字楼停车场';
const PLATE = '粤B6M301';
const SPOT = '科苑路 A-003 泊位';
const TITLES = {
  receipt: '停车缴费成功通知',
  failed: '支付未成功提醒',
  releasing: '预订即将释放提醒',
};

const shot = dayShots('parking-messages', '.pv-stage');

/** The tray's sent cards titled `title`. */
const cards = (page: Page, title: string) =>
  page.locator('.pv-tray__card[data-status="sent"]').filter({
    has: page.locator('.pv-tray__title', { hasText: title }),
  });
const value = (card: Locator, key: string) =>
  card.locator(`.pv-tray__row[data-key="${key}"] .pv-tray__value`);

describeInChromium('messages about parking: receipt, release reminder, kept choices', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('asks in the pay and booking taps, keeps the choice, and the tray agrees with the ledger', async () => {
    const { page, errors } = await openPreview(world, { subscribe: 'manual' });
    await expectText(page.locator('.pv-tray__empty'), '暂无服务通知');

    // In at the office lot's lane; 1 h 40 min later the driver pays at the exit's code.
    expect(await lane(page, 'gate-office-in', PLATE, '驶入')).toBe(`抬杆 · ${PLATE} 欢迎光临`);
    await advanceClock(world, 100 * 60);
    await scan(page, `${OFFICE} · 东门出口`);
    await typePlate(page, PLATE);
    await onTop(page, 'plate__next').first().tap();
    await expectText(onTop(page, 'pay__due'), '¥12.00');
    await onTop(page, 'pay__action').first().tap();

    // WeChat's sheet, inside the tap: the receipt and the refused-payment notice.
    const sheet = page.locator('.pv-subscribe');
    await expectCount(sheet.locator('.pv-subscribe__item'), 2);
    expect(await sheet.locator('.pv-subscribe__title').allTextContents()).toEqual([
      TITLES.receipt,
      TITLES.failed,
    ]);
    await sheet.locator('.pv-subscribe__keep-check').check();
    await shot(page, '1-asked');
    await sheet.locator('.pv-subscribe__allow').click();

    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await cashier.locator('button.pay').tap();
    await expectText(onTop(page, 'pay__opened-text'), '道闸正在开启');

    const [paid, ...noMore] = (await ledgerOf(world, PLATE.slice(1))).filter(
      (t) => t.kind === 'pay',
    );
    expect(noMore).toEqual([]);
    expect(paid).toMatchObject({ state: 'paid', fee: 1200 });
    const receipt = cards(page, TITLES.receipt);
    await expectCount(receipt, 1);
    await expectText(value(receipt, 'thing1'), OFFICE);
    await expectText(value(receipt, 'car_number2'), PLATE);
    await expectText(value(receipt, 'amount3'), formatFen(paid!.fee));
    await expectText(value(receipt, 'character_string5'), paid!.reqsn);
    await shot(page, '2-receipt');
    expect(await lane(page, 'gate-office-out', PLATE, '驶出')).toBe(`抬杆 · ${PLATE} 一路顺风`);

    // A booking: only the release reminder is asked; the other two answers were kept.
    await page.goto(world.previewUrl);
    await openBooking(page, SPOT, PLATE);
    await onTop(page, 'entry__action').first().tap();
    await expectCount(sheet.locator('.pv-subscribe__item'), 1);
    await expectText(sheet.locator('.pv-subscribe__title'), TITLES.releasing);
    await sheet.locator('.pv-subscribe__allow').click();
    await cashier.locator('button.pay').waitFor();
    await cashier.locator('button.pay').tap();
    await expectText(onTop(page, 'entry__done-title'), '预订成功');

    // Ten minutes on (the hold is 15 min, the reminder 5 min before its end): the timer reminds.
    await advanceClock(world, 10 * 60 + 30);
    expect(await world.stack.emulator.functions.fireTimer('reconcile')).toMatchObject({ ok: true });
    const reminder = cards(page, TITLES.releasing);
    await expectCount(reminder, 1);
    await expectText(value(reminder, 'thing1'), SPOT);
    await expectText(value(reminder, 'car_number2'), PLATE);
    await shot(page, '3-reminder');

    // The driver never comes: the no-show pays the booking fee, and that receipt comes too.
    await advanceClock(world, 10 * 60);
    expect(await world.stack.emulator.functions.fireTimer('reconcile')).toMatchObject({ ok: true });
    const freeze = (await ledgerOf(world, PLATE.slice(1))).find((t) => t.kind === 'prepay');
    expect(freeze).toMatchObject({ fee: 3000, feeFinish: 200, feeBack: 2800 });
    await expectCount(receipt, 2);
    const booked = receipt.filter({ hasNotText: paid!.reqsn });
    await expectText(value(booked, 'amount3'), formatFen(freeze!.feeFinish));
    await expectText(value(booked, 'thing1'), '科苑路路侧泊位');
    // Nothing was refused, so no failure notice; still one reminder.
    await expectCount(cards(page, TITLES.failed), 0);
    await expectCount(reminder, 1);
    await expectCount(page.locator('.pv-tray__card[data-status="refused"]'), 0);
    await shot(page, '4-no-show-receipt');
    expect(errors).toEqual([]);
    await page.close();
  });
});
