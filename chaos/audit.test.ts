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
