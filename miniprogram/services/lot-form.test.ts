import { lotForm, lotFromForm, newLotForm } from './lot-form';
import type { Lot } from './operator-types';

const LOT = {
  id: 'lot-mall',
  parkingNo: 'MALL-01',
  name: '深圳湾商场停车场',
  pro: '44',
  kind: 'gated',
  cusid: '990581007426001',
  split: [{ cusid: '990581007426002', share: { kind: 'percent', basisPoints: 1050 } }],
  entryPrepay: true,
  prepay: { freezeAmount: 5000, freezeSeconds: 86_400 },
  road: 9,
  settleBeforeEndSeconds: 600,
  noPlateProvince: '粤',
  graceSeconds: 900,
  staleSeconds: 7 * 86_400,
  tariffId: 'tariff-mall',
  arrearsPolicy: 'remind',
} as Lot;

describe('lot settings form', () => {
  test('spaces: empty is not limited, a whole number limits, anything else is refused', () => {
    expect(lotForm(LOT).capacity).toBe('');
    const limited = lotFromForm({ ...lotForm(LOT), capacity: ' 120 ' }, LOT);
    expect(limited).toEqual({ ok: true, value: { ...LOT, capacity: 120 } });
    const back = lotFromForm(
      { ...lotForm({ ...LOT, capacity: 120 }), capacity: '' },
      {
        ...LOT,
        capacity: 120,
      },
    );
    expect(back).toEqual({ ok: true, value: LOT });
    for (const bad of ['0', '12a', '1.5', '100001']) {
      const result = lotFromForm({ ...lotForm(LOT), capacity: bad }, LOT);
      expect(result).toMatchObject({
        ok: false,
        errors: { capacity: expect.stringContaining('车位数') },
      });
    }
  });

  test('no entry record: the operator’s matter by default, or a fixed fee in yuan taken as fen', () => {
    expect(lotForm(LOT)).toMatchObject({ noEntry: 'operator', noEntryYuan: '' });
    const fee = lotFromForm({ ...lotForm(LOT), noEntry: 'fee', noEntryYuan: ' 20.5 ' }, LOT);
    expect(fee).toEqual({ ok: true, value: { ...LOT, noEntryFee: 2050 } });
    const withFee = { ...LOT, noEntryFee: 2050 };
    expect(lotForm(withFee)).toMatchObject({ noEntry: 'fee', noEntryYuan: '20.50' });
    // Back to the operator: the fee is dropped, whatever the field still holds.
    const back = lotFromForm({ ...lotForm(withFee), noEntry: 'operator' }, withFee);
    expect(back).toEqual({ ok: true, value: LOT });
    for (const bad of ['', '0', '-1', '1.234', 'abc', '10000.01']) {
      const result = lotFromForm({ ...lotForm(LOT), noEntry: 'fee', noEntryYuan: bad }, LOT);
      expect({ bad, result }).toMatchObject({
        bad,
        result: { ok: false, errors: { noEntryYuan: expect.stringContaining('无入场记录收费') } },
      });
    }
    // A roadside lot has no exit lanes: no such setting.
    const roadside = { ...LOT, kind: 'roadside' as const, entryPrepay: false };
    const made = lotFromForm({ ...lotForm(roadside), noEntry: 'fee', noEntryYuan: '5' }, roadside);
    expect(made).toMatchObject({ ok: true });
    expect((made as { value: Lot }).value).not.toHaveProperty('noEntryFee');
  });

  test('arrears before a booking: reminded by default, or required paid first', () => {
    const roadside = { ...LOT, kind: 'roadside' as const, entryPrepay: false };
    expect(lotForm(roadside).arrearsPolicy).toBe('remind');
    const strict = lotFromForm({ ...lotForm(roadside), arrearsPolicy: 'require' }, roadside);
    expect(strict).toEqual({ ok: true, value: { ...roadside, arrearsPolicy: 'require' } });
    expect(lotForm({ ...roadside, arrearsPolicy: 'require' }).arrearsPolicy).toBe('require');
  });

  test('shows the lot in yuan, hours and minutes, and gives it back unchanged', () => {
    const form = lotForm(LOT);
    expect(form).toMatchObject({
      freezeYuan: '50.00',
      freezeHours: '24',
      graceMinutes: '15',
      staleHours: '168',
      road: '9',
      split: [{ cusid: '990581007426002', share: '10.5%' }],
    });
    expect(lotFromForm(form, LOT)).toEqual({ ok: true, value: LOT });
  });

  test('turns entry prepay off, changes the freeze and leave window, adds a fixed split', () => {
    const result = lotFromForm(
      {
        ...lotForm(LOT),
        entryPrepay: false,
        freezeYuan: '30',
        freezeHours: '48',
        graceMinutes: '20',
        road: '1',
        split: [
          { cusid: '990581007426002', share: '10%' },
          { cusid: 'X3', share: '1.50' },
        ],
      },
      LOT,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        ...LOT,
        entryPrepay: false,
        prepay: { freezeAmount: 3000, freezeSeconds: 48 * 3600 },
        graceSeconds: 1200,
        road: 1,
        split: [
          { cusid: '990581007426002', share: { kind: 'percent', basisPoints: 1000 } },
          { cusid: 'X3', share: { kind: 'fixed', amount: 150 } },
        ],
      },
    });
  });

  test('names every wrong field at once; letters in numbers are refused', () => {
    const result = lotFromForm(
      {
        ...lotForm(LOT),
        parkingNo: 'MALL_01',
        pro: '4a',
        freezeYuan: '5O',
        freezeHours: '24h',
        graceMinutes: '-1',
        staleHours: '',
        noPlateProvince: 'GD',
        split: [
          { cusid: LOT.cusid, share: '10%' },
          { cusid: 'X3', share: 'abc' },
        ],
      },
      LOT,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(
      [
        'parkingNo',
        'pro',
        'freezeYuan',
        'freezeHours',
        'graceMinutes',
        'staleHours',
        'noPlateProvince',
        'split.0',
        'split.1',
      ].sort(),
    );
    expect(!result.ok && result.message.split('；')).toHaveLength(9);
  });

  test('a roadside lot never has entry prepay; percent shares may not pass 100%', () => {
    const road = lotFromForm({
      ...newLotForm(LOT),
      id: 'r1',
      name: '路边',
      parkingNo: 'R-1',
      kind: 'roadside',
      entryPrepay: true,
    });
    expect(road.ok && road.value.entryPrepay).toBe(false);
    expect(road.ok && road.value.tariffId).toBe('r1');
    const over = lotFromForm({
      ...lotForm(LOT),
      split: [
        { cusid: 'A1', share: '60%' },
        { cusid: 'A2', share: '50%' },
      ],
    });
    expect(over).toMatchObject({ ok: false, errors: { split: '分账比例合计不能超过 100%' } });
  });

  test('a new lot starts from the merchant and region of a lot the owner has', () => {
    expect(newLotForm(LOT)).toMatchObject({
      cusid: LOT.cusid,
      pro: '44',
      noPlateProvince: '粤',
      id: '',
    });
  });
});
