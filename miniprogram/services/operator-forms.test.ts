import type { Tariff } from './operator-types';
import {
  NO_PLACE_FORM,
  gateFromForm,
  placeFromForm,
  spotFromForm,
  tariffForm,
  tariffFromForm,
} from './operator-forms';

const TARIFF: Tariff = {
  id: 'T1',
  name: '标准收费',
  freeMinutes: 15,
  freeDeducted: false,
  unitMinutes: 60,
  periods: [
    { name: '白天', start: '08:00', pricePerUnit: 500 },
    { name: '夜间', start: '20:00', pricePerUnit: 200 },
  ],
  capPer24h: 3000,
  bookingFee: 0,
  bookingHoldMinutes: 15,
  noShow: { kind: 'booking_fee' },
};

describe('tariff form', () => {
  test('starts from the tariff in yuan, and gives it back unchanged', () => {
    const form = tariffForm(TARIFF);
    expect(form).toEqual({
      name: '标准收费',
      freeMinutes: '15',
      unitMinutes: '60',
      cap: '30.00',
      bookingFee: '0.00',
      prices: ['5.00', '2.00'],
      starts: ['08:00', '20:00'],
    });
    expect(tariffFromForm(TARIFF, form)).toEqual({ ok: true, value: TARIFF });
  });

  test('reads yuan to exact fen; an empty cap is no cap', () => {
    const result = tariffFromForm(TARIFF, {
      ...tariffForm(TARIFF),
      cap: '',
      prices: ['0.1', '2.35'],
      bookingFee: '1',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        ...TARIFF,
        capPer24h: null,
        bookingFee: 100,
        periods: [
          { name: '白天', start: '08:00', pricePerUnit: 10 },
          { name: '夜间', start: '20:00', pricePerUnit: 235 },
        ],
      },
    });
  });

  test.each([
    [{ name: ' ' }, '请填写名称'],
    [{ freeMinutes: '1.5' }, '免费时长为 0 到 1440 分钟的整数'],
    [{ unitMinutes: '0' }, '计费单位为 1 到 1440 分钟的整数'],
    [{ cap: '0' }, '每日封顶须大于 0，不封顶请留空'],
    [{ cap: '1.234' }, '每日封顶：金额最多两位小数'],
    [{ prices: ['abc', '2'] }, '白天单价：金额格式不对，请输入数字，如 12.50'],
  ])('refuses %o', (change, message) => {
    expect(tariffFromForm(TARIFF, { ...tariffForm(TARIFF), ...change })).toMatchObject({
      ok: false,
      message,
    });
  });

  test('names every wrong field at once, letters in numbers included', () => {
    const result = tariffFromForm(TARIFF, {
      ...tariffForm(TARIFF),
      freeMinutes: '15a',
      unitMinutes: 'abc',
      cap: '3O',
      prices: ['5', '2x'],
      starts: ['08:00', '8:00'],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        freeMinutes: '免费时长为 0 到 1440 分钟的整数',
        unitMinutes: '计费单位为 1 到 1440 分钟的整数',
        cap: '每日封顶：金额格式不对，请输入数字，如 12.50',
        'prices.1': '夜间单价：金额格式不对，请输入数字，如 12.50',
        'starts.1': '夜间开始时间为 00:00 到 23:59，如 08:00',
      },
      message: expect.stringContaining('；'),
    });
  });

  test('moves a period boundary, and refuses two periods starting at once', () => {
    const moved = tariffFromForm(TARIFF, { ...tariffForm(TARIFF), starts: ['07:30', '22:00'] });
    expect(moved.ok && moved.value.periods.map((p) => p.start)).toEqual(['07:30', '22:00']);
    const same = tariffFromForm(TARIFF, { ...tariffForm(TARIFF), starts: ['08:00', '08:00'] });
    expect(same).toMatchObject({ ok: false, errors: { 'starts.1': '夜间与其他时段开始时间相同' } });
  });
});

describe('gate and spot forms', () => {
  test('trim and fill in the lot', () => {
    expect(gateFromForm('L1', { id: ' G-OUT2 ', name: ' 北出口 ', kind: 'exit' })).toEqual({
      ok: true,
      value: { id: 'G-OUT2', lotId: 'L1', kind: 'exit', name: '北出口' },
    });
    expect(spotFromForm('R1', { id: 'S-9', code: 'A-009', name: '9 号' })).toEqual({
      ok: true,
      value: { id: 'S-9', lotId: 'R1', code: 'A-009', name: '9 号' },
    });
  });

  test('refuse ids and codes the server would refuse', () => {
    expect(gateFromForm('L1', { id: 'G_1', name: '入口', kind: 'entry' })).toMatchObject({
      ok: false,
      message: '编号为 1 到 30 位字母、数字或 -',
    });
    expect(spotFromForm('R1', { id: 'S1', code: 'A 1', name: '1 号' })).toMatchObject({
      ok: false,
      message: '泊位号为 1 到 16 位字母、数字或 -',
    });
    expect(spotFromForm('R1', { id: 'S1', code: 'A1', name: '' })).toMatchObject({
      ok: false,
      message: '请填写名称',
    });
  });

  test('the places editor’s one form makes a gate or a spot by its type, new or not', () => {
    const gate = { ...NO_PLACE_FORM, id: 'G-1', name: '东门', kind: 'exit' as const, code: 'x' };
    expect(placeFromForm('L1', gate)).toEqual({
      ok: true,
      value: {
        type: 'gate',
        isNew: true,
        gate: { id: 'G-1', lotId: 'L1', kind: 'exit', name: '东门' },
      },
    });
    const spot = {
      ...NO_PLACE_FORM,
      type: 'spot' as const,
      isNew: false,
      id: 'S-1',
      code: 'A-1',
      name: '1 号',
    };
    expect(placeFromForm('R1', spot)).toEqual({
      ok: true,
      value: {
        type: 'spot',
        isNew: false,
        spot: { id: 'S-1', lotId: 'R1', code: 'A-1', name: '1 号' },
      },
    });
    expect(placeFromForm('R1', { ...spot, code: '' })).toMatchObject({
      ok: false,
      message: '泊位号为 1 到 16 位字母、数字或 -',
    });
  });
});
