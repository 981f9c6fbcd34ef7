import { formatFen } from '../../../core/money';
import { formatChinaDateTime } from '../../../core/parking/china-time';
import { handlingFee } from '../../../sandbox/handling-fee';
import { DEMO_OWNER_OPENID } from '../../../server/seed/demo-data';
import { COLLECTIONS } from '../../../server/store/collections';
import { describeInChromium, expectCount, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  callApi,
  onTop,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots, lane, ledger, scan } from './day-kit';

// A monthly pass, bought in the mini-program and used at the office lot (issue 13): the driver
// finds the lot's passes from its code, accepts the receipt message (wx.requestSubscribeMessage),
// pays at the sandbox cashier and sees the pass with its days left; the car goes in and out
// through the lane with the pass on the LED and nothing charged; the receipt, sent by the
// functions through the real cloud.openapi path, is in the preview's 服务通知 tray; the owner's
// revenue shows the sale as its own kind, as the sandbox's ledger has it to the fen.

jest.setTimeout(150_000);

const LOT = '科技园写字楼停车场';
const PLATE = '粤B5P520';
const PLAN = {
  id: 'plan-office-30d',
  lotId: 'lot-office',
  name: '写字楼月卡',
  period: { kind: 'days', days: 30 },
  price: 26_000,
  spaces: 1,
  maxPlates: 2,
  graceDays: 3,
  online: true,
};

const shot = dayShots('pass-tray', '.pv-stage');

interface LedgerTxn {
  kind: string;
  state: string;
  reqsn: string;
  fee: number;
  feeRateBp: number;
  request: Record<string, string>;
}

describeInChromium(
  'a monthly pass: bought, used at the lane, its receipt in the tray, in revenue',
  () => {
    let world: FlowWorld;
    beforeAll(async () => {
      world = await startFlowWorld();
      await callApi(world, DEMO_OWNER_OPENID, 'op.passPlans.upsert', {
        plan: PLAN,
        reason: '开售',
      });
    });
    afterAll(async () => {
      await world?.close();
    });

    const ledgerOfPlate = async () =>
      (await ledger<LedgerTxn>(world)).filter((t) => t.request.LPR === PLATE.slice(1));

    it('buys, parks free, gets the receipt message, and the owner sees the sale', async () => {
      const { page, errors } = await openPreview(world, { subscribe: 'manual' });
      await expectText(page.locator('#pv-title'), '通联停车');
      await expectText(page.locator('.pv-tray__empty'), '暂无服务通知');

      // The lot's code leads to its passes on sale.
      await scan(page, `${LOT} · 东门入口`);
      await expectText(onTop(page, 'plate__lot'), LOT);
      await onTop(page, 'plate__passes').first().tap();
      await expectText(page.locator('#pv-title'), '我的月卡');
      await expectTextContaining(onTop(page, 'passes__plan-option'), PLAN.name);
      await expectText(onTop(page, 'passes__price'), formatFen(PLAN.price));
      await onTop(page, 'passes__plates-input').locator('input').fill(PLATE);
      await onTop(page, 'passes__buy').first().tap();

      // WeChat's sheet: the receipt and the reminder, both ticked; 允许.
      const sheet = page.locator('.pv-subscribe');
      await expectCount(sheet.locator('.pv-subscribe__item'), 2);
      await expectTextContaining(sheet, '月卡购买成功通知');
      await expectTextContaining(sheet, '月卡到期提醒');
      await shot(page, '1-subscribe');
      await sheet.locator('.pv-subscribe__allow').click();

      const cashier = page.frameLocator('.pv-cashier__frame');
      await cashier.locator('button.pay').waitFor();
      await expectText(cashier.locator('button.pay'), `确认支付 ${formatFen(PLAN.price)}`);
      const paidFrom = await world.client.clockNow();
      await cashier.locator('button.pay').tap();
      await expectTextContaining(onTop(page, 'passes__notice'), '支付成功，月卡有效期至');
      await expectText(onTop(page, 'passes__left'), '剩余 30 天');
      await expectText(onTop(page, 'passes__plates'), PLATE);
      const paidTo = await world.client.clockNow();

      const [sale, ...others] = await ledgerOfPlate();
      expect(others).toEqual([]);
      expect(sale).toMatchObject({ kind: 'pay', state: 'paid', fee: PLAN.price });
      expect(sale!.request).toMatchObject({ parkingNo: 'SZOFFICE001' });

      // The receipt message, as WeChat's 服务通知 shows it, sent once.
      const cards = page.locator('.pv-tray__card[data-status="sent"]');
      await expectCount(cards, 1);
      const card = cards.first();
      await expectText(card.locator('.pv-tray__title'), '月卡购买成功通知');
      const value = (key: string) =>
        card.locator(`.pv-tray__row[data-key="${key}"] .pv-tray__value`);
      await expectText(value('thing1'), `${PLAN.name} ${PLATE}`);
      await expectText(value('amount2'), formatFen(sale!.fee));
      await expectText(value('character_string4'), sale!.reqsn);
      const until = (await onTop(page, 'passes__until').textContent())!.trim();
      expect(until).toBe(`有效期至 ${(await value('time3').textContent())!.trim()}`);
      // Sent when the payment was confirmed, dated by the stack's clock, in China time.
      const sentAt = Date.parse((await card.locator('.pv-tray__time').getAttribute('datetime'))!);
      expect(sentAt / 1000).toBeGreaterThanOrEqual(paidFrom - 1);
      expect(sentAt / 1000).toBeLessThanOrEqual(paidTo + 1);
      await expectText(
        card.locator('.pv-tray__time'),
        formatChinaDateTime(Math.floor(sentAt / 1000)),
      );
      await expectText(page.locator('#pv-tray-count'), '1');
      await shot(page, '2-bought-and-tray');

      // In and out through the lane: the pass on the LED, the barrier up, nothing asked.
      expect(await lane(page, 'gate-office-in', PLATE, '驶入')).toBe(
        `抬杆 · ${PLATE} 月卡车 剩余 30 天`,
      );
      await advanceClock(world, 2 * 3600 + 600);
      expect(await lane(page, 'gate-office-out', PLATE, '驶出')).toBe(
        `抬杆 · ${PLATE} 月卡车 剩余 30 天 一路顺风`,
      );
      await shot(page, '3-lane-out-free');
      expect((await ledgerOfPlate()).map((t) => t.reqsn)).toEqual([sale!.reqsn]);
      // Its stay is on record (occupancy, the operator's view) with the pass and nothing charged.
      const stays = world.stack.emulator.database.engine.find(COLLECTIONS.sessions, {
        plate: PLATE,
      });
      expect(stays).toEqual([
        expect.objectContaining({
          state: 'closed',
          privilege: expect.objectContaining({ kind: 'pass' }),
          amounts: expect.objectContaining({ paid: 0, finished: 0 }),
        }),
      ]);

      // The card opens the message's page, as 进入小程序查看 does.
      await card.locator('.pv-tray__open').click();
      await expectText(page.locator('#pv-title'), '我的月卡');
      await expectText(onTop(page, 'passes__left'), '剩余 30 天');
      expect(errors).toEqual([]);

      // The owner's revenue: the sale apart from parking, as the ledger has it.
      await Promise.all([
        page.waitForEvent('load'),
        page.locator('#pv-identity').selectOption('operator'),
      ]);
      await page.goto(`${world.previewUrl}?page=admin/revenue/index&lotId=lot-office`);
      await expectText(page.locator('#pv-title'), '营收');
      await expectText(onTop(page, 'admin-revenue__pass-count'), '1 笔');
      await expectText(onTop(page, 'admin-revenue__pass-charged'), formatFen(sale!.fee));
      const fee = handlingFee(sale!.fee, sale!.feeRateBp);
      await expectText(onTop(page, 'admin-revenue__pass-fee'), formatFen(fee));
      await expectText(onTop(page, 'admin-revenue__pass-net'), formatFen(sale!.fee - fee));
      await expectText(onTop(page, 'admin-revenue__charged'), formatFen(0));
      await expectText(onTop(page, 'admin-revenue__all-net'), formatFen(sale!.fee - fee));
      await expectText(onTop(page, 'admin-revenue__amount').last(), formatFen(sale!.fee - fee));
      // The owner holds the phone now: the driver's messages are not theirs.
      await expectText(page.locator('.pv-tray__empty'), '暂无服务通知');
      await shot(page, '4-revenue');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a renewal whose receipt the driver declines: WeChat refuses it (43101), shown as 未送达', async () => {
      const { page, errors } = await openPreview(world, { subscribe: 'manual' });
      await Promise.all([
        page.waitForEvent('load'),
        page.locator('#pv-identity').selectOption('driver'),
      ]);
      await page.goto(`${world.previewUrl}?page=pages/passes/passes`);
      await expectText(onTop(page, 'passes__left'), '剩余 30 天');
      await onTop(page, 'passes__renew').first().tap();
      await page.locator('.pv-subscribe .pv-subscribe__cancel').click();
      const cashier = page.frameLocator('.pv-cashier__frame');
      await cashier.locator('button.pay').waitFor();
      await cashier.locator('button.pay').tap();
      await expectTextContaining(onTop(page, 'passes__notice'), '支付成功，月卡有效期至');
      await expectText(onTop(page, 'passes__left'), '剩余 60 天');

      const refused = page.locator('.pv-tray__card[data-status="refused"]');
      await expectCount(refused, 1);
      await expectText(
        refused.locator('.pv-tray__refused'),
        '未送达：43101 用户未允许此消息（或允许的次数已用完）',
      );
      // The newest first; the first receipt is still there; nothing was sent again.
      await expectCount(page.locator('.pv-tray__card'), 2);
      expect(await page.locator('.pv-tray__card').first().getAttribute('data-status')).toBe(
        'refused',
      );
      await expectText(page.locator('#pv-tray-count'), '1');
      await page.waitForTimeout(2500);
      await expectCount(page.locator('.pv-tray__card'), 2);
      const stored = world.stack.emulator.database.engine.find(COLLECTIONS.subscribeMessages, {
        kind: 'pass_receipt',
      });
      expect(stored.map((m) => [m.status, m.errCode ?? 0]).sort()).toEqual([
        ['refused', 43101],
        ['sent', 0],
      ]);
      await shot(page, '5-renewal-declined');
      expect(errors).toEqual([]);
      await page.close();
    });
  },
);
