import { differences, platformSide } from './reconciliation';
import type { PlatformAnswer } from './platform-query';

const answer = (
  kind: 'pay' | 'prepay',
  trxstatus: string,
  totals: Partial<{ fee: number; feeFinish: number; feeBack: number; feeAIP: number }>,
): PlatformAnswer => ({
  reqsn: `${kind}-${trxstatus}`,
  kind,
  ok: true,
  trxstatus,
  outcome: trxstatus === '0000' ? 'success' : 'failure',
  description: '',
  totals: { fee: 0, feeFinish: 0, feeBack: 0, feeAIP: 0, ...totals },
});

describe('platformSide', () => {
  it('adds successful pays, and the running totals of a prepay (protocol notes 7 and 9)', () => {
    expect(
      platformSide([
        answer('prepay', '0000', { fee: 5000, feeFinish: 5000, feeAIP: 30 }),
        answer('pay', '0000', { fee: 800, feeAIP: 5 }),
        answer('pay', '3088', { fee: 800 }),
      ]),
    ).toEqual({ charged: 5800, returned: 0, aip: 35 });
  });

  it('has no side when an order could not be queried', () => {
    expect(
      platformSide([{ reqsn: 'x', kind: 'pay', ok: false, error: '平台查询失败' }]),
    ).toBeUndefined();
  });

  it('names the fields that differ', () => {
    expect(
      differences({ charged: 1, returned: 2, aip: 3 }, { charged: 1, returned: 0, aip: 0 }),
    ).toEqual(['returned', 'aip']);
  });
});
