import { DEMO_OWNER_OPENID } from '../../server/seed/demo-data';
import type { Txn } from '../../sandbox/ledger';
import { dayBookOf, platformDays } from '../support/platform-days';
import { OperatorStack, eventually } from './support/operator-stack';

/**
 * Money across midnight over the real stack: journeys that start late on one China day of the
 * sandbox's clock and end after midnight; then op.revenue, op.reconciliation and
 * op.revenue.export for each lot and day equal the sandbox ledger's books for that day, to the fen.
 */
const HOUR = 3600;
const chinaDate = (unix: number) => new Date((unix + 8 * HOUR) * 1000).toISOString().slice(0, 10);
const driver = (tag: string) => `o-money-days-${tag}`.padEnd(28, '0');

interface Started {
  session: { id: string; state: string };
  payment: { requestPayment: Record<string, string>; reqsn: string };
}
interface Totals {
  charged: number;
  returned: number;
  handlingFee: number;
  net: number;
}
interface Side {
  charged: number;
  returned: number;
  aip: number;
}

const LOTS = { 'lot-mall': 'SZMALL001', 'lot-road': 'SZROAD001' } as const;

let stack: OperatorStack;
let day1 = '';
let day2 = '';

async function ledger(parkingNo: string): Promise<Map<string, Side>> {
  const res = await fetch(`${stack.stack.urls.sandbox}/_sandbox/transactions?limit=1000`);
  const { transactions } = (await res.json()) as { transactions: Txn[] };
  return platformDays(transactions.filter((t) => t.request.parkingNo === parkingNo));
}

beforeAll(async () => {
  stack = await OperatorStack.start();
  // To 22:30 China time of the sandbox's next evening.
  const now = await stack.clockNow();
  const dayStart = Math.floor((now + 8 * HOUR) / 86_400) * 86_400 - 8 * HOUR;
  let target = dayStart + 22.5 * HOUR;
  if (target <= now + 60) target += 86_400;
  await stack.advanceClock(target - now);
  day1 = chinaDate(await stack.clockNow());

  const prepay = async (tag: string, plate: string) => {
    const s = await stack.ok<Started>(driver(tag), 'entry.prepay', {
      gateId: 'gate-mall-in',
      plate,
    });
    await stack.pay(s.payment.requestPayment);
    await eventually(() => stack.session(s.session.id).state === 'frozen', `${tag} frozen`);
    return s.session.id;
  };
  const book = async (tag: string, spotId: string, plate: string) => {
    const s = await stack.ok<Started>(driver(tag), 'booking.create', { spotId, plate });
    await stack.pay(s.payment.requestPayment);
    await eventually(() => stack.session(s.session.id).state === 'booked', `${tag} booked`);
    return s.session.id;
  };

  // Day 1, late evening: two prepays at the mall, two bookings on the road.
  const m1 = await prepay('m1', '粤B10001');
  const m2 = await prepay('m2', '粤B10002');
  const r1 = await book('r1', 'spot-road-1', '粤B20001');
  const r2 = await book('r2', 'spot-road-2', '粤B20002');
  await stack.ok(driver('r1'), 'booking.arrive', { sessionId: r1 }); // booking fee, day 1
  await stack.advanceClock(45 * 60); // 23:15
  await stack.ok(DEMO_OWNER_OPENID, 'op.sessions.finish', { sessionId: m2, reason: '人工结算' });
  await stack.ok(DEMO_OWNER_OPENID, 'op.sessions.cancel', { sessionId: r2, reason: '泊位施工' });
  // Over midnight: the rest ends on day 2.
  await stack.advanceClock(2 * HOUR); // 01:15
  day2 = chinaDate(await stack.clockNow());
  await stack.ok(DEMO_OWNER_OPENID, 'op.sessions.finish', { sessionId: m1, reason: '人工结算' });
  await stack.ok(driver('r1'), 'booking.leave', { sessionId: r1 });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('money views across midnight against the sandbox ledger', () => {
  it('crossed midnight, with money on both days', async () => {
    expect(day2).not.toBe(day1);
    const road = await ledger(LOTS['lot-road']);
    expect(dayBookOf(road, day1).returned).toBeGreaterThan(0);
    expect(dayBookOf(road, day2).charged).toBeGreaterThan(0);
    const mall = await ledger(LOTS['lot-mall']);
    expect(dayBookOf(mall, day2).charged).toBeGreaterThan(0);
  });

  it.each(Object.entries(LOTS))('%s: revenue per day equals the ledger', async (lotId, no) => {
    const books = await ledger(no);
    const revenue = await stack.ok<{ rows: Array<Totals & { date: string }>; totals: Totals }>(
      DEMO_OWNER_OPENID,
      'op.revenue',
      { lotId, from: day1, to: day2 },
    );
    for (const date of [day1, day2]) {
      const row = revenue.rows.find((r) => r.date === date) as Totals & { date: string };
      const book = dayBookOf(books, date);
      expect({ ...row, date }).toEqual({
        lotId,
        date,
        charged: book.charged,
        returned: book.returned,
        handlingFee: book.aip,
        net: book.charged - book.aip,
        // No pass was sold: every payment of the lot's books is a parking fee.
        passes: { count: 0, charged: 0, handlingFee: 0 },
        // No arrears paid and no merchant discount in these journeys (issue 14's kinds).
        arrears: 0,
        discounts: 0,
      });
    }
  });

  it.each(Object.entries(LOTS))(
    '%s: reconciliation of each day equals the ledger on both sides',
    async (lotId, no) => {
      const books = await ledger(no);
      for (const date of [day1, day2]) {
        const report = await stack.ok<{ ours: Side; platform: Side; matched: boolean }>(
          DEMO_OWNER_OPENID,
          'op.reconciliation',
          { lotId, date },
        );
        expect({ date, matched: report.matched }).toEqual({ date, matched: true });
        expect({ date, ...report.ours }).toEqual({ date, ...dayBookOf(books, date) });
        expect({ date, ...report.platform }).toEqual({ date, ...dayBookOf(books, date) });
      }
    },
  );

  it('exports each day’s payments with a totals line equal to the ledger', async () => {
    for (const [lotId, no] of Object.entries(LOTS)) {
      const books = await ledger(no);
      for (const date of [day1, day2]) {
        const file = await stack.ok<{ csv: string; fileName: string }>(
          DEMO_OWNER_OPENID,
          'op.revenue.export',
          { lotId, from: date, to: date },
        );
        expect(file.fileName).toBe(`payments-${date}.csv`);
        expect(file.csv.startsWith('\uFEFF日期,时间,')).toBe(true);
        const totals = file.csv.trimEnd().split('\r\n').pop()?.split(',').slice(-4);
        const book = dayBookOf(books, date);
        const yuan = (fen: number) => (fen / 100).toFixed(2);
        expect({ lotId, date, totals }).toEqual({
          lotId,
          date,
          totals: [book.charged, book.returned, book.aip, book.charged - book.aip].map(yuan),
        });
      }
    }
  });

  it('defaults revenue to 7 days up to the sandbox’s today, and reconciliation to today', async () => {
    const revenue = await stack.ok<{ from: string; to: string }>(DEMO_OWNER_OPENID, 'op.revenue', {
      lotId: 'lot-mall',
    });
    expect(revenue.to).toBe(day2);
    const recon = await stack.ok<{ date: string }>(DEMO_OWNER_OPENID, 'op.reconciliation', {
      lotId: 'lot-mall',
    });
    expect(recon.date).toBe(day2);
  });
});
