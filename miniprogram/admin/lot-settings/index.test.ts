import { all, one, renderPage, tap, tapText, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { attrOf, settle, texts, typeInto } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/lot-settings/index';

const LOT = {
  id: 'L1',
  parkingNo: 'L1-01',
  name: '科技园停车场',
  pro: '44',
  kind: 'gated',
  cusid: '990581007426001',
  split: [],
  entryPrepay: true,
  prepay: { freezeAmount: 5000, freezeSeconds: 86_400 },
  road: 9,
  settleBeforeEndSeconds: 600,
  noPlateProvince: '粤',
  graceSeconds: 900,
  staleSeconds: 604_800,
  tariffId: 'T1',
  arrearsPolicy: 'remind',
};

describe('lot settings', () => {
  test('the owner turns entry prepay off, lowers the freeze, widens the leave window, with a reason', async () => {
    const api = fakeApi({
      'op.lots.get': ok({ lot: LOT, role: 'owner' }),
      'op.lots.upsert': (d: { lot: unknown }) => ok({ lot: d.lot as never }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(all(page, '.lot-settings__id')).toHaveLength(0); // the id is fixed once created
    const body = all(one(page, '.lot-settings__prepay'), '.t-switch__body')[0];
    await tap((body ?? one(page, '.lot-settings__prepay')) as never);
    await typeInto(one(page, '.lot-settings__freeze'), '30');
    await typeInto(one(page, '.lot-settings__grace'), '20');
    await typeInto(one(page, '.lot-settings__province'), '港');
    await typeInto(one(page, '.lot-settings__capacity'), '120');
    await tapText(page, '.lot-settings__road', '到期自动扣款');
    await typeInto(one(page, '.lot-settings__reason'), '淡季调整');
    await tap(one(page, '.lot-settings__save'));
    await settle();
    expect(api.sent('op.lots.upsert')).toEqual([
      {
        lot: {
          ...LOT,
          entryPrepay: false,
          prepay: { freezeAmount: 3000, freezeSeconds: 86_400 },
          graceSeconds: 1200,
          noPlateProvince: '港',
          road: 1,
          capacity: 120,
        },
        reason: '淡季调整',
      },
    ]);
    expect(textOf(one(page, '.lot-settings__notice'))).toBe('设置已保存');
  });

  test('the owner charges a fixed fee at the exit for a car with no entry record, then goes back', async () => {
    const api = fakeApi({
      'op.lots.get': ok({ lot: LOT, role: 'owner' }),
      'op.lots.upsert': (d: { lot: unknown }) => ok({ lot: d.lot as never }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    // 请联系管理员 by default: no amount to fill in.
    expect(texts(page, '.lot-settings__chip--on.lot-settings__no-entry')).toEqual(['请联系管理员']);
    expect(all(page, '.lot-settings__no-entry-fee')).toHaveLength(0);
    await tapText(page, '.lot-settings__no-entry', '固定收费');
    await typeInto(one(page, '.lot-settings__no-entry-fee'), '0');
    await tap(one(page, '.lot-settings__save'));
    await settle();
    expect(api.sent('op.lots.upsert')).toEqual([]);
    expect(texts(page, '.lot-settings__field-error')).toEqual([
      '无入场记录收费为 0.01 到 10000 元',
    ]);
    await typeInto(one(page, '.lot-settings__no-entry-fee'), '20');
    await typeInto(one(page, '.lot-settings__reason'), '逃费车辆增多');
    await tap(one(page, '.lot-settings__save'));
    await settle();
    expect(api.sent('op.lots.upsert')).toEqual([
      { lot: { ...LOT, noEntryFee: 2000 }, reason: '逃费车辆增多' },
    ]);
    expect(textOf(one(page, '.lot-settings__notice'))).toBe('设置已保存');
    // The saved lot comes back with its fee shown in yuan; back to the operator drops it.
    const shown = one(one(page, '.lot-settings__no-entry-fee'), '.t-input__control');
    expect(attrOf(shown, 'value')).toBe('20.00');
    await tapText(page, '.lot-settings__no-entry', '请联系管理员');
    expect(all(page, '.lot-settings__no-entry-fee')).toHaveLength(0);
    await tap(one(page, '.lot-settings__save'));
    await settle();
    expect(api.sent('op.lots.upsert')[1]).toEqual({ lot: LOT });
  });

  test('a roadside lot requires arrears paid before a booking', async () => {
    const road = { ...LOT, kind: 'roadside', entryPrepay: false };
    const api = fakeApi({
      'op.lots.get': ok({ lot: road, role: 'owner' }),
      'op.lots.upsert': (d: { lot: unknown }) => ok({ lot: d.lot as never }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(texts(page, '.lot-settings__chip--on.lot-settings__arrears')).toEqual(['提醒后可预订']);
    expect(all(page, '.lot-settings__no-entry')).toHaveLength(0);
    await tapText(page, '.lot-settings__arrears', '须先缴清欠费');
    await typeInto(one(page, '.lot-settings__reason'), '欠费车辆增多');
    await tap(one(page, '.lot-settings__save'));
    await settle();
    expect(api.sent('op.lots.upsert')).toEqual([
      { lot: { ...road, arrearsPolicy: 'require' }, reason: '欠费车辆增多' },
    ]);
  });

  test('every wrong field is named at once and nothing is sent; a server refusal is shown', async () => {
    const api = fakeApi({
      'op.lots.get': ok({ lot: LOT, role: 'owner' }),
      'op.lots.upsert': refused('PARKING_NO_TAKEN', '停车场编号已被其他停车场使用'),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await typeInto(one(page, '.lot-settings__freeze'), 'abc');
    await typeInto(one(page, '.lot-settings__stale'), '1天');
    await typeInto(one(page, '.lot-settings__parking-no'), 'L1_01');
    await tap(one(page, '.lot-settings__save'));
    await settle();
    expect(api.sent('op.lots.upsert')).toEqual([]);
    expect(texts(page, '.lot-settings__field-error')).toEqual([
      '停车场编号为 1 到 32 位字母、数字或 -（不能有下划线）',
      '冻结金额：金额格式不对，请输入数字，如 12.50',
      '超时标记为 1 到 8784 小时的整数',
    ]);
    expect(texts(page, '.lot-settings__error-line')).toHaveLength(3);
    await typeInto(one(page, '.lot-settings__freeze'), '50');
    await typeInto(one(page, '.lot-settings__stale'), '24');
    await typeInto(one(page, '.lot-settings__parking-no'), 'L1-02');
    await tap(one(page, '.lot-settings__save'));
    await settle();
    expect(texts(page, '.lot-settings__error-line')).toEqual(['停车场编号已被其他停车场使用']);
  });

  test('creates a lot from the merchant of a lot the owner runs, then opens it', async () => {
    const api = fakeApi({
      'op.lots.list': ok({ lots: [{ ...LOT, role: 'owner' }] }),
      'op.lots.create': (d: { lot: Record<string, unknown> }) =>
        ok({ lot: { ...d.lot, tariffId: d.lot.id } as never, tariff: {} }),
    });
    const redirect = jest.spyOn(wx, 'redirectTo');
    const page = renderPage(PATH);
    await settle();
    await typeInto(one(page, '.lot-settings__id'), 'lot-harbour');
    await typeInto(one(page, '.lot-settings__name'), '海港停车场');
    await typeInto(one(page, '.lot-settings__parking-no'), 'HARBOUR-01');
    await tapText(page, '.lot-settings__kind', '路侧停车');
    expect(all(page, '.lot-settings__prepay')).toHaveLength(0);
    expect(all(page, '.lot-settings__capacity')).toHaveLength(0); // spaces are counted at gates
    expect(all(page, '.lot-settings__no-entry')).toHaveLength(0); // no exit lanes either
    await tap(one(page, '.lot-settings__add-split'));
    await typeInto(one(page, '.lot-settings__split-cusid'), 'X3');
    await typeInto(one(page, '.lot-settings__split-share'), '5%');
    await tap(one(page, '.lot-settings__save'));
    await settle();
    const [sent] = api.sent('op.lots.create') as Array<{ lot: Record<string, unknown> }>;
    expect(sent!.lot).toMatchObject({
      id: 'lot-harbour',
      name: '海港停车场',
      kind: 'roadside',
      cusid: LOT.cusid,
      pro: '44',
      noPlateProvince: '粤',
      entryPrepay: false,
      split: [{ cusid: 'X3', share: { kind: 'percent', basisPoints: 500 } }],
    });
    expect(sent!.lot).not.toHaveProperty('tariffId');
    expect(redirect).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/admin/lot/index?lotId=lot-harbour' }),
    );
    redirect.mockRestore();
  });
});
