import { Query } from 'mingo';
import type { Database } from '../cloud/database';
import type { ParkingDeps } from '../parking/deps';
import type { ReconcileReport } from '../parking/reconcile/run';
import type { PayOrderBase, PayOrderKind } from './orders';
import { queryOpenPayOrders } from './reconcile';

/**
 * Reconcile asks about every open order, the oldest-checked first and a batch a run, so that
 * orders waiting for their payers take turns with the rest; one still unpaid stays open.
 */
type Order = PayOrderBase;

function memoryDb(docs: Order[]): Database {
  const cmd = { in: (v: unknown[]) => ({ $in: v }), nin: (v: unknown[]) => ({ $nin: v }) };
  const matching = (q: object) => docs.filter((d) => new Query(q as never).test(d as never));
  const collection = {
    get: async (id: string) => docs.find((d) => d._id === id),
    find: async (
      q: object,
      o: { orderBy?: Array<[keyof Order, 'asc' | 'desc']>; limit?: number },
    ) => {
      const [field] = o.orderBy?.[0] ?? ['_id'];
      const key = (d: Order) => (d[field] as number | undefined) ?? -Infinity;
      return matching(q)
        .sort((a, b) => key(a) - key(b))
        .slice(0, o.limit);
    },
    updateWhere: async (q: object, patch: Partial<Order>) => {
      const hit = matching(q);
      for (const d of hit) Object.assign(d, patch);
      return hit.length;
    },
  };
  return { cmd, collection: () => collection } as unknown as Database;
}

const order = (id: string, status: Order['status'], checkedAt: number): Order => ({
  _id: id,
  lotId: 'L',
  openid: 'o',
  amount: 500,
  status,
  cusid: 'C',
  parkingNo: 'P',
  pro: '44',
  createdAt: 1000,
  checkedAt,
  payinfo: {
    appId: 'a',
    timeStamp: '1',
    nonceStr: 'n',
    package: 'p',
    signType: 'MD5',
    paySign: 's',
  },
});

function setup(docs: Order[]) {
  const db = memoryDb(docs);
  const asked: string[] = [];
  const deps = {
    db,
    clock: { now: async () => 2000 },
    platform: {
      sendWindowSeconds: 21,
      has: () => true,
      client: () => ({
        // Every payer is still at the cashier: processing (protocol note 4).
        query: async ({ reqsn }: { reqsn: string }) => {
          asked.push(reqsn);
          return { trxstatus: '2000', description: '交易处理中', totals: {} };
        },
      }),
    },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  } as unknown as ParkingDeps;
  const kind: PayOrderKind<Order> = {
    name: 'test',
    orders: (d) => d.collection<Order>('pass_orders'),
    settled: ['paid'],
    isPlatformOrder: () => true,
    apply: async () => 'applied',
  };
  const report = { queried: 0, resolved: 0, errors: 0, more: false } as ReconcileReport;
  const run = (now: number) => queryOpenPayOrders(kind, { deps, now, batch: 2, report });
  return { asked, run, report };
}

it('asks the oldest-checked open orders first, a batch a run, and leaves unpaid ones open', async () => {
  const docs = [
    order('a', 'accepted', 1000),
    order('b', 'accepted', 900),
    order('c', 'unknown', 950),
    order('d', 'paid', 100),
    order('e', 'failed', 100),
  ];
  docs[2]!.payinfo = docs[0]!.payinfo; // someone holds c's cashier too
  const { asked, run, report } = setup(docs);
  await run(2000);
  expect(asked).toEqual(['b', 'c']);
  expect(report).toMatchObject({ queried: 2, resolved: 0, more: true });
  await run(2060);
  // `a` had waited longest since its last check; then `b`, checked at 2000 like `c`.
  expect(asked.slice(2)).toEqual(['a', 'b']);
  expect(docs.map((d) => [d._id, d.status])).toEqual([
    ['a', 'accepted'],
    ['b', 'accepted'],
    ['c', 'unknown'],
    ['d', 'paid'],
    ['e', 'failed'],
  ]);
  expect(docs.map((d) => d.checkedAt)).toEqual([2060, 2060, 2000, 100, 100]);
});

it('leaves a pay that may still be on its way to a later run, checked all the same', async () => {
  const docs = [order('r', 'requested', 1990)];
  docs[0]!.createdAt = 1990;
  const { asked, run } = setup(docs);
  await run(2000);
  expect(asked).toEqual([]);
  expect(docs[0]).toMatchObject({ status: 'requested', checkedAt: 2000 });
});
