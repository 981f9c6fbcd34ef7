import type { Page } from 'playwright-core';
import { DEMO_DRIVER_OPENID, DEMO_OWNER_OPENID } from '../../../server/seed/demo-data';
import { describeInChromium, expectCount, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  callApi,
  payAtSandboxCashier,
  onTop,
  openPreview,
  reportAtGate,
  sandboxChinaDate,
  shot,
  startFlowWorld,
  type FlowWorld,
} from './flow-stack';

jest.setTimeout(60_000);

// Flow (d): the demo owner switches identity, opens the operator area, sees today's dashboard,
// finishes one session and cancels another (each with a reason), and sees the revenue of the one
// that paid. The three cars come in through the signed gate endpoint; the paid one pays at exit
// through the api and the sandbox cashier over HTTP (flow (b) drives that payment in the browser).

const FLOW = 'operator';

describeInChromium('flow (d): the operator runs the lot', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Fills the reason dialog and confirms it. */
  async function endWithReason(page: Page, reason: string, step: string) {
    const input = onTop(page, 'admin-reason-dialog__input').locator('textarea');
    await input.fill(reason);
    await expectText(onTop(page, 'admin-reason-dialog__count'), `${[...reason].length}/200`);
    await shot(page, FLOW, step);
    await onTop(page, 'admin-reason-dialog__confirm').first().tap();
    await expectCount(onTop(page, 'admin-reason-dialog__panel'), 0);
  }

  it('sees today, finishes one session, cancels another and sees revenue', async () => {
    const ids: Record<string, string> = {};
    for (const plate of ['粤B11111', '粤B22222', '粤B33333']) {
      const entry = await reportAtGate(world, 'lot-mall', {
        type: 'entry',
        gateId: 'gate-mall-in',
        plate,
      });
      expect(entry).toMatchObject({ status: 200, json: { ok: true } });
      ids[plate] = entry.json.data?.sessionId as string;
    }
    // 50 minutes: past the free quarter and inside an hour's unit, whatever the steps take.
    await advanceClock(world, 50 * 60);
    const exit = await callApi<{
      kind: string;
      payment: { requestPayment: Record<string, string> };
    }>(world, DEMO_DRIVER_OPENID, 'exit.pay', { sessionId: ids['粤B33333'] });
    expect(exit.kind).toBe('payment');
    await payAtSandboxCashier(world, exit.payment.requestPayment);
    await callApi(world, DEMO_DRIVER_OPENID, 'payment.confirm', { sessionId: ids['粤B33333'] });
    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#pv-identity').selectOption('operator'),
    ]);
    await onTop(page, 'admin-entry').first().tap();
    await expectText(page.locator('#pv-title'), '停车场管理');
    const mallCard = onTop(page, 'admin-home__lot').filter({ hasText: '深圳湾商场停车场' });
    await expectText(mallCard.locator('[class*="--admin-home__live"]'), '3');
    await shot(page, FLOW, '1-today');
    // The card's name: its middle holds the anomalies figure, which opens the flagged list.
    await onTop(page, 'admin-home__lot-name').filter({ hasText: '深圳湾商场停车场' }).tap();
    await expectText(page.locator('#pv-title'), '深圳湾商场停车场');
    await onTop(page, 'admin-places-editor__gate-name').first().waitFor();
    await shot(page, FLOW, '1b-lot');
    await onTop(page, 'admin-lot__link').filter({ hasText: '停车记录' }).tap();
    await expectText(page.locator('#pv-title'), '停车记录');
    await onTop(page, 'admin-sessions__row').first().waitFor();
    await shot(page, FLOW, '2-sessions');

    await onTop(page, 'admin-sessions__row').filter({ hasText: '粤B11111' }).tap();
    await expectText(page.locator('#pv-title'), '停车详情');
    await expectText(onTop(page, 'admin-session__plate'), '粤B11111');
    await onTop(page, 'admin-session__finish').first().tap();
    // What finish will do is said before the reason: unpaid, no freeze — owed, not charged.
    await expectTextContaining(onTop(page, 'admin-reason-dialog__summary'), '将不再收取');
    await endWithReason(page, '车主称已付款，先放行', '3-finish-reason');
    await expectText(onTop(page, 'admin-session__state'), '已离场');
    await expectText(onTop(page, 'admin-session__notice'), '结束停车：已完成');
    await expectTextContaining(
      onTop(page, 'admin-session__history').last(),
      '管理员结束 车主称已付款，先放行',
    );
    await shot(page, FLOW, '4-finished');

    await page.locator('#pv-back').tap();
    await expectText(page.locator('#pv-title'), '停车记录');
    await onTop(page, 'admin-sessions__row').filter({ hasText: '粤B22222' }).tap();
    await expectText(onTop(page, 'admin-session__plate'), '粤B22222');
    await onTop(page, 'admin-session__cancel').first().tap();
    await expectTextContaining(onTop(page, 'admin-reason-dialog__summary'), '不收取任何费用');
    await endWithReason(page, '误识别车牌，重复入场', '5-cancel-reason');
    // A cancel charges nothing and closes the session (server/operator/session-actions.ts).
    await expectText(onTop(page, 'admin-session__notice'), '取消停车：已完成');
    await expectText(onTop(page, 'admin-session__state'), '已离场');
    await expectTextContaining(
      onTop(page, 'admin-session__history').last(),
      '误识别车牌，重复入场',
    );
    await shot(page, FLOW, '6-cancelled');

    // The list shows both ends; the paid session's charge is the lot's revenue.
    await page.locator('#pv-back').tap();
    await expectText(page.locator('#pv-title'), '停车记录');
    const row = (plate: string) => onTop(page, 'admin-sessions__row').filter({ hasText: plate });
    await expectText(row('粤B11111').locator('[class$="--admin-sessions__state"]'), '已离场');
    await expectText(row('粤B22222').locator('[class$="--admin-sessions__state"]'), '已离场');
    await expectText(row('粤B22222').locator('[class$="--admin-sessions__charged"]'), '¥0.00');
    const paid = (await row('粤B33333')
      .locator('[class$="--admin-sessions__charged"]')
      .textContent())!.trim();
    expect(paid).toMatch(/^¥\d+\.\d{2}$/);
    expect(paid).not.toBe('¥0.00');
    await shot(page, FLOW, '7-sessions-after');

    // Straight to the dashboard: going back through the lot page races its reload, which sets
    // the navigation title after the page has left the top (reported).
    await page.goto(`${world.previewUrl}?page=admin/index/index`);
    await expectText(page.locator('#pv-openid'), DEMO_OWNER_OPENID);
    await expectText(page.locator('#pv-title'), '停车场管理');
    const mall = onTop(page, 'admin-home__lot').filter({ hasText: '深圳湾商场停车场' });
    await expectText(mall.locator('[class*="--admin-home__live"]'), '1');
    await expectText(mall.locator('[class*="--admin-home__revenue"]'), paid);
    await shot(page, FLOW, '8-today-after');

    await onTop(page, 'admin-home__revenue-link').first().tap();
    await expectText(page.locator('#pv-title'), '营收');
    // The range asked for by the sandbox's date: the page's default ends on the browser's date,
    // which the advanced clock may have passed.
    const day = await sandboxChinaDate(world);
    await onTop(page, 'admin-revenue__from').locator('input').fill(day);
    await onTop(page, 'admin-revenue__to').locator('input').fill(day);
    await onTop(page, 'admin-revenue__query').first().tap();
    await expectCount(onTop(page, 'admin-revenue__day'), 1);
    await expectText(onTop(page, 'admin-revenue__charged'), paid);
    await shot(page, FLOW, '9-revenue');
    expect(errors).toEqual([]);
  });
});
