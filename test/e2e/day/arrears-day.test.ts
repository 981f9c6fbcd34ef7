import type { Page } from 'playwright-core';
import { formatFen } from '../../../core/money';
import type { Txn } from '../../../sandbox/ledger';
import { dayBookOf, platformDays } from '../../support/platform-days';
import { describeInChromium, expectCount, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  classed,
  onTop,
  openPreview,
  sandboxChinaDate,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { becomes, dayShots, fen, ledgerOf, openBooking, prepayBooking } from './day-kit';

// Two days on 科苑路 (issue 14): a car books a roadside spot at 09:00, arrives, and stays past
// its freeze's end at 21:00, when the platform charges the whole freeze (road 1) for a fee that
// is more; the car then leaves unseen. The next morning its driver books again: the old stay is
// closed owing the rest, which shows as arrears on the home page for the remembered plate; the
// driver pays them at the sandbox cashier and they are gone; the owner sees the recovery in the
// day's revenue. Every amount is the ledger's.

jest.setTimeout(180_000);

const PLATE = '粤B80002';
const FIRST = '科苑路 A-001 泊位';
const NEXT = '科苑路 A-002 泊位';

const shot = dayShots('arrears-day');

/** Books `spot` from the scanner with the plate, paying the ¥30.00 freeze at the cashier. */
async function book(page: Page, spot: string): Promise<void> {
  await openBooking(page, spot, PLATE);
  await prepayBooking(page);
}

describeInChromium('two days on a roadside street: arrears and their payment', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('a stay left owing shows as arrears for the plate; the driver pays them once', async () => {
    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');

    // Day 1, 09:00: booked, arrived.
    await book(page, FIRST);
    await onTop(page, 'entry__see-spot').first().tap();
    await expectText(onTop(page, 'roadside__mine-state'), '已预订');
    await onTop(page, 'roadside__act--arrive').first().tap();
    await expectText(onTop(page, 'roadside__mine-state'), '停车中');

    // 22:00: the freeze ended at 21:00 and the platform charged all of it (road 1).
    await advanceClock(world, 13 * 3600);
    expect(await world.stack.emulator.functions.fireTimer('reconcile')).toMatchObject({
      ok: true,
    });
    const [freeze] = await ledgerOf(world, 'B80002');
    expect(freeze).toMatchObject({ kind: 'prepay', fee: 3000, feeFinish: 3000, feeBack: 0 });

    // Day 2, 08:30: the car left unseen; the driver books again, which closes the old stay.
    await advanceClock(world, 10.5 * 3600);
    const day2 = await sandboxChinaDate(world);
    await page.goto(world.previewUrl);
    await book(page, NEXT);
    await onTop(page, 'entry__home').first().tap();
    await expectText(page.locator('#pv-title'), '通联停车');

    // The arrears of the remembered plate, on the home page.
    const item = onTop(page, 'home__arrears-item');
    await expectCount(item, 1);
    await expectText(classed(item, 'home__arrears-plate').first(), PLATE);
    await expectText(classed(item, 'home__arrears-lot').first(), '科苑路路侧泊位');
    const dueText = (await classed(item, 'home__arrears-due').first().textContent())!.trim();
    const due = fen(dueText);
    await expectText(onTop(page, 'home__arrears-total'), dueText);
    // The total stands apart from the title (it was glued to it: 待缴欠费¥12.00).
    const gap = await onTop(page, 'home__arrears-total').evaluate((total) => {
      const range = document.createRange();
      range.selectNodeContents(total.parentElement!.firstChild!);
      return total.getBoundingClientRect().left - range.getBoundingClientRect().right;
    });
    expect(gap).toBeGreaterThanOrEqual(4);
    await expectText(onTop(page, 'home__arrears-pay').first(), `缴纳 ${dueText}`);
    await shot(page, '1-home-arrears');

    // The old stay's receipt: the fee, what the freeze paid of it, and what is still owed.
    await onTop(page, 'home__mine').first().tap();
    await expectText(page.locator('#pv-title'), '我的停车');
    const old = onTop(page, 'sessions__history').filter({ hasText: PLATE });
    await old.first().tap();
    await expectText(page.locator('#pv-title'), '停车明细');
    const rowValue = (key: string) =>
      onTop(page, `receipt__row--${key}`).locator('[class$="--row__value"]');
    const fee = fen((await rowValue('fee').textContent())!.trim());
    const booking = fen((await rowValue('booking').textContent())!.trim());
    // What the freeze paid (the ledger's), less the booking fee, leaves exactly the arrears.
    expect(fee + booking - freeze!.feeFinish).toBe(due);
    await expectText(rowValue('charged'), formatFen(freeze!.feeFinish));
    await expectText(rowValue('arrears'), dueText);
    await expectTextContaining(onTop(page, 'receipt__row--arrears'), '欠费（待缴）');
    await shot(page, '2-old-receipt');

    // The driver pays the arrears at the cashier.
    await page.goto(world.previewUrl);
    await onTop(page, 'home__arrears-pay').first().tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await expectText(cashier.locator('button.pay'), `确认支付 ${dueText}`);
    await shot(page, '3-cashier');
    await cashier.locator('button.pay').tap();
    await expectText(onTop(page, 'home__arrears-notice'), '欠费已缴清');
    await expectCount(onTop(page, 'home__arrears'), 0);
    await shot(page, '4-arrears-paid');

    const pays = (await ledgerOf(world, 'B80002')).filter((t) => t.kind === 'pay');
    expect(pays.map((t) => [t.state, t.fee, t.request.parkingNo])).toEqual([
      ['paid', due, 'SZROAD001'],
    ]);
    // The old stay's receipt now says they were paid.
    await onTop(page, 'home__mine').first().tap();
    await onTop(page, 'sessions__history').filter({ hasText: PLATE }).first().tap();
    await expectTextContaining(onTop(page, 'receipt__row--arrears'), '欠费（已补缴）');
    await expectText(rowValue('arrears'), formatFen(pays[0]!.fee));
    await shot(page, '5-old-receipt-paid');

    // The owner: the day's revenue is the ledger's, the recovery named.
    await becomes(page, 'operator');
    await page.goto(`${world.previewUrl}?page=admin/revenue/index&lotId=lot-road`);
    await expectText(page.locator('#pv-title'), '营收');
    const res = await fetch(`${world.stack.urls.sandbox}/_sandbox/transactions?limit=1000`);
    const { transactions } = (await res.json()) as { transactions: Txn[] };
    const books = platformDays(transactions.filter((t) => t.request.parkingNo === 'SZROAD001'));
    let charged = 0;
    let aip = 0;
    for (const b of books.values()) {
      charged += b.charged;
      aip += b.aip;
    }
    await expectText(onTop(page, 'admin-revenue__charged'), formatFen(charged));
    await expectText(onTop(page, 'admin-revenue__fee'), formatFen(aip));
    await expectText(onTop(page, 'admin-revenue__arrears'), formatFen(pays[0]!.fee));
    // The second day's bar is the arrears paid that day, less their handling fee.
    const second = dayBookOf(books, day2);
    expect(second.charged).toBe(pays[0]!.fee);
    await expectText(
      onTop(page, 'admin-revenue__amount').last(),
      formatFen(second.charged - second.aip),
    );
    await shot(page, '6-owner-revenue');
    expect(errors).toEqual([]);
    await page.close();
  });
});
