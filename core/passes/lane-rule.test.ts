import { entryVerdict, exitText } from './lane-rule';
import type { ListEntry } from './lists';
import { type Pass, applyPassOrder } from './pass';

const DAY = 86_400;
const T0 = 1_800_000_000;

function pass(spaces = 1, plates = ['粤B11111', '粤B22222']): Pass {
  const made = applyPassOrder(
    undefined,
    'P1',
    {
      orderId: 'R1',
      lotId: 'lot-1',
      plates,
      source: 'operator',
      terms: {
        planId: 'plan-1',
        planName: '一位多车',
        period: { kind: 'days', days: 30 },
        spaces,
        graceDays: 3,
        price: 0,
      },
    },
    T0,
  );
  if (!made.ok) throw new Error(made.message);
  return made.value.pass;
}

const entry = (kind: 'white' | 'black', extra: Partial<ListEntry> = {}): ListEntry => ({
  lotId: 'lot-1',
  kind,
  plate: '粤B11111',
  reason: kind === 'black' ? '欠费未缴' : '公务车',
  createdAt: T0,
  by: 'o-op',
  ...extra,
});

describe('entryVerdict', () => {
  it('lets a valid pass car in free with its days left', () => {
    const verdict = entryVerdict({
      now: T0 + DAY,
      lists: [],
      pass: { pass: pass(), insideOnPass: 0 },
    });
    expect(verdict).toEqual({
      kind: 'free',
      privilege: { kind: 'pass', refId: 'P1', label: '月卡「一位多车」' },
      text: '月卡车 剩余 29 天',
    });
  });

  it('lets an expired pass car in within grace, with a warning', () => {
    const verdict = entryVerdict({
      now: T0 + 31 * DAY,
      lists: [],
      pass: { pass: pass(), insideOnPass: 0 },
    });
    expect(verdict).toMatchObject({
      kind: 'free',
      privilege: { kind: 'pass', grace: true },
      warning: '月卡已过期 宽限期剩余 2 天 请及时续费',
    });
  });

  it('parks a pass car past grace as a visitor', () => {
    expect(
      entryVerdict({ now: T0 + 33 * DAY, lists: [], pass: { pass: pass(), insideOnPass: 0 } }),
    ).toEqual({ kind: 'visitor', note: 'pass_expired', text: '月卡已过期 按临时车收费' });
  });

  it('一位多车: when the spaces are taken the next car pays', () => {
    const two = pass(2, ['粤B11111', '粤B22222', '粤B33333']);
    expect(entryVerdict({ now: T0, lists: [], pass: { pass: two, insideOnPass: 1 } }).kind).toBe(
      'free',
    );
    expect(
      entryVerdict({ now: T0, lists: [], pass: { pass: two, insideOnPass: 2 } }),
    ).toMatchObject({
      kind: 'visitor',
      note: 'pass_full',
    });
  });

  it('refuses a blacklisted car with its reason, before any pass or whitelist', () => {
    expect(
      entryVerdict({
        now: T0,
        lists: [entry('white'), entry('black')],
        pass: { pass: pass(), insideOnPass: 0 },
      }),
    ).toEqual({
      kind: 'refuse',
      code: 'BLACKLISTED',
      reason: '欠费未缴',
      text: '禁止入场：欠费未缴',
    });
  });

  it('lets a whitelisted car in free within its validity only', () => {
    expect(
      entryVerdict({ now: T0, lists: [entry('white', { validUntil: T0 + DAY })] }),
    ).toMatchObject({
      kind: 'free',
      privilege: { kind: 'whitelist', label: '白名单：公务车' },
    });
    expect(
      entryVerdict({ now: T0 + DAY, lists: [entry('white', { validUntil: T0 + DAY })] }),
    ).toEqual({
      kind: 'visitor',
      text: '欢迎光临',
    });
    expect(
      entryVerdict({ now: T0 + DAY, lists: [entry('black', { validUntil: T0 + DAY })] }).kind,
    ).toBe('visitor');
  });

  it('says goodbye at the exit', () => {
    const p = pass();
    expect(exitText({ kind: 'pass', refId: 'P1', label: 'x' }, p, T0 + DAY)).toBe(
      '月卡车 剩余 29 天 一路顺风',
    );
    expect(exitText({ kind: 'whitelist', refId: 'w', label: 'x' }, undefined, T0)).toBe(
      '白名单车辆 一路顺风',
    );
  });
});
