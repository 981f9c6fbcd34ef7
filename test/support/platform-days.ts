import { handlingFee } from '../../sandbox/handling-fee';
import type { Txn } from '../../sandbox/ledger';

/** What the platform's books hold for one China day. */
export interface DayBook {
  charged: number;
  returned: number;
  aip: number;
}

const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The platform's books per China day, read off the sandbox ledger's transactions (the reference
 * for the money views): a pay on the day it was paid with its fee; each segment of a freeze
 * (finish, cancel, settlement at endTime) on its own day, with the increase of the handling fee
 * it caused (the fee is computed on the cumulative charge, sandbox/ledger.ts totalsOf).
 */
export function platformDays(
  txns: ReadonlyArray<Pick<Txn, 'kind' | 'state' | 'paidAt' | 'fee' | 'feeRateBp' | 'segments'>>,
): Map<string, DayBook> {
  const days = new Map<string, DayBook>();
  const add = (ms: number, charged: number, returned: number, aip: number) => {
    const date = chinaDate(ms);
    const d = days.get(date) ?? { charged: 0, returned: 0, aip: 0 };
    days.set(date, {
      charged: d.charged + charged,
      returned: d.returned + returned,
      aip: d.aip + aip,
    });
  };
  for (const txn of txns) {
    if (txn.kind === 'pay') {
      if (txn.state === 'paid') {
        add(txn.paidAt as number, txn.fee, 0, handlingFee(txn.fee, txn.feeRateBp));
      }
      continue;
    }
    let cumulative = 0;
    for (const s of txn.segments) {
      const fee =
        handlingFee(cumulative + s.charged, txn.feeRateBp) - handlingFee(cumulative, txn.feeRateBp);
      cumulative += s.charged;
      add(s.at, s.charged, s.returned, fee);
    }
  }
  return days;
}

export const dayBookOf = (days: ReadonlyMap<string, DayBook>, date: string): DayBook =>
  days.get(date) ?? { charged: 0, returned: 0, aip: 0 };
