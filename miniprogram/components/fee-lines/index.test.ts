import { feeLineViews } from '../../services/driver-format';
import { all, hasClass, one, renderComponent, textOf } from '../../test-support';

const PATH = '/components/fee-lines/index';

describe('fee-lines', () => {
  test('one line per tariff line, the total set apart', () => {
    const lines = renderComponent(PATH, {
      lines: [
        { text: '免费 15 分钟', amount: '¥0.00', total: false },
        { text: '24 小时封顶', amount: '-¥5.00', total: false },
        { text: '合计', amount: '¥45.00', total: true },
      ],
    });
    const rows = all(lines, '.fee-lines__line');
    expect(all(lines, '.fee-lines__text').map(textOf)).toEqual([
      '免费 15 分钟',
      '24 小时封顶',
      '合计',
    ]);
    expect(all(lines, '.fee-lines__amount').map(textOf)).toEqual(['¥0.00', '-¥5.00', '¥45.00']);
    expect(rows.map((row) => hasClass(row, 'fee-lines__line--total'))).toEqual([
      false,
      false,
      true,
    ]);
    expect(all(lines, '.fee-lines__empty')).toHaveLength(0);
  });

  test('a stay’s lines as the pages give them: no ¥0.00 line, no repeated total', () => {
    const lines = renderComponent(PATH, {
      lines: feeLineViews([
        { kind: 'free', text: '免费 15 分钟', amount: 0 },
        { kind: 'period', text: '08:00-20:00 3 小时 × ¥5.00', amount: 1500 },
        { kind: 'period', text: '20:00-08:00 1 小时 × ¥2.00', amount: 200 },
        { kind: 'cap', text: '24 小时封顶', amount: -200 },
        { kind: 'total', text: '合计', amount: 1500 },
      ]),
    });
    expect(all(lines, '.fee-lines__line').map(textOf)).toEqual([
      '08:00-20:00 3 小时 × ¥5.00¥15.00',
      '20:00-08:00 1 小时 × ¥2.00¥2.00',
      '24 小时封顶-¥2.00',
    ]);
    expect(all(lines, '.fee-lines__line--total')).toHaveLength(0);
  });

  test('says so when there is nothing to show', () => {
    const lines = renderComponent(PATH, { lines: [] });
    expect(textOf(one(lines, '.fee-lines__empty'))).toBe('暂无计费明细');
  });
});
