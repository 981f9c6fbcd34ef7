import { fromChinaDateTime } from '../parking/china-time';
import { MAX_IMPORT_LINES, parseListCsv } from './list-csv';

describe('parseListCsv', () => {
  it('reads plates, reasons and dates; skips a BOM, a header and blank lines', () => {
    const parsed = parseListCsv(
      '\uFEFF车牌,原因,有效期至\r\n粤b12345\n\n京A54321,员工,2026-12-31\n',
    );
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, plate: '粤B12345' },
        {
          line: 4,
          plate: '京A54321',
          reason: '员工',
          validUntil: fromChinaDateTime({
            year: 2027,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
          }) as number,
        },
      ],
    });
  });

  it('reports every bad line and imports nothing', () => {
    const parsed = parseListCsv(
      '粤B12345\n不是车牌\n粤B12345\n粤B54321,员工,2026-13-01\n粤C1,a,b,c',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(parsed.errors[1]?.message).toBe('车牌与第 1 行重复');
    expect(parsed.errors[2]?.message).toMatch(/YYYY-MM-DD/);
  });

  it('refuses an empty file and a file too long', () => {
    expect(parseListCsv('\n\n')).toMatchObject({ ok: false });
    const many = Array.from({ length: MAX_IMPORT_LINES + 1 }, (_, i) => `粤B${String(10000 + i)}`);
    const parsed = parseListCsv(many.join('\n'));
    expect(parsed.ok).toBe(false);
  });
});
