import { formatFen } from '../../../core/money';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  onTop,
  openPreview,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots, fen, ledgerOf, scan, typePlate } from './day-kit';

// A day in a lot (issue 11): the mall takes a prepay at its entry. The driver types the plate at
// the entry, prepays ¥50.00 at the sandbox cashier, parks three hours and a half, scans the exit:
// the fee is settled from the freeze (no second payment), the screen says so (not "paid"), the
// receipt's charged and returned add up to the freeze, and the sandbox's ledger agrees.

jest.setTimeout(90_000);

const SCENARIO = 'scenario-prepay-exit';
const PLATE = '粤B63001';
const LOT = '深圳湾商场停车场';

const shot = dayShots(SCENARIO);

describeInChromium(
  'a day in a lot: prepay at the entry, settled from the freeze at the exit',
  () => {
    let world: FlowWorld;
    beforeAll(async () => {
      world = await startFlowWorld();
    });
    afterAll(async () => {
      await world?.close();
    });

    it('settles from the freeze, says so, and the receipt and the ledger agree', async () => {
      const { page, errors } = await openPreview(world);
      await expectText(page.locator('#pv-title'), '通联停车');
      await scan(page, `${LOT} · 北门入口`);
      await expectText(page.locator('#pv-title'), '输入车牌');
      await typePlate(page, PLATE);
      await onTop(page, 'plate__next').first().tap();
      await expectText(onTop(page, 'entry__plate'), PLATE);
      await expectTextContaining(onTop(page, 'entry__action'), '¥50.00');
      await shot(page, '1-entry-terms');
      await onTop(page, 'entry__action').first().tap();
      const cashier = page.frameLocator('.pv-cashier__frame');
      await cashier.locator('button.pay').waitFor();
      await expectTextContaining(cashier.locator('button.pay'), '¥50.00');
      await cashier.locator('button.pay').tap();
      await expectTextContaining(onTop(page, 'entry__done-title'), '道闸正在开启');
      await shot(page, '2-entered');

      const [frozen] = await ledgerOf(world, 'B63001');
      expect(frozen).toMatchObject({ kind: 'prepay', state: 'frozen', fee: 5000 });

      // Three hours and a half in the lot.
      await advanceClock(world, 3 * 3600 + 1800);
      await onTop(page, 'entry__home').first().tap();
      await expectText(page.locator('#pv-title'), '通联停车');
      await scan(page, `${LOT} · 北门出口`);
      await expectText(onTop(page, 'pay__plate'), PLATE);
      await expectText(onTop(page, 'pay__duration'), '3 小时 30 分钟');
      await expectText(onTop(page, 'pay__frozen'), '¥50.00');
      const due = (await onTop(page, 'pay__due').textContent())!.trim();
      expect(fen(due)).toBeGreaterThan(0);
      expect(fen(due)).toBeLessThanOrEqual(5000);
      await shot(page, '3-exit-fee');

      await onTop(page, 'pay__action').first().tap();
      await expectText(onTop(page, 'pay__opened-text'), '道闸正在开启');
      // Settled from the freeze: worded as such, never as a payment, and no cashier opened.
      const notice = onTop(page, 'pay__notice');
      await expectText(notice, '已从预付冻结金额中结算，道闸正在开启');
      expect(await notice.textContent()).not.toContain('支付成功');
      expect(await page.locator('.pv-cashier__frame').count()).toBe(0);
      await expectText(onTop(page, 'pay__charged'), due);
      await shot(page, '4-settled');

      await onTop(page, 'pay__receipt').first().tap();
      await expectText(page.locator('#pv-title'), '停车明细');
      await expectText(onTop(page, 'receipt__plate'), PLATE);
      const rowValue = (key: string) =>
        onTop(page, `receipt__row--${key}`).locator('[class$="--row__value"]');
      await expectText(rowValue('lot'), LOT);
      await expectText(rowValue('frozen'), '¥50.00');
      await expectText(rowValue('charged'), due);
      const returned = fen((await rowValue('returned').textContent())!.trim());
      expect(fen(due) + returned).toBe(5000);
      await shot(page, '5-receipt');

      // The platform's books: one freeze, finished for what was charged, the rest returned.
      const txns = await ledgerOf(world, 'B63001');
      expect(txns).toHaveLength(1);
      expect(txns[0]).toMatchObject({
        kind: 'prepay',
        fee: 5000,
        feeFinish: fen(due),
        feeBack: returned,
      });
      expect(formatFen(txns[0]!.feeFinish)).toBe(due);
      expect(errors).toEqual([]);
      await page.close();
    });
  },
);
