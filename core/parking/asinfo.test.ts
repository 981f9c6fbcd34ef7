import { computeSplit, formatAsinfo, parseAsinfo, splitRulesSchema } from './asinfo';

describe('asinfo (protocol note 10)', () => {
  it('formats pairs as cusid:amount joined by commas, and nothing as empty', () => {
    expect(
      formatAsinfo([
        { cusid: '990440153996001', amount: 300 },
        { cusid: '990440153996002', amount: 200 },
      ]),
    ).toBe('990440153996001:300,990440153996002:200');
    expect(formatAsinfo([{ cusid: '990440153996001', amount: 300 }])).toBe('990440153996001:300');
    expect(formatAsinfo([])).toBe('');
  });

  it('parses what it formats and refuses malformed pairs', () => {
    const parsed = parseAsinfo('990440153996001:300,990440153996002:200');
    expect(parsed).toEqual({
      ok: true,
      value: [
        { cusid: '990440153996001', amount: 300 },
        { cusid: '990440153996002', amount: 200 },
      ],
    });
    expect(parseAsinfo('')).toEqual({ ok: true, value: [] });
    for (const bad of ['990440153996001', '990440153996001:1.5', 'a_b:1', '1:-2', '1:2,', '1:01']) {
      expect(parseAsinfo(bad)).toMatchObject({ ok: false, code: 'ASINFO_INVALID' });
    }
  });

  it('splits by percent rounding down and never splits more than the charge', () => {
    const rules = splitRulesSchema.parse([
      { cusid: 'A1', share: { kind: 'percent', basisPoints: 3333 } },
      { cusid: 'B2', share: { kind: 'fixed', amount: 50 } },
    ]);
    expect(computeSplit(rules, 1000)).toEqual([
      { cusid: 'A1', amount: 333 },
      { cusid: 'B2', amount: 50 },
    ]);
    // a fixed share larger than what is left is cut down; zero shares are left out
    expect(computeSplit(rules, 60)).toEqual([
      { cusid: 'A1', amount: 19 },
      { cusid: 'B2', amount: 41 },
    ]);
    expect(computeSplit(rules, 2)).toEqual([{ cusid: 'B2', amount: 2 }]);
    expect(computeSplit(rules, 0)).toEqual([]);
    const all = splitRulesSchema.parse([
      { cusid: 'A1', share: { kind: 'percent', basisPoints: 10_000 } },
    ]);
    expect(computeSplit(all, 999)).toEqual([{ cusid: 'A1', amount: 999 }]);
  });

  it('refuses duplicate receivers and percents over 100 %', () => {
    expect(
      splitRulesSchema.safeParse([
        { cusid: 'A1', share: { kind: 'percent', basisPoints: 10 } },
        { cusid: 'A1', share: { kind: 'fixed', amount: 1 } },
      ]).success,
    ).toBe(false);
    expect(
      splitRulesSchema.safeParse([
        { cusid: 'A1', share: { kind: 'percent', basisPoints: 6000 } },
        { cusid: 'B1', share: { kind: 'percent', basisPoints: 4001 } },
      ]).success,
    ).toBe(false);
    expect(
      splitRulesSchema.safeParse([{ cusid: 'A1', share: { kind: 'percent', basisPoints: 0 } }])
        .success,
    ).toBe(false);
  });
});
