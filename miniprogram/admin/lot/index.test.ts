import { type AnyComponent, all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { GATED_LOT, GATES, ROAD_LOT, SPOTS, TARIFF, TARIFF_VIEW } from '../testing/fixtures';
import { giveReason, pageText, settle, texts, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/lot/index';

// The tariff editor, the places editor and the gate dialog are components: their nodes are
// reached through their hosts on the page.
const tariffOf = (page: AnyComponent) => one(page, '.admin-lot__tariff');
const placesOf = (page: AnyComponent) => one(page, '.admin-lot__places');
const gateDialogOf = (page: AnyComponent) => one(page, '.admin-lot__gate-dialog');

function gatedLot(role: 'owner' | 'operator') {
  return fakeApi({
    'op.lots.get': ok({ lot: GATED_LOT, role }),
    'op.tariffs.get': ok({ lotId: 'L1', tariff: TARIFF, view: TARIFF_VIEW }),
    'op.gates.list': ok({ gates: GATES }),
  });
}

describe('lot detail', () => {
  test('shows the tariff and the gates; an operator cannot edit them', async () => {
    gatedLot('operator');
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(textOf(one(page, '.admin-lot__name'))).toBe('科技园停车场');
    expect(textOf(one(page, '.admin-lot__meta'))).toBe('封闭停车场 · 操作员');
    const text = pageText(page);
    expect(text).toContain('白天 08:00–20:00');
    expect(text).toContain('¥5.00 / 60 分钟');
    expect(text).toContain('¥30.00');
    expect(texts(placesOf(page), '.admin-places-editor__gate-name')).toEqual(['南入口', '南出口']);
    expect(all(tariffOf(page), '.admin-tariff-editor__edit')).toHaveLength(0);
    expect(all(placesOf(page), '.admin-places-editor__add')).toHaveLength(0);
    expect(all(placesOf(page), '.admin-places-editor__edit-gate')).toHaveLength(0);
    expect(all(placesOf(page), '.admin-places-editor__delete-gate')).toHaveLength(0);
    expect(texts(page, '.admin-lot__link')).toEqual([
      '停车记录',
      '对账',
      '操作日志',
      '摄像机',
      '月卡',
      '黑白名单',
    ]);
  });

  test('titles itself with the lot name, but not once another page is on top', async () => {
    const title = jest.spyOn(wx, 'setNavigationBarTitle');
    const api = gatedLot('operator');
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(title.mock.calls.map(([o]) => o.title)).toEqual(['科技园停车场']);
    expect(textOf(one(page, '.admin-lot__name'))).toBe('科技园停车场');

    // The operator opens 停车记录 while the page reloads: the answer comes after the page is hidden.
    let answerGates: () => void = () => undefined;
    api.answer(
      'op.gates.list',
      () => new Promise((resolve) => (answerGates = () => resolve(ok({ gates: GATES })))),
    );
    title.mockClear();
    const hooks = page.instance as unknown as { onShow(): void; onHide(): void };
    hooks.onShow();
    hooks.onHide();
    await settle();
    answerGates();
    await settle();
    expect(title).toHaveBeenCalledTimes(1); // only the synchronous re-title in onShow
    expect(texts(placesOf(page), '.admin-places-editor__gate-name')).toEqual(['南入口', '南出口']);

    // Back on top: the title is set again straight away.
    title.mockClear();
    api.answer('op.gates.list', ok({ gates: GATES }));
    hooks.onShow();
    expect(title.mock.calls.map(([o]) => o.title)).toEqual(['科技园停车场']);
    await settle();
    expect(title).toHaveBeenCalledTimes(2);
    title.mockRestore();
  });

  test('a roadside lot shows its spots', async () => {
    fakeApi({
      'op.lots.get': ok({ lot: ROAD_LOT, role: 'owner' }),
      'op.tariffs.get': ok({ lotId: 'R1', tariff: TARIFF, view: TARIFF_VIEW }),
      'op.spots.list': ok({ spots: SPOTS }),
    });
    const page = renderPage(PATH, { lotId: 'R1' });
    await settle();
    expect(texts(placesOf(page), '.admin-places-editor__spot-name')).toEqual([
      'A-001 1 号',
      'A-002 2 号',
    ]);
    expect(all(placesOf(page), '.admin-places-editor__gate')).toHaveLength(0);
  });

  test('the owner edits the tariff: yuan typed, fen sent', async () => {
    const api = gatedLot('owner');
    api.answer('op.tariffs.upsert', (data: Record<string, unknown>) => ok(data));
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    // The owner's links end with the lot's merchants (issue 14).
    expect(texts(page, '.admin-lot__link').slice(-2)).toEqual(['管理员', '商户']);
    await tap(one(tariffOf(page), '.admin-tariff-editor__edit'));
    await typeInto(all(tariffOf(page), '.admin-tariff-editor__price')[0] as never, '6.5');
    await typeInto(one(tariffOf(page), '.admin-tariff-editor__cap'), '');
    await tap(one(tariffOf(page), '.admin-tariff-editor__save'));
    await settle();
    expect(api.sent('op.tariffs.upsert')).toEqual([
      {
        lotId: 'L1',
        tariff: {
          ...TARIFF,
          capPer24h: null,
          periods: [
            { name: '白天', start: '08:00', pricePerUnit: 650 },
            { name: '夜间', start: '20:00', pricePerUnit: 200 },
          ],
        },
      },
    ]);
    expect(textOf(one(page, '.admin-lot__notice'))).toBe('收费标准已保存');
  });

  test('wrong fields are all refused beside the form, period starts can be edited, and the server refusal is shown', async () => {
    const api = gatedLot('owner');
    api.answer('op.tariffs.upsert', refused('FORBIDDEN', '您的角色没有权限执行此操作'));
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(one(tariffOf(page), '.admin-tariff-editor__edit'));
    await typeInto(one(tariffOf(page), '.admin-tariff-editor__unit'), '0');
    await typeInto(one(tariffOf(page), '.admin-tariff-editor__free'), '1o');
    await typeInto(all(tariffOf(page), '.admin-tariff-editor__price')[1] as never, '2元');
    await typeInto(all(tariffOf(page), '.admin-tariff-editor__start')[1] as never, '25:00');
    await tap(one(tariffOf(page), '.admin-tariff-editor__save'));
    // Every wrong field at once; letters in a number are refused.
    expect(texts(tariffOf(page), '.admin-tariff-editor__error-line')).toEqual([
      '免费时长为 0 到 1440 分钟的整数',
      '计费单位为 1 到 1440 分钟的整数',
      '夜间单价：金额格式不对，请输入数字，如 12.50',
      '夜间开始时间为 00:00 到 23:59，如 08:00',
    ]);
    expect(api.sent('op.tariffs.upsert')).toEqual([]);
    await typeInto(one(tariffOf(page), '.admin-tariff-editor__unit'), '30');
    await typeInto(one(tariffOf(page), '.admin-tariff-editor__free'), '10');
    await typeInto(all(tariffOf(page), '.admin-tariff-editor__price')[1] as never, '2');
    await typeInto(all(tariffOf(page), '.admin-tariff-editor__start')[1] as never, '21:30');
    await tap(one(tariffOf(page), '.admin-tariff-editor__save'));
    expect(all(tariffOf(page), '.admin-tariff-editor__error-line')).toHaveLength(0);
    expect(api.sent('op.tariffs.upsert')).toHaveLength(1);
    expect(
      (api.sent('op.tariffs.upsert')[0] as { tariff: { periods: unknown } }).tariff.periods,
    ).toEqual([
      { name: '白天', start: '08:00', pricePerUnit: 500 },
      { name: '夜间', start: '21:30', pricePerUnit: 200 },
    ]);
    await settle();
    expect(textOf(one(tariffOf(page), '.admin-tariff-editor__error'))).toBe(
      '您的角色没有权限执行此操作',
    );
  });

  test('the owner adds an exit gate and renames one', async () => {
    const api = gatedLot('owner');
    api.answer('op.gates.upsert', (data: { gate: unknown }) =>
      ok({ gate: data.gate as never, created: true }),
    );
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(one(placesOf(page), '.admin-places-editor__add'));
    await typeInto(one(placesOf(page), '.admin-places-editor__id'), 'G-OUT2');
    await typeInto(one(placesOf(page), '.admin-places-editor__name'), '北出口');
    await tap(one(placesOf(page), '.admin-places-editor__gate-kind', '出口'));
    await tap(one(placesOf(page), '.admin-places-editor__save'));
    await settle();
    await tap(all(placesOf(page), '.admin-places-editor__edit-gate')[0] as never);
    await typeInto(one(placesOf(page), '.admin-places-editor__name'), '南门入口');
    await tap(one(placesOf(page), '.admin-places-editor__save'));
    await settle();
    expect(api.sent('op.gates.upsert')).toEqual([
      { gate: { id: 'G-OUT2', lotId: 'L1', kind: 'exit', name: '北出口' } },
      { gate: { id: 'G-IN', lotId: 'L1', kind: 'entry', name: '南门入口' } },
    ]);
    expect(textOf(one(page, '.admin-lot__notice'))).toBe('已保存');
  });

  test('the owner adds a spot; a taken code shows the server message', async () => {
    const api = fakeApi({
      'op.lots.get': ok({ lot: ROAD_LOT, role: 'owner' }),
      'op.tariffs.get': ok({ lotId: 'R1', tariff: TARIFF, view: TARIFF_VIEW }),
      'op.spots.list': ok({ spots: SPOTS }),
      'op.spots.upsert': refused('SPOT_CODE_TAKEN', '泊位号 A-001 已被使用'),
    });
    const page = renderPage(PATH, { lotId: 'R1' });
    await settle();
    await tap(one(placesOf(page), '.admin-places-editor__add'));
    await typeInto(one(placesOf(page), '.admin-places-editor__id'), 'S-3');
    await typeInto(one(placesOf(page), '.admin-places-editor__code'), 'A-001');
    await typeInto(one(placesOf(page), '.admin-places-editor__name'), '3 号');
    await tap(one(placesOf(page), '.admin-places-editor__save'));
    await settle();
    expect(api.sent('op.spots.upsert')).toEqual([
      { spot: { id: 'S-3', lotId: 'R1', code: 'A-001', name: '3 号' } },
    ]);
    expect(textOf(one(placesOf(page), '.admin-places-editor__error'))).toBe(
      '泊位号 A-001 已被使用',
    );
  });

  test('the owner deletes a gate after confirming; a gate in use stays, with the server message', async () => {
    const api = gatedLot('owner');
    api.answer('op.gates.delete', (d: { gateId: string }) =>
      d.gateId === 'G-IN'
        ? refused('PLACE_IN_USE', '还有车辆从这个入口进场，暂不能删除')
        : ok({ outcome: 'applied', id: d.gateId }),
    );
    const modal = jest.spyOn(wx, 'showModal').mockImplementation(((options: {
      content: string;
      success?: (res: { confirm: boolean; cancel: boolean }) => void;
    }) =>
      options.success?.({
        confirm: options.content.includes('南出口'),
        cancel: false,
      })) as never);
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(all(placesOf(page), '.admin-places-editor__delete-gate')[1] as never);
    await settle();
    expect(textOf(one(page, '.admin-lot__notice'))).toBe('删除：已完成');
    modal.mockImplementation(((options: {
      success?: (res: { confirm: boolean; cancel: boolean }) => void;
    }) => options.success?.({ confirm: true, cancel: false })) as never);
    await tap(all(placesOf(page), '.admin-places-editor__delete-gate')[0] as never);
    await settle();
    expect(api.sent('op.gates.delete')).toEqual([
      { lotId: 'L1', gateId: 'G-OUT' },
      { lotId: 'L1', gateId: 'G-IN' },
    ]);
    expect(textOf(one(page, '.admin-lot__action-error'))).toBe(
      '还有车辆从这个入口进场，暂不能删除',
    );
    modal.mockRestore();
  });

  test('deleting a spot needs a confirmation', async () => {
    const api = fakeApi({
      'op.lots.get': ok({ lot: ROAD_LOT, role: 'owner' }),
      'op.tariffs.get': ok({ lotId: 'R1', tariff: TARIFF, view: TARIFF_VIEW }),
      'op.spots.list': ok({ spots: SPOTS }),
      'op.spots.delete': ok({ outcome: 'already', id: 'S-2' }),
    });
    const answer = { confirm: false };
    const modal = jest
      .spyOn(wx, 'showModal')
      .mockImplementation(((options: {
        success?: (res: { confirm: boolean; cancel: boolean }) => void;
      }) => options.success?.({ confirm: answer.confirm, cancel: !answer.confirm })) as never);
    const page = renderPage(PATH, { lotId: 'R1' });
    await settle();
    await tap(all(placesOf(page), '.admin-places-editor__delete-spot')[1] as never);
    await settle();
    expect(api.sent('op.spots.delete')).toEqual([]);
    answer.confirm = true;
    await tap(all(placesOf(page), '.admin-places-editor__delete-spot')[1] as never);
    await settle();
    expect(api.sent('op.spots.delete')).toEqual([{ lotId: 'R1', spotId: 'S-2' }]);
    expect(textOf(one(page, '.admin-lot__notice'))).toBe('删除：此前已完成，无需重复操作');
    modal.mockRestore();
  });

  test('opening a gate asks for a reason and sends it', async () => {
    const api = gatedLot('operator');
    api.answer('op.gate.open', ok({ outcome: 'applied', gateId: 'G-OUT', commandId: 'C1' }));
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(all(placesOf(page), '.admin-places-editor__open-gate')[1] as never);
    expect(pageText(page)).toContain('开启「南出口」');
    await giveReason(gateDialogOf(page), '道闸故障，人工放行');
    expect(api.sent('op.gate.open')).toEqual([{ gateId: 'G-OUT', reason: '道闸故障，人工放行' }]);
    expect(textOf(one(page, '.admin-lot__notice'))).toBe('开闸：已完成');
    expect(
      all(one(gateDialogOf(page), '.reason-dialog'), '.admin-reason-dialog__panel'),
    ).toHaveLength(0);
  });

  test('a refused gate opening shows the server message', async () => {
    const api = gatedLot('operator');
    api.answer('op.gate.open', refused('GATE_NOT_FOUND', '找不到这个出入口'));
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(all(placesOf(page), '.admin-places-editor__open-gate')[0] as never);
    await giveReason(gateDialogOf(page), '测试');
    expect(textOf(one(page, '.admin-lot__action-error'))).toBe('找不到这个出入口');
  });

  test('a lot the caller may not see shows the server refusal', async () => {
    fakeApi({
      'op.lots.get': refused('FORBIDDEN', '你没有这个停车场的权限'),
      'op.tariffs.get': refused('FORBIDDEN', '你没有这个停车场的权限'),
    });
    const page = renderPage(PATH, { lotId: 'L9' });
    await settle();
    expect(textOf(one(page, '.admin-lot__error'))).toBe('你没有这个停车场的权限');
    expect(all(page, '.admin-lot__section')).toHaveLength(0);
  });
});
