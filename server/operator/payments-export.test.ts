import { newSession, type Session } from '../../core/parking/session';
import { run } from '../../core/parking/session-fixtures';
import { GATED_LOT, HOUR, T0, TARIFF } from '../../core/parking/test-fixtures';
import { dayRange } from './china-dates';
import { csvCell, csvText, yuan } from './csv';
import { exportFileName, paymentLines, paymentsCsv } from './payments-export';
import { revenueRows, sumRows } from './revenue';

const MIDNIGHT = T0 + 14 * HOUR;

function paidSession(id: string, plate: string, pays: Array<[string, number, number, number]>) {
  const created = newSession({
    id,
    lot: GATED_LOT,
    tariff: TARIFF,
    flow: 'exit_pay',
    plate,
    at: T0,
    gateId: 'G1',
  });
  if (!created.ok) throw new Error(created.message);
  let s: Session = created.value;
  for (const [callId, at, amount, aip] of pays) {
    s = run(
      s,
      { type: 'pay_requested', at, callId, amount },
      { type: 'payment_succeeded', at, callId, amount, aip, trxid: `T${callId}` },
    );
  }
  return s;
}

describe('csv', () => {
  it('quotes what must be quoted and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(12)).toBe('12');
  });

  it('writes a BOM and CRLF line ends', () => {
    const bytes = Buffer.from(
      csvText([
        ['a', 'b'],
        ['停车', '1'],
      ]),
      'utf8',
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('a,b\r\n停车,1\r\n');
  });

  it('writes fen as yuan with two decimals, in integers', () => {
    expect([0, 5, 60, 1205, 123456789].map(yuan)).toEqual([
      '0.00',
      '0.05',
      '0.60',
      '12.05',
      '1234567.89',
    ]);
    expect(() => yuan(0.5)).toThrow(RangeError);
  });
});

describe('payments export', () => {
  const a = paidSession('S-A', '粤BD12345', [['P1', MIDNIGHT - HOUR, 600, 4]]);
  const b = paidSession('S-B', '=cmd|calc', [['P2', MIDNIGHT - 2 * HOUR, 1250, 8]]);
  const c = paidSession('S-C', '粤BD00001', [['P3', MIDNIGHT + HOUR, 200, 1]]);
  const lots = [{ name: '科技园停车场, A区', sessions: [a, b, c] }];

  it('is byte-exact: header, one line per payment of the day in time order, totals', () => {
    const day = dayRange('2025-01-01', '2025-01-01');
    const csv = paymentsCsv(paymentLines(lots, day.start, day.end));
    expect(csv).toBe(
      '\uFEFF' +
        '日期,时间,停车场,车牌,停车记录,类型,交易单号,平台流水号,收费(元),退回(元),手续费(元),净收入(元)\r\n' +
        '2025-01-01,22:00:00,"科技园停车场, A区",\'=cmd|calc,S-B,支付,P2,TP2,12.50,0.00,0.08,12.42\r\n' +
        '2025-01-01,23:00:00,"科技园停车场, A区",粤BD12345,S-A,支付,P1,TP1,6.00,0.00,0.04,5.96\r\n' +
        '合计（2 笔）,,,,,,,,18.50,0.00,0.12,18.38\r\n',
    );
  });

  it('totals equal revenue’s over a range', () => {
    const range = dayRange('2025-01-01', '2025-01-02');
    const lines = paymentLines(lots, range.start, range.end);
    expect(lines.map((l) => l.sessionId)).toEqual(['S-B', 'S-A', 'S-C']);
    const totals = sumRows(
      revenueRows(new Map([['L1', [a, b, c]]]), range.days, range.start, range.end),
    );
    const last = paymentsCsv(lines).trimEnd().split('\r\n').pop();
    expect(last).toBe(
      `合计（3 笔）,,,,,,,,${yuan(totals.charged)},${yuan(totals.returned)},${yuan(totals.handlingFee)},${yuan(totals.net)}`,
    );
    expect(totals.charged).toBe(2050);
  });

  it('names the file by its dates', () => {
    expect(exportFileName('2025-01-01', '2025-01-01')).toBe('payments-2025-01-01.csv');
    expect(exportFileName('2025-01-01', '2025-01-07')).toBe('payments-2025-01-01_2025-01-07.csv');
  });
});
