import { DEMO_DRIVER_OPENID } from '../../../server/seed/demo-data';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  callApi,
  onTop,
  openPreview,
  payAtSandboxCashier,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots } from './day-kit';

// A day in a lot (issue 11): one driver, two cars in the mall lot. Scanning the exit lists both
// plates and asks which car is leaving; the chosen one is settled from its freeze at the exit's
// code, which is its exit: the gate opens, and only the other car is still inside.

jest.setTimeout(90_000);

const SCENARIO = 'lifecycle-two-cars';
const PLATES = ['粤B61001', '粤B61002'];

const shot = dayShots(SCENARIO);

describeInChromium('a day in a lot: two cars of one driver', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('asks which car at the exit, settles the chosen one and opens the gate for it', async () => {
    const ids: string[] = [];
    for (const plate of PLATES) {
      const started = await callApi<{
        session: { id: string };
        payment: { requestPayment: Record<string, string> };
      }>(world, DEMO_DRIVER_OPENID, 'entry.prepay', { gateId: 'gate-mall-in', plate });
      await payAtSandboxCashier(world, started.payment.requestPayment);
      await callApi(world, DEMO_DRIVER_OPENID, 'payment.confirm', {
        sessionId: started.session.id,
      });
      ids.push(started.session.id);
      await advanceClock(world, 10 * 60);
    }
    await advanceClock(world, 3600);

    const { page, errors } = await openPreview(world);
    await expectText(page.locator('#pv-title'), '通联停车');
    await onTop(page, 'home__scan').first().tap();
    await page.locator('.pv-sheet__item', { hasText: '深圳湾商场停车场 · 北门出口' }).tap();
    await expectText(onTop(page, 'pay__notice'), '您在本停车场有多辆车，请选择要离场的车辆');
    const rows = onTop(page, 'pay__choice');
    await expectTextContaining(rows.first(), PLATES[1]!);
    await expectTextContaining(rows.last(), PLATES[0]!);
    await shot(page, '1-choose-car');

    await rows.filter({ hasText: PLATES[0]! }).first().tap();
    await expectText(onTop(page, 'pay__plate'), PLATES[0]!);
    await expectText(onTop(page, 'pay__frozen'), '¥50.00');
    const due = (await onTop(page, 'pay__due').textContent())!.trim();
    expect(due).toMatch(/^¥\d+\.\d{2}$/);
    expect(due).not.toBe('¥0.00');
    await shot(page, '2-chosen');

    await onTop(page, 'pay__action').first().tap();
    await expectText(onTop(page, 'pay__opened-text'), '道闸正在开启');
    await expectText(onTop(page, 'pay__charged'), due);
    await shot(page, '3-gate-opening');

    // The scan at the exit was the exit: that car is closed, the other one is still inside.
    const mine = await callApi<{ live: Array<{ id: string; plate: string }> }>(
      world,
      DEMO_DRIVER_OPENID,
      'sessions.mine',
      {},
    );
    expect(mine.live.map((s) => s.plate)).toEqual([PLATES[1]]);
    expect(ids).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
