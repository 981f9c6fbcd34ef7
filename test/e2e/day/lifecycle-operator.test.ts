import type { Page } from 'playwright-core';
import { DEMO_DRIVER_OPENID } from '../../../server/seed/demo-data';
import { describeInChromium, expectCount, expectText } from '../browser';
import {
  advanceClock,
  callApi,
  onTop,
  openPreview,
  payAtSandboxCashier,
  reportAtGate,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots } from './day-kit';

// A day in a lot (issue 11): the operator's finish and cancel say what they will do before a
// reason is typed. Finishing a parked roadside booking shows the parking fee taken from the
// freeze and what returns, and charges exactly that; a paid car's cancel is not offered, and the
// page says why.

jest.setTimeout(90_000);

const SCENARIO = 'lifecycle-operator';
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

const shot = dayShots(SCENARIO);

type Started = { session: { id: string }; payment: { requestPayment: Record<string, string> } };

describeInChromium('a day in a lot: operator finish and cancel with the amounts shown', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  async function openSessions(page: Page, lotName: string) {
    await onTop(page, 'admin-home__lot-name').filter({ hasText: lotName }).tap();
    await expectText(page.locator('#pv-title'), lotName);
    await onTop(page, 'admin-lot__link').filter({ hasText: '停车记录' }).tap();
    await expectText(page.locator('#pv-title'), '停车记录');
  }

  it('shows what finish charges before the reason, charges it, and says why cancel is not possible', async () => {
    // A roadside booking, arrived, parked 40 minutes.
    const booking = await callApi<Started>(world, DEMO_DRIVER_OPENID, 'booking.create', {
      spotId: 'spot-road-4',
      plate: '粤B63001',
    });
    await payAtSandboxCashier(world, booking.payment.requestPayment);
    await callApi(world, DEMO_DRIVER_OPENID, 'payment.confirm', { sessionId: booking.session.id });
    await callApi(world, DEMO_DRIVER_OPENID, 'booking.arrive', { sessionId: booking.session.id });
    // A car of the mall paid at a pay station, still inside.
    const entry = await reportAtGate(world, 'lot-mall', {
      type: 'entry',
      gateId: 'gate-mall-in',
      plate: '粤B63002',
    });
    const paidId = entry.json.data?.sessionId as string;
    await advanceClock(world, 40 * 60);
    const pay = await callApi<{ payment: { requestPayment: Record<string, string> } }>(
      world,
      DEMO_DRIVER_OPENID,
      'exit.pay',
      { sessionId: paidId },
    );
    await payAtSandboxCashier(world, pay.payment.requestPayment);
    await callApi(world, DEMO_DRIVER_OPENID, 'payment.confirm', { sessionId: paidId });
    const quote = await callApi<{ due: number }>(world, DEMO_DRIVER_OPENID, 'session.quote', {
      sessionId: booking.session.id,
    });
    expect(quote.due).toBeGreaterThan(0);

    const { page, errors } = await openPreview(world);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#pv-identity').selectOption('operator'),
    ]);
    await onTop(page, 'admin-entry').first().tap();
    await expectText(page.locator('#pv-title'), '停车场管理');
    await openSessions(page, '科苑路路侧泊位');
    await onTop(page, 'admin-sessions__row').filter({ hasText: '粤B63001' }).tap();
    await expectText(onTop(page, 'admin-session__plate'), '粤B63001');
    await onTop(page, 'admin-session__finish').first().tap();
    // 30.00 frozen, 2.00 booking fee already taken: the fee comes from the 28.00 left.
    await expectText(
      onTop(page, 'admin-reason-dialog__summary'),
      `将从冻结金额收取停车费 ${yuan(quote.due)}，退回 ${yuan(2800 - quote.due)}。`,
    );
    await shot(page, '1-finish-preview');
    await onTop(page, 'admin-reason-dialog__input').locator('textarea').fill('车主电话要求结束');
    await onTop(page, 'admin-reason-dialog__confirm').first().tap();
    await expectCount(onTop(page, 'admin-reason-dialog__panel'), 0);
    await expectText(onTop(page, 'admin-session__state'), '已离场');
    await shot(page, '2-finished');
    const detail = await callApi<{ receipt: { charged: number; returned: number } }>(
      world,
      DEMO_DRIVER_OPENID,
      'session.detail',
      { sessionId: booking.session.id },
    );
    expect(detail.receipt).toMatchObject({ charged: 200 + quote.due, returned: 2800 - quote.due });

    await page.locator('#pv-back').tap();
    await page.locator('#pv-back').tap();
    await page.locator('#pv-back').tap();
    await expectText(page.locator('#pv-title'), '停车场管理');
    await openSessions(page, '深圳湾商场停车场');
    await onTop(page, 'admin-sessions__row').filter({ hasText: '粤B63002' }).tap();
    await expectText(onTop(page, 'admin-session__state'), '已支付');
    await expectText(
      onTop(page, 'admin-session__cancel-note'),
      '无法取消停车：该记录已支付，无法取消；如需放行请使用结束',
    );
    await expectCount(onTop(page, 'admin-session__cancel'), 0);
    await shot(page, '3-cancel-not-offered');
    expect(errors).toEqual([]);
    await page.close();
  });
});
