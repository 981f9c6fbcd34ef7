import { encodeForm, keyFromPassword, sign } from '../core/allinpay';
import type { Session } from '../core/parking/session';
import { sessionIn } from '../core/parking/session-fixtures';
import type { SessionFlow, SessionState } from '../core/parking/session-states';
import type { SessionDoc } from '../server/cloud/session-doc';
import type { NotificationRecord } from '../server/parking/notify/handle-notification';
import { type AuditInput, audit, badCounts, type LedgerTxn } from './audit';
import type { JourneyKind, JourneyRecord } from './journeys';
import { dailyWrites } from '../server/operator/daily-money';

// Each bad count of the chaos run must be able to fail: a consistent run counts 0, and one
// fault of each kind planted in it is counted where it belongs.

const KEY = keyFromPassword('chaos-audit-test');
const CYCLE_MS = 5000;

function doc(flow: SessionFlow, state: SessionState, n: number): SessionDoc {
  const s = structuredClone(sessionIn(flow, state)!) as Session;
  const tag = String(n).padStart(2, '0');
  // One reqsn per session, as the platform requires.
  const calls = s.calls.map((c) => ({ ...c, reqsn: `${c.reqsn.slice(0, -2)}${tag}` }));
  return {
    ...s,
    calls,
    _id: `S-${tag}`,
    openid: `o-chaos-${tag}`,
    cusid: '990440153996000',
    parkingNo: 'SZ-0001',
    pro: '440300',
  } as SessionDoc;
}

/** The platform's ledger as it is when it agrees with the session. */
function txnsOf(s: SessionDoc): LedgerTxn[] {
  const out: LedgerTxn[] = [];
  for (const c of s.calls) {
    if (c.kind === 'pay' && c.status === 'succeeded') {
      out.push({
        reqsn: c.reqsn,
        kind: 'pay',
        state: 'paid',
        fee: c.amount,
        feeFinish: 0,
        feeBack: 0,
      });
    }
    if (c.kind === 'prepay' && c.status === 'succeeded') {
      const a = s.amounts;
      const ended = a.finished + a.returned === a.frozen;
      out.push({
        reqsn: c.reqsn,
        kind: 'prepay',
        state: ended ? 'ended' : 'frozen',
        fee: a.frozen,
        feeFinish: a.finished,
        feeBack: a.returned,
      });
    }
  }
  return out;
}

function journey(n: number, kind: JourneyKind, s: SessionDoc): JourneyRecord {
  return {
    n,
    kind,
    observer: 'confirm',
    plated: true,
    variant: 0,
    openid: s.openid!,
    sessionId: s._id,
    expectedState: s.state as JourneyRecord['expectedState'],
    waits: [[1_000_000, 1_001_000]],
    waitNames: ['payment seen'],
    refusals: {},
    done: true,
  };
}

function notification(reqsn: string, fee: number, signWith = KEY): NotificationRecord {
  const fields = { cusid: '990440153996000', reqsn, trxstatus: '0000', fee: String(fee) };
  const body = encodeForm({ ...fields, sign: sign(fields, signWith) });
  return {
    _id: `N-${reqsn}`,
    receivedAt: 0,
    method: 'POST',
    body,
    base64: false,
    reqsn,
    verdict: 'applied',
  };
}

function consistentRun(): AuditInput {
  const sessions = [
    doc('exit_pay', 'closed', 1),
    doc('entry_prepay', 'closed', 2),
    doc('roadside_booking', 'no_show', 3),
    doc('roadside_booking', 'cancelled', 4),
  ];
  const kinds: JourneyKind[] = ['exit_pay', 'entry_prepay', 'booking_no_show', 'booking_cancel'];
  const txns = sessions.flatMap(txnsOf);
  return {
    journeys: sessions.map((s, i) => journey(i, kinds[i]!, s)),
    sessions,
    notifications: txns.map((t) => notification(t.reqsn, t.fee)),
    txns,
    key: KEY,
    cycleMs: CYCLE_MS,
  };
}

/** The per-day documents as the compare-and-set hook leaves them for these sessions. */
const keptDays = (input: AuditInput) => input.sessions.flatMap((s) => dailyWrites(undefined, s));

function countsOf(input: AuditInput) {
  return Object.fromEntries(
    badCounts(audit({ ...input, dailyMoney: input.dailyMoney ?? keptDays(input) })),
  );
}

test('a consistent run has every bad count 0 and every journey completed', () => {
  const input = consistentRun();
  const report = audit(input);
  expect(report.problems).toEqual([]);
  expect(badCounts(report)).toEqual([]);
  expect(report.completed).toBe(4);
});

describe('sessions lost', () => {
  test('a paid transaction no session knows', () => {
    const input = consistentRun();
    input.txns.push({
      reqsn: 'P-UNKNOWN',
      kind: 'pay',
      state: 'paid',
      fee: 500,
      feeFinish: 0,
      feeBack: 0,
    });
    expect(countsOf(input)).toEqual({ sessionsLost: 1 });
  });

  test("a journey's session missing from the database", () => {
    const input = consistentRun();
    input.journeys[3]!.sessionId = 'S-GONE';
    expect(countsOf(input)).toEqual({ sessionsLost: 1 });
  });
});

describe('stuck', () => {
  test('a wait longer than one cycle', () => {
    const input = consistentRun();
    input.journeys[0]!.waits.push([2_000_000, 2_000_000 + CYCLE_MS + 1]);
    expect(countsOf(input)).toEqual({ stuck: 1 });
  });

  test('but not for the time the function host was down for its restart', () => {
    const input = consistentRun();
    input.journeys[0]!.waits.push([2_000_000, 2_000_000 + CYCLE_MS + 3000]);
    input.downtime = [2_001_000, 2_004_000];
    expect(countsOf(input)).toEqual({});
  });

  test('a session left waiting for a payment to be confirmed', () => {
    const input = consistentRun();
    const pending = doc('exit_pay', 'awaiting_payment', 5);
    input.sessions.push(pending);
    input.journeys.push({ ...journey(5, 'exit_pay', pending), expectedState: 'closed' });
    const report = audit(input);
    expect(Object.fromEntries(badCounts(report))).toEqual({ stuck: 1 });
    expect(report.completed).toBe(4);
  });
});

describe('double charges', () => {
  test('two paid pays in one session', () => {
    const input = consistentRun();
    const s = input.sessions[0]!;
    const second = { ...s.calls[0]!, id: 'P-SECOND', reqsn: 'P-SECOND', amount: 1 };
    s.calls.push(second);
    s.amounts.paid += 1;
    input.txns.push({
      reqsn: 'P-SECOND',
      kind: 'pay',
      state: 'paid',
      fee: 1,
      feeFinish: 0,
      feeBack: 0,
    });
    expect(countsOf(input)).toEqual({ doubleCharges: 1 });
  });

  test('charged more than the tariff asks for the stay', () => {
    const input = consistentRun();
    const s = input.sessions[1]!;
    s.amounts.finished = s.amounts.frozen;
    s.amounts.returned = 0;
    const txn = input.txns.find(
      (t) => t.kind === 'prepay' && s.calls.some((c) => c.reqsn === t.reqsn),
    )!;
    txn.feeFinish = txn.fee;
    txn.feeBack = 0;
    expect(countsOf(input)).toEqual({ doubleCharges: 1 });
  });

  test('a cancelled booking that was charged', () => {
    const input = consistentRun();
    const s = input.sessions[3]!;
    s.calls.push({
      ...input.sessions[0]!.calls[0]!,
      id: 'P-CANCELLED',
      reqsn: 'P-CANCELLED',
      amount: 100,
    });
    s.amounts.paid = 100;
    input.txns.push({
      reqsn: 'P-CANCELLED',
      kind: 'pay',
      state: 'paid',
      fee: 100,
      feeFinish: 0,
      feeBack: 0,
    });
    expect(countsOf(input)).toEqual({ doubleCharges: 1 });
  });

  test('one driver charged in two sessions for one visit', () => {
    const input = consistentRun();
    input.sessions[1]!.openid = input.sessions[0]!.openid;
    expect(countsOf(input)).toEqual({ doubleCharges: 1 });
  });
});

describe('notifications accepted', () => {
  test('a forged signature accepted is counted; one refused is not', () => {
    const input = consistentRun();
    const reqsn = input.txns[0]!.reqsn;
    input.notifications.push(notification(reqsn, input.txns[0]!.fee, keyFromPassword('forger')));
    input.notifications.push({
      ...notification(reqsn, 1, keyFromPassword('forger')),
      _id: 'N-refused',
      verdict: 'bad_signature',
    });
    const report = audit(input);
    expect(Object.fromEntries(badCounts(report))).toEqual({ forgedAccepted: 1 });
    expect(report.forgedRefused).toBe(1);
  });

  test('a correctly signed notification with a fee the platform never charged', () => {
    const input = consistentRun();
    const txn = input.txns[0]!;
    input.notifications.push({ ...notification(txn.reqsn, txn.fee + 1), _id: 'N-tampered' });
    expect(countsOf(input)).toEqual({ tamperedAccepted: 1 });
  });
});

describe('ledger mismatches', () => {
  test('our amounts differ from the platform', () => {
    const input = consistentRun();
    input.txns[0]!.fee -= 1;
    const report = audit(input);
    expect(report.ledgerMismatches).toBe(1);
    expect(report.problems.join('\n')).toMatch(/paid ours 1000 platform 999/);
  });

  test('a closed session whose money is still frozen at the platform', () => {
    const input = consistentRun();
    const s = input.sessions[1]!;
    input.txns.find((t) => t.reqsn === s.calls[0]!.reqsn)!.state = 'frozen';
    expect(countsOf(input)).toEqual({ ledgerMismatches: 1 });
  });
});

describe('daily totals mismatches', () => {
  test('a day document one fen off, or missing, against a recount of the sessions', () => {
    const input = consistentRun();
    input.dailyMoney = keptDays(input);
    expect(input.dailyMoney.length).toBeGreaterThan(1);
    expect(countsOf(input)).toEqual({});
    input.dailyMoney[0]!.charged += 1;
    expect(countsOf(input)).toEqual({ dailyTotalsMismatches: 1 });
    const missing = consistentRun();
    missing.dailyMoney = keptDays(missing);
    const charged = missing.dailyMoney.findIndex((d) => d.charged > 0);
    missing.dailyMoney.splice(charged, 1);
    expect(countsOf(missing)).toEqual({ dailyTotalsMismatches: 1 });
  });
});

describe('passes, pass cars, merchants and arrears (issues 13 and 14)', () => {
  const DAY = 86_400;
  const period = { kind: 'days', days: 30 } as const;
  const T0 = 1_780_000_000;
  const payTxn = (reqsn: string, fee: number): LedgerTxn => ({
    reqsn,
    kind: 'pay',
    state: 'paid',
    fee,
    feeFinish: 0,
    feeBack: 0,
  });

  /** The consistent run with a bought and renewed pass, a pass car, a discount and paid arrears. */
  function withOrders(): AuditInput {
    const input = consistentRun();
    const passCar = doc('exit_pay', 'closed', 5);
    const car: SessionDoc = {
      ...passCar,
      calls: [],
      amounts: { ...passCar.amounts, paid: 0, frozen: 0, finished: 0, returned: 0, aip: 0 },
      privilege: { kind: 'pass', refId: 'PASS1', label: '月卡' },
    } as SessionDoc;
    input.sessions.push(car);
    input.journeys.push({ ...journey(5, 'pass_car', car) });
    input.journeys.push({
      ...journey(6, 'pass_purchase', car),
      sessionId: undefined,
      expectedState: 'none',
      passId: 'PASS1',
      passOrders: ['PO1', 'PO2'],
    });
    input.passes = [
      {
        _id: 'PASS1',
        startAt: T0,
        endAt: T0 + 60 * DAY,
        orderIds: ['PO1', 'PO2'],
        terms: { period },
      },
    ];
    input.passOrders = [
      { _id: 'PO1', passId: 'PASS1', kind: 'buy', amount: 9000, status: 'paid' },
      { _id: 'PO2', passId: 'PASS1', kind: 'renew', amount: 9000, status: 'paid' },
    ];
    // The exit-pay session of the run had a merchant's discount.
    const stay = input.sessions[0]!;
    input.journeys[0]!.discount = { merchantId: 'M1', variant: 'amount_off' };
    input.merchantDiscounts = [
      { _id: `M1|${stay._id}`, merchantId: 'M1', sessionId: stay._id, state: 'charged', cost: 500 },
    ];
    input.merchantTopups = [{ merchantId: 'M1', amount: 10_000 }];
    input.merchantBalances = [{ merchantId: 'M1', balance: 9_500 }];
    input.arrears = [{ _id: 'A1', state: 'paid', orderId: 'AO1' }];
    input.arrearsOrders = [{ _id: 'AO1', arrearsId: 'A1', amount: 300, status: 'paid' }];
    input.txns.push(payTxn('PO1', 9000), payTxn('PO2', 9000), payTxn('AO1', 300));
    return input;
  }

  test('the consistent run with them counts nothing', () => {
    const input = withOrders();
    const report = audit({ ...input, dailyMoney: keptDays(input) });
    expect(report.problems).toEqual([]);
    expect(badCounts(report)).toEqual([]);
    expect(report.completed).toBe(6);
  });

  test('a pass applied, or arrears paid, longer than one cycle after the payment is stuck', () => {
    const input = withOrders();
    const buyer = input.journeys.find((j) => j.kind === 'pass_purchase')!;
    buyer.waits = [[1_000_000, 1_000_000 + CYCLE_MS + 1]];
    buyer.waitNames = ['pass applied after payment'];
    const report = audit({ ...input, dailyMoney: keptDays(input) });
    expect(report.stuck).toBe(1);
    expect(report.problems[0]).toContain('PO1 paid by -');
  });

  test('a pass extended twice for one order, or not at all', () => {
    const twice = withOrders();
    twice.passes![0] = {
      ...twice.passes![0]!,
      orderIds: ['PO1', 'PO2', 'PO2'],
      endAt: T0 + 90 * DAY,
    };
    expect(countsOf(twice)).toMatchObject({ passMisapplied: 2 });
    const never = withOrders();
    never.passes![0] = { ...never.passes![0]!, orderIds: ['PO1'], endAt: T0 + 30 * DAY };
    expect(countsOf(never)).toMatchObject({ passMisapplied: 2 });
    const longer = withOrders();
    longer.passes![0] = { ...longer.passes![0]!, endAt: T0 + 90 * DAY };
    expect(countsOf(longer)).toMatchObject({ passMisapplied: 1 });
  });

  test('a pass car charged', () => {
    const input = withOrders();
    const car = input.sessions[4]!;
    input.sessions[4] = { ...car, amounts: { ...car.amounts, paid: 300 } } as SessionDoc;
    expect(countsOf(input)).toMatchObject({ passCarsCharged: 1 });
    const visitor = withOrders();
    delete (visitor.sessions[4] as Partial<SessionDoc>).privilege;
    expect(countsOf(visitor)).toMatchObject({ passCarsCharged: 1 });
  });

  test('a merchant charged twice for a stay, for a cancelled stay, or a balance off', () => {
    const twice = withOrders();
    const stay = twice.sessions[0]!._id;
    twice.merchantDiscounts!.push({
      _id: `M1|plate|x`,
      merchantId: 'M1',
      sessionId: stay,
      state: 'charged',
      cost: 500,
    });
    twice.merchantBalances = [{ merchantId: 'M1', balance: 9_000 }];
    expect(countsOf(twice)).toMatchObject({ merchantMischarged: 1 });

    const cancelled = withOrders();
    cancelled.sessions[0] = { ...cancelled.sessions[0]!, operatorCancelled: true } as SessionDoc;
    cancelled.journeys[0]!.discount = { merchantId: 'M1', variant: 'operator_cancel' };
    // The stay's discount charged and the journey's cancelled discount not returned: 2.
    expect(countsOf(cancelled)).toMatchObject({ merchantMischarged: 2 });

    const balance = withOrders();
    balance.merchantBalances = [{ merchantId: 'M1', balance: 10_000 }];
    expect(countsOf(balance)).toMatchObject({ merchantMischarged: 1 });

    const never = withOrders();
    never.merchantDiscounts![0] = { ...never.merchantDiscounts![0]!, state: 'pending', cost: 0 };
    never.merchantBalances = [{ merchantId: 'M1', balance: 10_000 }];
    expect(countsOf(never)).toMatchObject({ merchantMischarged: 1 });
  });

  test('arrears paid twice, or a paid order whose record is not paid', () => {
    const twice = withOrders();
    twice.arrearsOrders!.push({ _id: 'AO2', arrearsId: 'A1', amount: 300, status: 'paid' });
    twice.txns.push(payTxn('AO2', 300));
    expect(countsOf(twice)).toMatchObject({ arrearsMispaid: 1 });
    const open = withOrders();
    open.arrears = [{ _id: 'A1', state: 'open' }];
    expect(countsOf(open)).toMatchObject({ arrearsMispaid: 1 });
  });

  test('pass and arrears orders against the ledger, both ways, to the fen', () => {
    const fee = withOrders();
    fee.txns = fee.txns.map((t) => (t.reqsn === 'AO1' ? { ...t, fee: 301 } : t));
    expect(countsOf(fee)).toMatchObject({ ordersLedgerMismatches: 1 });
    const unpaid = withOrders();
    unpaid.txns = unpaid.txns.map((t) => (t.reqsn === 'PO2' ? { ...t, state: 'unpaid' } : t));
    expect(countsOf(unpaid)).toMatchObject({ ordersLedgerMismatches: 1 });
    const missed = withOrders();
    missed.passOrders![1] = { ...missed.passOrders![1]!, status: 'accepted' };
    expect(countsOf(missed)).toMatchObject({ ordersLedgerMismatches: 1 });
    const lost = withOrders();
    lost.arrearsOrders = [];
    lost.arrears = [{ _id: 'A1', state: 'open' }];
    // A paid pay no session or order knows is a lost payment.
    expect(countsOf(lost)).toMatchObject({ sessionsLost: 1 });
  });
});
