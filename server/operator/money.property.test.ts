import fc from 'fast-check';
import { lotSchema, type Lot } from '../../core/parking/lot';
import { newSession, type Session } from '../../core/parking/session';
import type { SessionEvent } from '../../core/parking/session-events';
import { transition } from '../../core/parking/session-machine';
import { formatFintime } from '../../core/parking/china-time';
import { completedAtOf } from '../../core/parking/completed-at';
import { GATED_LOT, HOUR, ROADSIDE_LOT, T0, TARIFF } from '../../core/parking/test-fixtures';
import {
  cancelSegment,
  finishSegment,
  openTxn,
  payerPays,
  settleDue,
  totalsOf,
  type LedgerResult,
  type Txn,
} from '../../sandbox/ledger';
import { platformDays } from '../../test/support/platform-days';
import { dayRange } from './china-dates';
import { totalsBetween } from './money';
import { checkPayOrder, dayOf, passSalesReconciled } from './reconciliation';
import { find as mingoFind } from 'mingo';
import { type ArrearsOrderDoc, arrearsOrderKind, recoveredOn } from '../arrears/orders';
import type { FindOptions } from '../cloud/database';
import type { PlatformAnswer, ReconSide } from '../contract/operator-views';
import type { PassOrderDoc } from '../passes/store';
import { COLLECTIONS } from '../store/collections';
import { yuan } from './csv';
import { dailyTotals } from './daily-money';
import { passSalesBetween, passSalesByDay } from './pass-sales';
import { arrearsLine, passSaleLine, paymentLines, paymentsCsv } from './payments-export';
import { type DailyMoneyDoc, contributions, dailyWrites, recordDailyMoney } from './daily-money';
import type { Database } from '../cloud/database';
import { revenueRows } from './revenue';

/**
 * Revenue, reconciliation's day figures and the dashboard's today agree to the fen with the
 * platform's own books on every China day, over random days of journeys. The platform side is
 * the sandbox's real ledger (sandbox/ledger.ts): each journey is played on it, and our session
 * is driven only by what the platform answered (totals, feeAIP, fintime), learnt late at times.
 */

/** 10:00 China time on 2025-01-01; the journeys run over three China days. */
const MIDNIGHT = T0 + 14 * HOUR;
const RANGE = dayRange('2025-01-01', '2025-01-04');
const RATE_BP = 60;

const GATED_ROAD1: Lot = lotSchema.parse({ ...GATED_LOT, road: 1 });
const lots = {
  g9: GATED_LOT,
  g1: GATED_ROAD1,
  r1: ROADSIDE_LOT,
  r9: lotSchema.parse({ ...ROADSIDE_LOT, road: 9 }),
};

type Ending =
  | { kind: 'finish'; amount: number; at: number }
  | { kind: 'cancel'; at: number; thenPay?: { amount: number; at: number } }
  | { kind: 'settle'; learntAfter: number };

interface Journey {
  flow: 'exit_pay' | 'entry_prepay' | 'roadside_booking';
  lot: keyof typeof lots;
  start: number;
  pays: ReadonlyArray<{ amount: number; after: number; learntAfter: number; duplicate: boolean }>;
  coupon: boolean;
  arrival?: { amount: number; after: number };
  ending?: Ending;
}

const fen = fc.integer({ min: 1, max: 9000 });
const secondsIn = (max: number) => fc.integer({ min: 1, max });

const exitPayJourney = fc.record({
  flow: fc.constant('exit_pay' as const),
  lot: fc.constantFrom('g9' as const, 'g1' as const),
  start: fc.integer({ min: MIDNIGHT - 13 * HOUR, max: MIDNIGHT + 30 * HOUR }),
  pays: fc.array(
    fc.record({
      amount: fen,
      after: secondsIn(10 * HOUR),
      learntAfter: fc.integer({ min: 0, max: 2 * HOUR }),
      duplicate: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  coupon: fc.boolean(),
});

const ending = (frozen: number): fc.Arbitrary<Ending> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('finish' as const),
      amount: fc.integer({ min: 1, max: frozen }),
      at: secondsIn(20 * HOUR),
    }),
    fc.record({
      kind: fc.constant('cancel' as const),
      at: secondsIn(20 * HOUR),
      thenPay: fc.option(fc.record({ amount: fen, at: secondsIn(5 * HOUR) }), { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant('settle' as const),
      learntAfter: fc.integer({ min: 0, max: 6 * HOUR }),
    }),
  );

const FREEZE = GATED_LOT.prepay.freezeAmount;

const prepayJourney = fc.record({
  flow: fc.constant('entry_prepay' as const),
  lot: fc.constantFrom('g9' as const, 'g1' as const),
  start: fc.integer({ min: MIDNIGHT - 13 * HOUR, max: MIDNIGHT + 20 * HOUR }),
  pays: fc.constant([]),
  coupon: fc.boolean(),
  ending: ending(FREEZE),
});

const roadsideJourney = fc
  .record({
    flow: fc.constant('roadside_booking' as const),
    lot: fc.constantFrom('r1' as const, 'r9' as const),
    start: fc.integer({ min: MIDNIGHT - 13 * HOUR, max: MIDNIGHT + 20 * HOUR }),
    pays: fc.constant([]),
    coupon: fc.boolean(),
    arrival: fc.record({ amount: fc.integer({ min: 1, max: 1000 }), after: secondsIn(HOUR) }),
  })
  .chain((j) =>
    fc
      .oneof(
        fc.record({
          kind: fc.constant('finish' as const),
          amount: fc.integer({ min: 1, max: FREEZE - j.arrival.amount }),
          at: secondsIn(10 * HOUR),
        }),
        fc.record({
          kind: fc.constant('settle' as const),
          learntAfter: fc.integer({ min: 0, max: 6 * HOUR }),
        }),
      )
      .map((e): Journey => ({ ...j, ending: e })),
  );

const journey: fc.Arbitrary<Journey> = fc.oneof(exitPayJourney, prepayJourney, roadsideJourney);

function ok(result: LedgerResult): Txn {
  if (!result.ok) throw new Error(`platform refused: ${result.trxstatus} ${result.errmsg}`);
  return result.txn;
}

function txnOf(
  kind: 'pay' | 'prepay',
  reqsn: string,
  fee: number,
  at: number,
  lot: Lot,
  endTime?: number,
): Txn {
  return openTxn({
    kind,
    cusid: lot.cusid,
    appid: '00000000',
    reqsn,
    trxid: `2025010100000000${reqsn.slice(-4)}`,
    prepayId: `wx${reqsn}`,
    payinfo: {
      appId: 'a',
      timeStamp: '1',
      nonceStr: 'n',
      package: 'p',
      signType: 'MD5',
      paySign: 'S',
    },
    request: {
      fee: String(fee),
      ...(kind === 'prepay' && { road: String(lot.road), endTime: String(endTime) }),
    },
    openid: 'oPayer',
    browser: false,
    feeRateBp: RATE_BP,
    at: at * 1000,
  });
}

const COUPON = { couponId: 'CP1', couponName: '通联停车券', couponFee: 500 };

/** Plays a journey on the platform's ledger and on our session; returns both. */
function play(
  j: Journey,
  n: number,
): { session: Session; txns: Txn[]; steps: Array<[Session, Session]> } {
  const lot = lots[j.lot];
  const id = (c: string, i = 0) => `${c}${String(n).padStart(4, '0')}${i}`;
  const created = newSession({
    id: `S${n}`,
    lot,
    tariff: TARIFF,
    flow: j.flow,
    plate: '粤BD12345',
    at: j.start,
    ...(j.flow === 'roadside_booking' ? { spotId: 'S1' } : { gateId: 'G1' }),
    ...(j.flow !== 'exit_pay' && { prepayReqsn: id('R') }),
  });
  if (!created.ok) throw new Error(created.message);
  let session = created.value;
  const apply = (e: SessionEvent, repeat = false) => {
    const r = transition(session, e);
    if (!r.ok) throw new Error(`${e.type} from ${session.state}: ${r.code} ${r.message}`);
    if (r.outcome !== 'applied' && !repeat) throw new Error(`${e.type}: ${r.outcome}`);
    if (r.outcome === 'applied') steps.push([session, r.session]);
    session = r.session;
  };
  const steps: Array<[Session, Session]> = [];
  const txns: Txn[] = [];
  let t = j.start;

  const pay = (
    amount: number,
    i: number,
    after: number,
    learntAfter: number,
    duplicate: boolean,
  ) => {
    t += after;
    const reqsn = id('P', i);
    apply({ type: 'pay_requested', at: t, callId: reqsn, amount });
    const txn = ok(
      payerPays(txnOf('pay', reqsn, amount, t, lot), (t + 1) * 1000, j.coupon ? COUPON : undefined),
    );
    txns.push(txn);
    const learnt = t + 1 + learntAfter;
    const event: SessionEvent = {
      type: 'payment_succeeded',
      at: learnt,
      callId: reqsn,
      amount,
      aip: totalsOf(txn).feeAIP,
      ...completedAtOf(formatFintime((txn.paidAt as number) / 1000), learnt),
    };
    apply(event);
    if (duplicate) apply({ ...event, at: learnt + 5 }, true);
    t = learnt;
  };

  if (j.flow === 'exit_pay') {
    // A later pay is an overstay: only past the grace time after the previous one.
    j.pays.forEach((p, i) =>
      pay(p.amount, i, p.after + (i > 0 ? lot.graceSeconds : 0), p.learntAfter, p.duplicate),
    );
    return { session, txns, steps };
  }

  const reqsn = id('R');
  const endTime = session.endTime as number;
  let freeze = ok(
    payerPays(
      txnOf('prepay', reqsn, FREEZE, t, lot, endTime),
      (t + 30) * 1000,
      j.coupon ? COUPON : undefined,
    ),
  );
  apply({
    type: 'payment_succeeded',
    at: t + 30,
    callId: reqsn,
    amount: FREEZE,
    aip: totalsOf(freeze).feeAIP,
    ...completedAtOf(formatFintime(t + 30), t + 30),
  });
  t += 30;
  const answer = (txn: Txn) => {
    const totals = totalsOf(txn);
    return {
      fee: totals.fee,
      finished: totals.feeFinish,
      returned: totals.feeBack,
      aip: totals.feeAIP,
      ...(txn.coupon && { coupons: txn.coupon.couponFee }),
    };
  };
  if (j.arrival) {
    // An arrival after the hold is refused (a no-show): arrive within it.
    t = Math.min(t + j.arrival.after, session.holdUntil ?? Number.POSITIVE_INFINITY);
    const callId = id('A');
    apply({ type: 'arrival_requested', at: t, callId, amount: j.arrival.amount });
    freeze = ok(
      finishSegment(freeze, {
        feeFinish: j.arrival.amount,
        feeType: '1',
        at: t * 1000,
        fingerprint: callId,
      }),
    );
    apply({ type: 'freeze_call_succeeded', at: t, callId, totals: answer(freeze) });
  }
  const e = j.ending as Ending;
  if (e.kind === 'settle') {
    freeze = ok(settleDue(freeze, endTime * 1000, 0));
    apply({ type: 'platform_settled', at: endTime + e.learntAfter, totals: answer(freeze) });
  } else if (t + e.at < endTime) {
    t += e.at;
    const callId = id('O');
    const left = FREEZE - freeze.feeFinish - freeze.feeBack;
    if (e.kind === 'finish') {
      const amount = Math.min(e.amount, left);
      apply({
        type: 'settlement_requested',
        at: t,
        callId,
        call: 'finish',
        amount,
        due: amount,
        purpose: 'exit',
      });
      freeze = ok(
        finishSegment(freeze, {
          feeFinish: amount,
          feeType: '9',
          at: t * 1000,
          fingerprint: callId,
        }),
      );
    } else {
      apply({
        type: 'settlement_requested',
        at: t,
        callId,
        call: 'cancel',
        amount: left,
        due: 3000,
        purpose: 'before_end',
      });
      freeze = ok(cancelSegment(freeze, { feeCancel: left, at: t * 1000, fingerprint: callId }));
    }
    apply({ type: 'freeze_call_succeeded', at: t, callId, totals: answer(freeze) });
    if (e.kind === 'cancel' && e.thenPay) {
      txns.push(freeze);
      pay(e.thenPay.amount, 0, e.thenPay.at, 0, false);
      return { session, txns, steps };
    }
  }
  txns.push(freeze);
  return { session, txns, steps };
}

const sideSum = (a: ReconSide, b: ReconSide): ReconSide => ({
  charged: a.charged + b.charged,
  returned: a.returned + b.returned,
  aip: a.aip + b.aip,
});

/** Reconciliation's day figures of the sessions (what moved that day). */
const reconDay = (sessions: readonly Session[], day: { start: number; end: number }) =>
  sessions.reduce((t, s) => sideSum(t, dayOf(s, day.start, day.end)), {
    charged: 0,
    returned: 0,
    aip: 0,
  });

describe('money views against the platform’s ledger (property)', () => {
  it('revenue, reconciliation and the dashboard agree with the platform on every China day', () => {
    fc.assert(
      fc.property(fc.array(journey, { minLength: 1, maxLength: 12 }), (journeys) => {
        const played = journeys.map((j, n) => play(j, n));
        const sessions = played.map((p) => p.session);
        const platform = platformDays(played.flatMap((p) => p.txns));
        const rows = revenueRows(new Map([['L', sessions]]), RANGE.days, RANGE.start, RANGE.end);
        let platformSum = { charged: 0, aip: 0 };
        for (const row of rows) {
          const day = dayRange(row.date, row.date);
          const expected = platform.get(row.date) ?? { charged: 0, returned: 0, aip: 0 };
          platformSum = {
            charged: platformSum.charged + expected.charged,
            aip: platformSum.aip + expected.aip,
          };
          expect({
            date: row.date,
            charged: row.charged,
            returned: row.returned,
            aip: row.handlingFee,
          }).toEqual({
            date: row.date,
            ...expected,
          });
          expect(row.net).toBe(expected.charged - expected.aip);
          expect(row.net).toBeGreaterThanOrEqual(0);
          const recon = reconDay(sessions, day);
          expect(recon).toEqual(expected);
          const dash = totalsBetween(sessions, day.start, day.end);
          expect(dash).toEqual({
            charged: row.charged,
            returned: row.returned,
            handlingFee: row.handlingFee,
            net: row.net,
          });
        }
        // Every day of the platform's books lies inside the range: nothing was dated elsewhere.
        const all = [...platform.values()].reduce(
          (t, d) => ({ charged: t.charged + d.charged, aip: t.aip + d.aip }),
          {
            charged: 0,
            aip: 0,
          },
        );
        expect(platformSum).toEqual(all);
      }),
      { numRuns: 150 },
    );
  });
});

/** A pass sale or a payment of arrears: one platform `pay`, learnt late at times. */
interface PayOrderPlay {
  kind: 'pass' | 'arrears';
  lot: 'g' | 'r';
  amount: number;
  at: number;
  learntAfter: number;
}

const payOrderPlay: fc.Arbitrary<PayOrderPlay> = fc.record({
  kind: fc.constantFrom('pass' as const, 'arrears' as const),
  lot: fc.constantFrom('g' as const, 'r' as const),
  amount: fc.integer({ min: 1, max: 90_000 }),
  at: fc.integer({ min: MIDNIGHT - 13 * HOUR, max: MIDNIGHT + 40 * HOUR }),
  learntAfter: fc.integer({ min: 0, max: 6 * HOUR }),
});

/**
 * The stored order of a played pay, as a confirmation leaves it (server/pay-orders confirmPaid):
 * `paidAt` the platform's fintime, the kind's own paid fields (arrears: `paidDate`), its feeAIP.
 */
function playOrder(o: PayOrderPlay, n: number): { doc: PassOrderDoc | ArrearsOrderDoc; txn: Txn } {
  const lot = o.lot === 'g' ? GATED_LOT : ROADSIDE_LOT;
  const reqsn = `Q${String(n).padStart(5, '0')}`;
  const txn = ok(payerPays(txnOf('pay', reqsn, o.amount, o.at, lot), (o.at + 1) * 1000));
  const learnt = o.at + 1 + o.learntAfter;
  const fintime = formatFintime((txn.paidAt as number) / 1000);
  const paidAt = completedAtOf(fintime, learnt).completedAt ?? learnt;
  const base = {
    _id: reqsn,
    lotId: o.lot,
    openid: 'oPayer',
    amount: o.amount,
    status: 'paid' as const,
    cusid: lot.cusid,
    parkingNo: lot.parkingNo,
    pro: lot.pro,
    createdAt: o.at,
    paidAt,
    aip: totalsOf(txn).feeAIP,
    trxid: txn.trxid,
    applied: true as const,
  };
  if (o.kind === 'pass') {
    const terms: PassOrderDoc['terms'] = {
      planId: 'plan-30d',
      planName: '30天卡',
      period: { kind: 'days', days: 30 },
      spaces: 1,
      graceDays: 3,
      price: o.amount,
    };
    return {
      doc: { ...base, passId: `P${n}`, kind: 'buy', plates: ['粤BD12345'], terms },
      txn,
    };
  }
  const paid = arrearsOrderKind.paidFields?.(paidAt) ?? {};
  return { doc: { ...base, ...paid, arrearsId: `S${n}`, plate: '粤BD12345' }, txn };
}

/** The platform's answer to a query of a played pay (protocol note 9). */
const answerOf = (txn: Txn): PlatformAnswer => {
  const t = totalsOf(txn);
  return {
    reqsn: txn.reqsn,
    kind: 'pay',
    ok: true,
    trxstatus: '0000',
    outcome: 'success',
    description: '交易成功',
    totals: { fee: t.fee, feeFinish: t.feeFinish, feeBack: t.feeBack, feeAIP: t.feeAIP },
  };
};

/** Collections in memory, queried as the emulator does (mingo): what the reports read. */
function queryableDatabase(collections: Record<string, object[]>): Database {
  const cmd = {
    gte: (v: unknown) => ({ $gte: v }),
    lt: (v: unknown) => ({ $lt: v }),
    and: (...q: unknown[]) => ({ $and: q }),
  };
  const collection = (name: string) => ({
    find: async (query: Record<string, unknown>, options: FindOptions = {}) => {
      const sort = Object.fromEntries(
        (options.orderBy ?? []).map(([f, d]) => [f, d === 'asc' ? 1 : -1]),
      ) as Record<string, 1 | -1>;
      let cursor = mingoFind(collections[name] ?? [], query).sort(sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      return cursor.limit(options.limit ?? 100).all();
    },
  });
  return { cmd, collection } as unknown as Database;
}

describe('pay orders beside parking (property)', () => {
  it('revenue, reconciliation and the export agree with the ledger per lot and China day, pass sales and arrears included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(journey, { maxLength: 6 }),
        fc.array(payOrderPlay, { minLength: 1, maxLength: 10 }),
        async (journeys, plays) => {
          const played = journeys.map((j, n) => ({ lot: j.lot[0] as 'g' | 'r', ...play(j, n) }));
          const orders = plays.map((o, n) => ({ lot: o.lot, ...playOrder(o, n) }));
          const db = queryableDatabase({
            [COLLECTIONS.passOrders]: orders.filter((o) => 'passId' in o.doc).map((o) => o.doc),
            [COLLECTIONS.arrearsOrders]: orders
              .filter((o) => 'arrearsId' in o.doc)
              .map((o) => o.doc),
          });
          const answers = new Map(orders.map((o) => [o.doc._id, [answerOf(o.txn)]]));
          for (const lot of ['g', 'r'] as const) {
            const sessions = played.filter((p) => p.lot === lot).map((p) => p.session);
            const books = platformDays([
              ...played.filter((p) => p.lot === lot).flatMap((p) => p.txns),
              ...orders.filter((o) => o.lot === lot).map((o) => o.txn),
            ]);
            const parking = revenueRows(
              new Map([[lot, sessions]]),
              RANGE.days,
              RANGE.start,
              RANGE.end,
            );
            const arrears = await dailyTotals(db, lot, RANGE.days);
            const sales = passSalesByDay(
              await passSalesBetween(db, lot, RANGE.start, RANGE.end),
              RANGE.days,
            );
            for (const date of RANGE.days) {
              const book = books.get(date) ?? { charged: 0, returned: 0, aip: 0 };
              const day = dayRange(date, date);
              // Revenue: parking (arrears part of it) and, apart, pass sales.
              const row = parking.find((r) => r.date === date)!;
              const recovered = arrears.get(date)!;
              const sold = sales.get(date)!;
              expect({
                lot,
                date,
                charged: row.charged + recovered.charged + sold.charged,
                returned: row.returned + recovered.returned,
                aip: row.handlingFee + recovered.handlingFee + sold.handlingFee,
              }).toEqual({ lot, date, ...book });
              // Reconciliation: the same figures on both sides, nothing disagreeing.
              let ours = reconDay(sessions, day);
              let platform = ours;
              for (const order of await recoveredOn(db, lot, date)) {
                const check = checkPayOrder(order, answers.get(order._id)!);
                expect(check.mismatch).toBeUndefined();
                ours = sideSum(ours, check.ours);
                platform = sideSum(platform, check.platform!);
              }
              const passes = passSalesReconciled(
                (await passSalesBetween(db, lot, day.start, day.end)).map((order) => ({
                  order,
                  answers: answers.get(order._id)!,
                })),
              );
              expect(passes.mismatches).toEqual([]);
              expect(passes.count).toBe(sold.count);
              expect({ date, ours: sideSum(ours, passes.ours) }).toEqual({ date, ours: book });
              expect({ date, platform: sideSum(platform, passes.platform) }).toEqual({
                date,
                platform: book,
              });
              // The export: a line per movement and per order, its totals line the ledger's.
              const extra = [
                ...(await recoveredOn(db, lot, date)).map((o) => arrearsLine(lot, o)),
                ...(await passSalesBetween(db, lot, day.start, day.end)).map((o) =>
                  passSaleLine(lot, o),
                ),
              ];
              const lines = paymentLines([{ name: lot, sessions }], day.start, day.end, extra);
              const csv = paymentsCsv(lines).trimEnd().split('\r\n');
              expect(csv.filter((l) => l.includes(',月卡销售,'))).toHaveLength(sold.count);
              expect(csv.at(-1)!.split(',').slice(-4)).toEqual(
                [book.charged, book.returned, book.aip, book.charged - book.aip].map(yuan),
              );
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

/**
 * A database collection as the emulator answers the two calls recordDailyMoney makes: a guarded
 * update by `_id` and `version <= v` (0 when nothing matched or nothing changed), and an insert
 * that is 'duplicate' when the id exists.
 */
function memoryDatabase() {
  const docs = new Map<string, DailyMoneyDoc>();
  const lte = (v: number) => ({ lte: v });
  const set = (v: unknown) => ({ set: v });
  const collection = {
    name: 'daily_money',
    updateWhere: async (
      q: { _id: string; version: { lte: number } },
      patch: Record<string, { set: unknown }>,
    ) => {
      const doc = docs.get(q._id);
      if (!doc || doc.version > q.version.lte) return 0;
      const next = {
        ...doc,
        ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v.set])),
      };
      if (JSON.stringify(next) === JSON.stringify(doc)) return 0;
      docs.set(q._id, next as DailyMoneyDoc);
      return 1;
    },
    insert: async (doc: DailyMoneyDoc) => {
      if (docs.has(doc._id)) return 'duplicate' as const;
      docs.set(doc._id, doc);
      return 'inserted' as const;
    },
  };
  const db = { cmd: { lte, set }, collection: () => collection } as unknown as Database;
  return { db, docs };
}

describe('daily money documents (property)', () => {
  it('equal a full recomputation whatever the order and repeats of their writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(journey, { minLength: 1, maxLength: 8 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 1_000_000 })),
        async (journeys, randoms) => {
          const played = journeys.map((j, n) => play(j, n));
          const steps = played.flatMap((p) => p.steps);
          // Concurrent writers: every write lands, in any order, some twice.
          const order = steps.map((step) => ({ step, key: randoms.next().value as number }));
          const repeats = order
            .filter((o) => o.key % 4 === 0)
            .map((o) => ({ ...o, key: o.key / 3 }));
          const writes = [...order, ...repeats].sort((a, b) => a.key - b.key);
          const { db, docs } = memoryDatabase();
          for (const { step } of writes) await recordDailyMoney(db, dailyWrites(step[0], step[1]));
          const sessions = played.map((p) => p.session);
          const rows = revenueRows(new Map([['L', sessions]]), RANGE.days, RANGE.start, RANGE.end);
          for (const row of rows) {
            const day = [...docs.values()].filter((d) => d.date === row.date);
            const sum = (k: 'charged' | 'returned' | 'aip') => day.reduce((t, d) => t + d[k], 0);
            expect({
              date: row.date,
              charged: sum('charged'),
              returned: sum('returned'),
              aip: sum('aip'),
            }).toEqual({
              date: row.date,
              charged: row.charged,
              returned: row.returned,
              aip: row.handlingFee,
            });
          }
          // And each session's documents are exactly its contributions.
          for (const s of sessions) {
            const mine = [...docs.values()].filter(
              (d) => d.sessionId === s.id && (d.charged || d.returned || d.aip),
            );
            expect(
              new Map(
                mine.map((d) => [d.date, { charged: d.charged, returned: d.returned, aip: d.aip }]),
              ),
            ).toEqual(contributions(s));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
