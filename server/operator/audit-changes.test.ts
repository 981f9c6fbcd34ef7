import { lotSchema } from '../../core/parking/lot';
import { tariffSchema } from '../../core/parking/tariff';
import { gateChanges, lotChanges, splitText, spotChanges, tariffChanges } from './audit-changes';

const LOT = lotSchema.parse({
  id: 'lot-a',
  parkingNo: 'A-1',
  name: '甲停车场',
  pro: '44',
  kind: 'gated',
  cusid: '990581007426001',
  entryPrepay: true,
  prepay: { freezeAmount: 5000, freezeSeconds: 86_400 },
  road: 9,
  noPlateProvince: '粤',
  tariffId: 'tariff-a',
});

const TARIFF = tariffSchema.parse({
  id: 'tariff-a',
  name: '标准',
  freeMinutes: 15,
  unitMinutes: 60,
  periods: [
    { name: '白天', start: '08:00', pricePerUnit: 500 },
    { name: '夜间', start: '20:00', pricePerUnit: 200 },
  ],
  capPer24h: 3000,
});

describe('what an edit changed, in words', () => {
  test('a lot: only what differs, old → new in ¥, 开启/关闭 and durations', () => {
    const after = {
      ...LOT,
      entryPrepay: false,
      prepay: { freezeAmount: 3000, freezeSeconds: 2 * 86_400 },
      graceSeconds: 1800,
      road: 1 as const,
      split: [{ cusid: 'B2', share: { kind: 'percent' as const, basisPoints: 1050 } }],
    };
    expect(lotChanges(LOT, after)).toEqual([
      { label: '分账', from: '（无）', to: 'B2 10.5%' },
      { label: '入场预付', from: '开启', to: '关闭' },
      { label: '冻结金额', from: '¥50.00', to: '¥30.00' },
      { label: '冻结时长', from: '1 天', to: '2 天' },
      { label: '到期处理', from: '到期自动退回', to: '到期自动扣款' },
      { label: '缴费后离场时限', from: '15 分钟', to: '30 分钟' },
    ]);
    expect(lotChanges(LOT, LOT)).toEqual([]);
  });

  test('the no-entry setting: 请联系管理员 ↔ a fixed fee, in ¥', () => {
    expect(lotChanges(LOT, { ...LOT, noEntryFee: 2000 })).toEqual([
      { label: '无入场记录出场', from: '请联系管理员', to: '固定收费 ¥20.00' },
    ]);
    expect(lotChanges({ ...LOT, noEntryFee: 2000 }, { ...LOT, noEntryFee: 1500 })).toEqual([
      { label: '无入场记录出场', from: '固定收费 ¥20.00', to: '固定收费 ¥15.00' },
    ]);
    expect(lotChanges({ ...LOT, noEntryFee: 2000 }, LOT)).toEqual([
      { label: '无入场记录出场', from: '固定收费 ¥20.00', to: '请联系管理员' },
    ]);
    // Spaces, unset before, read 不限 too.
    expect(lotChanges(LOT, { ...LOT, capacity: 80 })).toEqual([
      { label: '车位数', from: '不限', to: '80 个' },
    ]);
  });

  test('a creation lists what was set, from （无）, and leaves out what is empty', () => {
    const changes = lotChanges(undefined, LOT);
    expect(changes).toContainEqual({ label: '名称', from: '（无）', to: '甲停车场' });
    expect(changes.map((c) => c.label)).not.toContain('分账');
  });

  test('a tariff: prices, period starts, cap', () => {
    const after = {
      ...TARIFF,
      capPer24h: null,
      periods: [
        { name: '白天', start: '07:30', pricePerUnit: 600 },
        { name: '夜间', start: '20:00', pricePerUnit: 200 },
      ],
    };
    expect(tariffChanges(TARIFF, after)).toEqual([
      {
        label: '时段',
        from: '白天 08:00 起 ¥5.00；夜间 20:00 起 ¥2.00',
        to: '白天 07:30 起 ¥6.00；夜间 20:00 起 ¥2.00',
      },
      { label: '24 小时封顶', from: '¥30.00', to: '不封顶' },
    ]);
  });

  test('gates and spots', () => {
    const gate = { id: 'g1', lotId: 'lot-a', kind: 'entry' as const, name: '南门', scene: 'g:g1' };
    expect(gateChanges(gate, { ...gate, kind: 'exit', name: '北门' })).toEqual([
      { label: '名称', from: '南门', to: '北门' },
      { label: '类型', from: '入口', to: '出口' },
    ]);
    const spot = { id: 's1', lotId: 'lot-a', code: 'A-1', name: '一号', scene: 's:s1' };
    expect(spotChanges(spot, { ...spot, code: 'A-2' })).toEqual([
      { label: '泊位号', from: 'A-1', to: 'A-2' },
    ]);
  });

  test('split receivers read as people write them', () => {
    expect(
      splitText([
        { cusid: 'B2', share: { kind: 'percent', basisPoints: 1000 } },
        { cusid: 'C3', share: { kind: 'fixed', amount: 150 } },
      ]),
    ).toBe('B2 10%；C3 每笔 ¥1.50');
  });
});
