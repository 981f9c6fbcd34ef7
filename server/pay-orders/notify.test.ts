import { Query } from 'mingo';
import type { Notification } from '../../core/allinpay/responses';
import { arrearsOrderKind } from '../arrears/orders';
import type { Database } from '../cloud/database';
import { passOrderKind } from '../passes/apply-order';
import { COLLECTIONS } from '../store/collections';
import { applyNotificationToPayOrder, payOrderKindOf } from './kinds';
import { applyPayOrderNotification } from './notify';
import type { ConfirmOutcome, PayOrderBase, PayOrderKind } from './orders';

/**
 * A notification of a pay order (issue 15): a repeat of a payment already applied is answered
 * from one read and writes nothing; a first one is applied once, every state change by
 * compare-and-set; a delivery that disagrees (cusid, fee) changes nothing but the anomaly.
 */
type Order = PayOrderBase;

function memoryDb(docs: Order[]) {
  const requests = { reads: 0, writes: 0 };
  const cmd = {
    in: (v: unknown[]) => ({ $in: v }),
    nin: (v: unknown[]) => ({ $nin: v }),
    exists: (v: boolean) => ({ $exists: v }),
  };
  const matching = (q: object) => docs.filter((d) => new Query(q as never).test(d as never));
  const collection = {
    get: async (id: string) => {
      requests.reads += 1;
      const found = docs.find((d) => d._id === id);
      return found && structuredClone(found);
    },
    updateWhere: async (q: object, patch: Partial<Order>) => {
      requests.writes += 1;
      const hit = matching(q);
      for (const d of hit) Object.assign(d, patch);
      return hit.length;
    },
  };
  const db = { cmd, collection: () => collection } as unknown as Database;
  return { db, requests };
}

const open = (): Order => ({
  _id: 'K2501011000000000000000000000',
  lotId: 'L',
  openid: 'o',
  amount: 500,
  status: 'accepted',
  cusid: 'C1',
  parkingNo: 'P',
  pro: '44',
  createdAt: 1000,
});

const notice = (over: Partial<Notification> = {}): Notification => ({
  cusid: 'C1',
  appid: 'A',
  trxid: 'T1',
  reqsn: open()._id,
  trxstatus: '0000',
  fee: '500',
  feeAIP: '3',
  fintime: '20250101100500',
  sign: 's',
  ...over,
});

function setup(docs: Order[]) {
  const { db, requests } = memoryDb(docs);
  const applied: Order[] = [];
  const kind: PayOrderKind<Order> = {
    name: 'test',
    orders: (d) => d.collection<Order>(COLLECTIONS.passOrders),
    settled: ['paid'],
    isPlatformOrder: () => true,
    apply: async (d, order): Promise<ConfirmOutcome> => {
      if (order.status !== 'paid') return 'refused';
      if (order.applied) return 'already';
      applied.push(order);
      await kind.orders(d).updateWhere({ _id: order._id }, { applied: true });
      return 'applied';
    },
  };
  let stored = 0;
  const beforeWrite = async () => {
    stored += 1;
  };
  const notify = (n: Notification) => applyPayOrderNotification(kind, db, n, 2000, beforeWrite);
  return { requests, applied, notify, stored: () => stored };
}

describe('a pay order notification', () => {
  it('is applied once; its repeats are one read each and write nothing', async () => {
    const docs = [open()];
    const t = setup(docs);
    expect(await t.notify(notice())).toBe('applied');
    // Read, on record, compare-and-set, the effect (its own write): the order is not read again.
    expect(t.requests).toEqual({ reads: 1, writes: 2 });
    expect(t.stored()).toBe(1);
    expect(t.applied).toHaveLength(1);
    expect(t.applied[0]).toMatchObject({ status: 'paid', trxid: 'T1', aip: 3 });
    expect(docs[0]).toMatchObject({ status: 'paid', applied: true, confirmedBy: 'notify' });
    for (let i = 0; i < 3; i += 1) {
      expect(await t.notify(notice())).toBe('already');
    }
    expect(t.requests).toEqual({ reads: 4, writes: 2 });
    expect(t.stored()).toBe(1);
    expect(t.applied).toHaveLength(1);
  });

  it('repairs a paid order whose effect a crash left unapplied', async () => {
    const docs = [{ ...open(), status: 'paid' as const, paidAt: 1500, aip: 3 }];
    const t = setup(docs);
    expect(await t.notify(notice())).toBe('applied');
    expect(t.applied).toHaveLength(1);
    expect(docs[0]).toMatchObject({ status: 'paid', applied: true, paidAt: 1500 });
    expect(await t.notify(notice())).toBe('already');
    expect(t.applied).toHaveLength(1);
  });

  it('completes the handling fee an earlier confirmation lacked, then repeats are reads', async () => {
    const docs = [{ ...open(), status: 'paid' as const, paidAt: 1500, applied: true as const }];
    const t = setup(docs);
    expect(await t.notify(notice({ feeAIP: undefined }))).toBe('already');
    expect(t.requests.writes).toBe(0);
    expect(await t.notify(notice())).toBe('already');
    expect(docs[0]?.aip).toBe(3);
    const writes = t.requests.writes;
    expect(await t.notify(notice())).toBe('already');
    expect(t.requests.writes).toBe(writes);
    expect(t.applied).toHaveLength(0);
  });

  it.each([
    ['fee', { fee: '1' }, 'fee_mismatch', 'notification fee 1'],
    ['cusid', { cusid: 'C2' }, 'cusid_mismatch', 'notification cusid C2'],
  ] as const)(
    'that disagrees on the %s changes nothing but the anomaly, paid or not',
    async (_, over, verdict, anomaly) => {
      for (const start of [
        open(),
        { ...open(), status: 'paid' as const, applied: true as const },
      ]) {
        const docs = [start];
        const before = structuredClone(start);
        const t = setup(docs);
        expect(await t.notify(notice(over))).toBe(verdict);
        expect(docs[0]).toEqual({ ...before, anomaly });
        expect(t.stored()).toBe(1);
        // The same delivery again: the anomaly is on record already, nothing is written.
        const writes = t.requests.writes;
        expect(await t.notify(notice(over))).toBe(verdict);
        expect(t.requests.writes).toBe(writes);
        expect(t.applied).toHaveLength(0);
      }
    },
  );

  it('a failure moves only an open order; on a paid one it writes nothing', async () => {
    const docs = [
      open(),
      { ...open(), _id: 'K2', status: 'paid' as const, applied: true as const },
    ];
    const t = setup(docs);
    expect(await t.notify(notice({ trxstatus: '3088' }))).toBe('applied');
    expect(docs[0]?.status).toBe('failed');
    expect(await t.notify(notice({ trxstatus: '3088' }))).toBe('already');
    const writes = t.requests.writes;
    expect(await t.notify(notice({ reqsn: 'K2', trxstatus: '3088' }))).toBe('already');
    expect(t.requests.writes).toBe(writes);
    expect(docs[1]?.status).toBe('paid');
    // A late success after the failure still took the money: applied once.
    expect(await t.notify(notice())).toBe('applied');
    expect(docs[0]).toMatchObject({ status: 'paid', applied: true });
    expect(await t.notify(notice({ trxstatus: '2000' }))).toBe('processing');
  });

  it('is no such order: undefined, nothing written', async () => {
    const t = setup([open()]);
    expect(await t.notify(notice({ reqsn: 'K9' }))).toBeUndefined();
    expect(t.requests.writes).toBe(0);
    expect(t.stored()).toBe(0);
  });
});

describe('the kind a reqsn names', () => {
  it('is read from its letter; a session call or an older order names none', () => {
    expect(payOrderKindOf('K250101100000ABCDEFGHJKMNPQRS')).toBe(passOrderKind);
    expect(payOrderKindOf('A250101100000ABCDEFGHJKMNPQRS')).toBe(arrearsOrderKind);
    for (const other of [
      'P250101100000ABCDEFGHJKMNPQRS',
      'R2501',
      'O2501',
      'S2501',
      '',
      undefined,
    ]) {
      expect(payOrderKindOf(other)).toBeUndefined();
    }
  });
});

describe('a notification handed over by /notify', () => {
  function named(collections: Record<string, Array<{ _id: string } & Record<string, unknown>>>) {
    const dbs = Object.fromEntries(
      Object.entries(collections).map(([name, docs]) => [
        name,
        memoryDb(docs as unknown as Order[]),
      ]),
    );
    const reads = () => Object.values(dbs).reduce((sum, d) => sum + d.requests.reads, 0);
    const db = {
      cmd: dbs[COLLECTIONS.arrears]!.db.cmd,
      collection: (name: string) => dbs[name]!.db.collection(name as never),
    } as unknown as Database;
    return { db, reads };
  }
  const arrearsOrder = (id: string) => ({ ...open(), _id: id, arrearsId: 'S1', plate: '粤B1' });

  it('reads only the order collection its letter names', async () => {
    const id = 'A2501011000000000000000000000';
    const t = named({
      [COLLECTIONS.passOrders]: [],
      [COLLECTIONS.arrearsOrders]: [arrearsOrder(id)],
      [COLLECTIONS.arrears]: [{ _id: 'S1', state: 'open' }],
    });
    expect(await applyNotificationToPayOrder(t.db, notice({ reqsn: id }), 2000)).toBe('applied');
    expect(await applyNotificationToPayOrder(t.db, notice({ reqsn: id }), 2000)).toBe('already');
    // The first: the order; the repeat: the order. The pass orders are never looked in.
    expect(t.reads()).toBe(2);
    // A pass reqsn is not looked for among the arrears orders.
    expect(
      await applyNotificationToPayOrder(t.db, notice({ reqsn: `K${id.slice(1)}` }), 2000),
    ).toBe(undefined);
    expect(t.reads()).toBe(3);
  });

  it('finds an order minted before the letters in each collection in turn', async () => {
    const id = 'P2501011000000000000000000000';
    const arrears = [{ _id: 'S1', state: 'open' }];
    const t = named({
      [COLLECTIONS.passOrders]: [],
      [COLLECTIONS.arrearsOrders]: [arrearsOrder(id)],
      [COLLECTIONS.arrears]: arrears,
    });
    expect(await applyNotificationToPayOrder(t.db, notice({ reqsn: id }), 2000)).toBe('applied');
    expect(arrears[0]).toMatchObject({ state: 'paid', orderId: id });
    expect(await applyNotificationToPayOrder(t.db, notice({ reqsn: id }), 2000)).toBe('already');
  });
});
