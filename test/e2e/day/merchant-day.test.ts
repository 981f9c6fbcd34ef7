import type { Page } from 'playwright-core';
import { formatFen } from '../../../core/money';
import type { Txn } from '../../../sandbox/ledger';
import { DEMO_OWNER_OPENID } from '../../../server/seed/demo-data';
import { dayBookOf, platformDays } from '../../support/platform-days';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  callApi,
  onTop,
  openPreview,
  sandboxChinaDate,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { becomes, dayShots, fen, fill, lane, ledger, typePlate } from './day-kit';

// A day at the office lot with a merchant (issue 14): the owner tops up the café's balance and
// invites its manager; the car comes in through the lane; the manager, in the merchant area,
// picks it from the cars inside and gives 2 hours; the driver leaves paying the rest, with the
// discount on the breakdown and the receipt; the manager sees the discount, its cost and the
// balance; the owner sees it per merchant per day and in revenue. Each amount is the ledger's.

jest.setTimeout(180_000);

const LOT = '科技园写字楼停车场';
const PLATE = '粤B70001';
const CAFE = {
  id: 'm-cafe',
  lotId: 'lot-office',
  name: '海岸咖啡',
  billing: 'balance',
  offers: [
    { id: 'two-hours', label: '免 2 小时', discount: { kind: 'free_minutes', minutes: 120 } },
  ],
  limits: { perDay: 0, perPlatePerDay: 0, staticQrPerDay: 0 },
  active: true,
};

const shot = dayShots('merchant-day');
const laneShot = dayShots('merchant-day', '.pv-stage');

/** Left and right edges of the home page's links and of an entry card under them (CSS px). */
async function homeEdges(page: Page, entry: string) {
  return page.evaluate((cls) => {
    const top = document.querySelector('.pv-page:not([hidden])')!;
    const edges = (name: string) => {
      const el = top.querySelector(`[class$="--${name}"], [class*="--${name} "]`);
      const r = el!.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.right)];
    };
    return { links: edges('home__links'), entry: edges(cls) };
  }, entry);
}

/** The pay page's or the receipt's breakdown: [text, amount] per line. */
async function feeLines(page: Page): Promise<Array<[string, string]>> {
  const lines = onTop(page, 'fee-lines__line');
  const out: Array<[string, string]> = [];
  for (let i = 0; i < (await lines.count()); i++) {
    const line = lines.nth(i);
    out.push([
      (await line.locator('[class*="fee-lines__text"]').textContent())!.trim(),
      (await line.locator('[class*="fee-lines__amount"]').textContent())!.trim(),
    ]);
  }
  return out;
}

describeInChromium('a day at the office lot: a merchant gives 2 hours', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
    // The owner's set-up: the café and its offer (the merchant record has no page of its own).
    await callApi(world, DEMO_OWNER_OPENID, 'op.merchants.upsert', {
      merchant: CAFE,
      reason: '新商户入驻',
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('the merchant pays 2 hours, the driver the rest, and everyone sees it', async () => {
    const { page, errors } = await openPreview(world);
    const today = await sandboxChinaDate(world);

    // 1. The owner tops up the café's balance and invites its manager.
    await becomes(page, 'operator');
    await page.goto(`${world.previewUrl}?page=admin/merchants/index&lotId=lot-office`);
    await expectText(page.locator('#pv-title'), '商户');
    await expectText(onTop(page, 'merchants__balance'), '余额 ¥0.00');
    await onTop(page, 'merchants__row').first().tap();
    await fill(page, 'merchants__amount', '100');
    await fill(page, 'merchants__reason', '预充值 收款单 A001');
    await onTop(page, 'merchants__top-up').first().tap();
    await expectText(onTop(page, 'merchants__message'), '充值成功，余额 ¥100.00');
    await expectText(onTop(page, 'merchants__balance'), '余额 ¥100.00');
    await onTop(page, 'merchants__row').first().tap();
    await onTop(page, 'merchants__role').filter({ hasText: '管理员' }).tap();
    await onTop(page, 'merchants__invite').first().tap();
    await expectText(onTop(page, 'merchants__made-title'), '商户管理员邀请码');
    const code = (await onTop(page, 'merchants__code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    await shot(page, '1-owner-invites');

    // 2. The car comes in through the lane; three and a half hours pass.
    expect(await lane(page, 'gate-office-in', PLATE, '驶入')).toBe(`抬杆 · ${PLATE} 欢迎光临`);
    await advanceClock(world, 210 * 60);
    // Four started hours at ¥6.00, before any discount.
    expect(await lane(page, 'gate-office-out', PLATE, '驶出')).toBe(
      `未抬杆 · ${PLATE} 请先缴纳停车费，应付 ¥24.00`,
    );
    const undiscounted = 2400;

    // 3. The manager accepts the invitation and gives 2 hours to the car, picked from the list.
    await becomes(page, 'merchant');
    await page.goto(
      `${world.previewUrl}?page=pages/index/index&scene=${encodeURIComponent(`m:${code}`)}`,
    );
    await expectText(onTop(page, 'join__merchant'), '海岸咖啡');
    await expectText(onTop(page, 'join__role'), '邀请您成为：商户管理员');
    await fill(page, 'join__name', '陈店长');
    await onTop(page, 'join__accept').first().tap();
    await expectText(onTop(page, 'join__done'), '您已成为「海岸咖啡」的商户管理员');
    await shot(page, '2-manager-joined');
    await onTop(page, 'join__open').first().tap();
    await expectText(page.locator('#pv-title'), '商户优惠');
    await expectText(onTop(page, 'merchant__balance'), '余额 ¥100.00');
    const car = onTop(page, 'merchant__session').filter({ hasText: PLATE });
    await expectTextContaining(car, '入场');
    await car.tap();
    await shot(page, '3-merchant-picks');
    await onTop(page, 'merchant__give').first().tap();
    await expectText(onTop(page, 'merchant__result'), `已为 ${PLATE} 发放「免 2 小时」`);
    await expectText(onTop(page, 'merchant__item-state'), '在场');
    await expectText(onTop(page, 'merchant__item-cost'), '待结算');
    await expectText(onTop(page, 'merchant__session-given').first(), '已发放');
    await shot(page, '4-merchant-gave');

    // The merchant area is on the staff's home page.
    await page.goto(world.previewUrl);
    await expectText(onTop(page, 'merchant-entry__hint'), '海岸咖啡');
    // A card as wide as the links above it (it stuck out to the right of the screen).
    const staff = await homeEdges(page, 'merchant-entry');
    expect(staff.entry).toEqual(staff.links);
    await shot(page, '5-staff-home');

    // 4. The driver scans the exit: the discount is a line of the breakdown; pays the rest.
    await becomes(page, 'driver');
    await onTop(page, 'home__scan').first().tap();
    await page.locator('.pv-sheet__item', { hasText: `${LOT} · 东门出口` }).tap();
    await typePlate(page, PLATE);
    await onTop(page, 'plate__next').first().tap();
    await expectText(page.locator('#pv-title'), '停车缴费');
    await expectText(onTop(page, 'pay__due'), '¥12.00');
    const payLines = await feeLines(page);
    const discountLine = payLines.find(([text]) => text.includes('海岸咖啡'));
    // The amount in its column only (in the text too, it wrapped apart on the phone).
    expect(discountLine?.[0]).toBe('商户优惠「海岸咖啡」免 2 小时');
    expect(discountLine![1]).toMatch(/^-¥/);
    const discount = -fen(discountLine![1].slice(1));
    await shot(page, '6-pay-with-discount');
    await onTop(page, 'pay__action').first().tap();
    const cashier = page.frameLocator('.pv-cashier__frame');
    await cashier.locator('button.pay').waitFor();
    await expectText(cashier.locator('button.pay'), '确认支付 ¥12.00');
    await cashier.locator('button.pay').tap();
    await expectText(onTop(page, 'pay__opened-text'), '道闸正在开启');

    // The platform charged the rest only: the discount is the fee less the ledger's pay.
    const pays = (await ledger<Txn>(world)).filter(
      (t) => t.kind === 'pay' && t.request.LPR === 'B70001',
    );
    expect(pays.map((t) => [t.state, t.fee])).toEqual([['paid', 1200]]);
    const cost = undiscounted - pays[0]!.fee;
    expect(-discount).toBe(cost);
    expect(fen((await onTop(page, 'pay__charged').textContent())!.trim())).toBe(pays[0]!.fee);

    await onTop(page, 'pay__receipt').first().tap();
    await expectText(page.locator('#pv-title'), '停车明细');
    await expectTextContaining(onTop(page, 'receipt__lines'), '海岸咖啡');
    const receiptLines = await feeLines(page);
    expect(receiptLines).toContainEqual(discountLine);
    const rowValue = (key: string) =>
      onTop(page, `receipt__row--${key}`).locator('[class$="--row__value"]');
    await expectText(rowValue('fee'), formatFen(undiscounted));
    await expectText(rowValue('merchant'), formatFen(-cost));
    await expectText(rowValue('charged'), formatFen(pays[0]!.fee));
    await shot(page, '7-receipt-with-discount');
    expect(await lane(page, 'gate-office-out', PLATE, '驶出')).toBe(`抬杆 · ${PLATE} 一路顺风`);
    await laneShot(page, '8-lane-out');

    // 5. The manager sees the discount settled, what it cost and the balance left.
    await becomes(page, 'merchant');
    await page.goto(`${world.previewUrl}?page=merchant/give/index`);
    await expectText(onTop(page, 'merchant__item-state'), '已结算');
    await expectText(onTop(page, 'merchant__item-cost'), formatFen(cost));
    await expectText(onTop(page, 'merchant__day-cost'), `已结算费用 ${formatFen(cost)}`);
    await expectText(onTop(page, 'merchant__balance'), `余额 ${formatFen(10_000 - cost)}`);
    await shot(page, '9-merchant-day');

    // 6. The owner: per merchant per day, and the day's revenue as the ledger has it.
    await becomes(page, 'operator');
    await page.goto(world.previewUrl);
    await expectText(onTop(page, 'admin-entry__hint'), '3 个停车场');
    const owner = await homeEdges(page, 'admin-entry');
    expect(owner.entry).toEqual(owner.links);
    await page.goto(`${world.previewUrl}?page=admin/merchants/index&lotId=lot-office`);
    await expectText(onTop(page, 'merchants__balance'), `余额 ${formatFen(10_000 - cost)}`);
    await expectText(onTop(page, 'merchants__day-date'), today);
    await expectText(onTop(page, 'merchants__day-name'), '海岸咖啡');
    await expectText(onTop(page, 'merchants__day-cost'), formatFen(cost));
    await expectText(onTop(page, 'merchants__day-count'), '发放 1 笔，已结算 1 笔');
    await shot(page, '10-owner-merchants');

    await page.goto(`${world.previewUrl}?page=admin/revenue/index&lotId=lot-office`);
    await expectText(page.locator('#pv-title'), '营收');
    const res = await fetch(`${world.stack.urls.sandbox}/_sandbox/transactions?limit=1000`);
    const { transactions } = (await res.json()) as { transactions: Txn[] };
    const book = dayBookOf(
      platformDays(transactions.filter((t) => t.request.parkingNo === 'SZOFFICE001')),
      today,
    );
    expect(book.charged).toBe(pays[0]!.fee);
    await expectText(onTop(page, 'admin-revenue__charged'), formatFen(book.charged));
    await expectText(onTop(page, 'admin-revenue__fee'), formatFen(book.aip));
    await expectText(onTop(page, 'admin-revenue__net'), formatFen(book.charged - book.aip));
    await expectText(onTop(page, 'admin-revenue__arrears'), '¥0.00');
    await expectText(onTop(page, 'admin-revenue__discounts'), formatFen(cost));
    await shot(page, '11-owner-revenue');
    expect(errors).toEqual([]);
    await page.close();
  });
});
