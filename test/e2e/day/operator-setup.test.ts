import { describeInChromium, expectCount, expectText, expectTextContaining } from '../browser';
import { onTop, openPreview, startFlowWorld, type FlowWorld } from '../flows/flow-stack';
import { becomes, dayShots, fill } from './day-kit';

jest.setTimeout(120_000);

// A day in a lot, the owner's setup (issue 11 Deliver 4): the owner adds a lot, edits its
// settings, invites an operator, who accepts in the same preview as another WeChat user; the
// audit log then reads in Chinese, with names and old → new values.

const shot = dayShots('operator-setup');

describeInChromium('a day in a lot: the owner sets up a lot and brings in an operator', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await startFlowWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('adds a lot, edits its settings, invites, and the audit tells it in Chinese', async () => {
    const { page, errors } = await openPreview(world);
    await becomes(page, 'operator');
    await onTop(page, 'admin-entry').first().tap();
    await expectText(page.locator('#pv-title'), '停车场管理');

    // 1. A new lot.
    await onTop(page, 'admin-home__create-lot').first().tap();
    await expectText(page.locator('#pv-title'), '新建停车场');
    await fill(page, 'lot-settings__id', 'lot-harbour');
    await fill(page, 'lot-settings__name', '海港停车场');
    await fill(page, 'lot-settings__parking-no', 'HARBOUR-01');
    await shot(page, '1-new-lot');
    await onTop(page, 'lot-settings__save').first().tap();
    await expectText(page.locator('#pv-title'), '海港停车场');

    // 2. Its settings: a lower freeze and a longer leave window, with a reason; letters refused.
    await onTop(page, 'admin-lot__settings').first().tap();
    await expectText(page.locator('#pv-title'), '停车场设置');
    await onTop(page, 'lot-settings__freeze').locator('input').first().waitFor();
    await fill(page, 'lot-settings__grace', '2O');
    await onTop(page, 'lot-settings__save').first().tap();
    await expectText(onTop(page, 'lot-settings__field-error'), '离场时限为 0 到 1440 分钟的整数');
    await fill(page, 'lot-settings__freeze', '30');
    await fill(page, 'lot-settings__grace', '20');
    await fill(page, 'lot-settings__reason', '开业调整');
    await onTop(page, 'lot-settings__save').first().tap();
    await expectText(onTop(page, 'lot-settings__notice'), '设置已保存');
    await shot(page, '2-settings-saved');
    await page.locator('#pv-back').tap();
    await expectText(page.locator('#pv-title'), '海港停车场');

    // 3. An invitation, its code and its QR full screen.
    await onTop(page, 'admin-lot__link').filter({ hasText: '管理员' }).first().tap();
    await expectText(page.locator('#pv-title'), '管理员');
    await expectTextContaining(onTop(page, 'admin-ops__role').first(), '所有者');
    await onTop(page, 'admin-ops__invite').first().tap();
    const codeNode = onTop(page, 'admin-ops__code');
    await expectCount(codeNode, 1);
    const code = (await codeNode.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    await onTop(page, 'admin-ops__preview').first().tap();
    const big = page.locator('.pv-image-preview img');
    await expectCount(big, 1);
    expect(await big.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await shot(page, '3-invitation-qr');
    await page.locator('.pv-image-preview').tap();
    await expectCount(big, 0);

    // 4. The invitee, another WeChat user, opens the invitation's QR and accepts with a name.
    await becomes(page, 'driver');
    await page.goto(
      `${world.previewUrl}?page=pages/index/index&scene=${encodeURIComponent(`i:${code}`)}`,
    );
    await expectText(page.locator('#pv-title'), '加入停车场管理');
    await expectText(onTop(page, 'join__lot'), '海港停车场');
    await expectText(onTop(page, 'join__role'), '邀请您成为：操作员');
    await fill(page, 'join__name', '王小明');
    await onTop(page, 'join__accept').first().tap();
    await expectText(onTop(page, 'join__done'), '您已成为「海港停车场」的操作员');
    await shot(page, '4-accepted');

    // 5. Back as the owner: the operator by name, and the audit in Chinese with old → new.
    await page.goto(world.previewUrl);
    await becomes(page, 'operator');
    await page.goto(`${world.previewUrl}?page=admin/operators/index&lotId=lot-harbour`);
    await expectCount(onTop(page, 'admin-ops__name').filter({ hasText: '王小明' }), 1);
    await expectCount(onTop(page, 'admin-ops__role').filter({ hasText: '操作员' }), 1);
    await page.goto(`${world.previewUrl}?page=admin/audit/index&lotId=lot-harbour`);
    await expectCount(onTop(page, 'admin-audit__item'), 4);
    const log = (await onTop(page, 'admin-audit__item').allTextContents()).join('\n');
    expect(log).toContain('接受邀请');
    expect(log).toContain('王小明 成为操作员');
    expect(log).toContain('修改停车场设置');
    expect(log).toContain('冻结金额：¥50.00 → ¥30.00');
    expect(log).toContain('缴费后离场时限：15 分钟 → 20 分钟');
    expect(log).toContain('原因：开业调整');
    expect(log).toContain('新建停车场');
    expect(log).not.toMatch(/applied|created|oDEMO|原因：\s*\n/);
    await shot(page, '5-audit');

    // 6. A gate's QR code opens full screen too (查看大图 did nothing before).
    await page.goto(`${world.previewUrl}?page=admin/qrcodes/index&lotId=lot-mall`);
    await onTop(page, 'admin-qr__preview').first().tap();
    await expectCount(big, 1);
    expect(await big.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await shot(page, '6-gate-qr');
    await page.locator('.pv-image-preview').tap();
    await expectCount(big, 0);
    expect(errors).toEqual([]);
  });
});
