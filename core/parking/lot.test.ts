import { lotSchema, prepayEndTime, settleFrom } from './lot';
import { GATED_LOT } from './test-fixtures';

const valid = { ...GATED_LOT };

function issuesOf(input: unknown): string[] {
  const r = lotSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('lot', () => {
  it('accepts a complete lot and fills defaults', () => {
    const {
      split: _split,
      graceSeconds: _g,
      staleSeconds: _s,
      settleBeforeEndSeconds: _e,
      ...minimal
    } = valid;
    const lot = lotSchema.parse(minimal);
    expect(lot.split).toEqual([]);
    expect(lot.graceSeconds).toBe(900);
    expect(lot.settleBeforeEndSeconds).toBe(600);
    expect(lot.staleSeconds).toBe(7 * 86_400);
  });

  it.each([
    [
      'parkingNo with _',
      { parkingNo: 'SZ_0001' },
      'parkingNo: parkingNo must not contain "_" (protocol note 3)',
    ],
    ['parkingNo over 32', { parkingNo: 'A'.repeat(33) }, 'parkingNo'],
    ['unknown province', { pro: '99' }, 'pro'],
    ['cusid over 15', { cusid: '9904401539960001' }, 'cusid'],
    [
      'a freeze of 0',
      { prepay: { freezeAmount: 0, freezeSeconds: 86_400 } },
      'prepay.freezeAmount',
    ],
    [
      'a fraction of fen',
      { prepay: { freezeAmount: 10.5, freezeSeconds: 86_400 } },
      'prepay.freezeAmount',
    ],
    ['road 2', { road: 2 }, 'road'],
    ['a Latin no-plate province', { noPlateProvince: 'A' }, 'noPlateProvince'],
    ['three Chinese characters', { noPlateProvince: '粤深圳' }, 'noPlateProvince'],
    [
      'the lot splitting to itself',
      { split: [{ cusid: GATED_LOT.cusid, share: { kind: 'fixed', amount: 1 } }] },
      'split',
    ],
    ['entry prepay on the roadside', { kind: 'roadside' }, 'entryPrepay'],
    [
      'settling before a freeze starts',
      { settleBeforeEndSeconds: 86_400 },
      'settleBeforeEndSeconds',
    ],
    ['an id too long for a scene', { id: 'L'.repeat(31) }, 'id'],
    ['a no-entry fee of 0', { noEntryFee: 0 }, 'noEntryFee'],
    ['a no-entry fee in fractions of fen', { noEntryFee: 500.5 }, 'noEntryFee'],
    ['a no-entry fee above ¥10000', { noEntryFee: 1_000_001 }, 'noEntryFee'],
    [
      'a no-entry fee on the roadside (no exit lanes)',
      { kind: 'roadside', entryPrepay: false, noEntryFee: 500 },
      'noEntryFee',
    ],
  ])('refuses %s, naming the field', (_name, change, field) => {
    const issues = issuesOf({ ...valid, ...change });
    expect(issues.some((i) => i.startsWith(field))).toBe(true);
  });

  it('accepts two Chinese characters for cars without a plate (protocol note 15)', () => {
    expect(issuesOf({ ...valid, noPlateProvince: '粤B' })).not.toEqual([]);
    expect(issuesOf({ ...valid, noPlateProvince: '深圳' })).toEqual([]);
  });

  it('takes a fixed fee for exits without an entry record, or none (closed for the operator)', () => {
    expect(lotSchema.parse({ ...valid, noEntryFee: 2000 }).noEntryFee).toBe(2000);
    expect(lotSchema.parse(valid).noEntryFee).toBeUndefined();
  });

  it('derives endTime and the moment reconcile settles', () => {
    expect(prepayEndTime(GATED_LOT, 1000)).toBe(1000 + 86_400);
    expect(settleFrom(GATED_LOT, 90_000)).toBe(90_000 - 600);
  });
});
