import { parseForm, verify } from '../core/allinpay';
import { computeFee } from '../core/parking/fee';
import { parkingStart } from '../core/parking/session';
import { PENDING_STATES } from '../core/parking/session-states';
import type { SessionDoc } from '../server/cloud/session-doc';
import type { NotificationRecord } from '../server/parking/notify/handle-notification';
import type { JourneyRecord } from './journeys';
import { type DailyMoneyDoc, contributions } from '../server/operator/daily-money';

/**
 * The verdict of a chaos run, from what the database holds and what the platform's ledger says,
 * compared side by side. Pure: the run gathers the inputs, this counts.
 */
export interface LedgerTxn {
  reqsn: string;
  kind: 'pay' | 'prepay';
  state: 'waiting' | 'unpaid' | 'paid' | 'frozen' | 'ended';
  fee: number;
  feeFinish: number;
  feeBack: number;
}

export interface AuditInput {
  journeys: JourneyRecord[];
  sessions: SessionDoc[];
  notifications: NotificationRecord[];
  txns: LedgerTxn[];
  /** The merchant key, to check independently what the notify function accepted. */
  key: string;
  /** One reconcile cycle: a payment not known to its session by then is stuck. */
  cycleMs: number;
  /** When the function host was down for its restart (epoch ms): no cycle runs then. */
  downtime?: [number, number];
  /** The per-day money documents (server/operator/daily-money.ts), checked against a recount. */
  dailyMoney?: DailyMoneyDoc[];
}

export interface AuditReport {
  journeys: number;
  completed: number;
  sessionsLost: number;
  stuck: number;
  doubleCharges: number;
  forgedAccepted: number;
  tamperedAccepted: number;
  ledgerMismatches: number;
  /** Lot-days whose kept totals differ from a full recomputation from the sessions. */
  dailyTotalsMismatches: number;
  /** Forged / tampered deliveries the notify function received and refused (the faults bit). */
  forgedRefused: number;
  tamperedRefused: number;
  /** The first problems found, one line each, for a person to follow up. */
  problems: string[];
}

const BAD_COUNTS = [
  'sessionsLost',
  'stuck',
  'doubleCharges',
  'forgedAccepted',
  'tamperedAccepted',
  'ledgerMismatches',
  'dailyTotalsMismatches',
] as const;

export function badCounts(report: AuditReport): Array<[string, number]> {
  return BAD_COUNTS.map((k) => [k, report[k]] as [string, number]).filter(([, n]) => n > 0);
}

const CHARGED: ReadonlyArray<LedgerTxn['state']> = ['paid'];
const HELD: ReadonlyArray<LedgerTxn['state']> = ['frozen', 'ended'];

function overlap([a, b]: [number, number], down?: [number, number]): number {
  return down ? Math.max(0, Math.min(b, down[1]) - Math.max(a, down[0])) : 0;
}

/** A session's history for a person following up: event (by) and backend-clock seconds since the first. */
function historyOf(session: SessionDoc | undefined): string {
  if (!session) return 'no session';
  const t0 = session.history[0]?.at ?? 0;
  return session.history.map((h) => `${h.event}(${h.by ?? '-'})+${h.at - t0}s`).join(' ');
}

export function audit(input: AuditInput): AuditReport {
  const problems: string[] = [];
  const problem = (line: string) => {
    if (problems.length < 30) problems.push(line);
  };
  const txnByReqsn = new Map(input.txns.map((t) => [t.reqsn, t]));
  const sessionById = new Map(input.sessions.map((s) => [s._id, s]));
  const known = new Set(input.sessions.flatMap((s) => s.calls.map((c) => c.reqsn)));

  let sessionsLost = 0;
  for (const txn of input.txns) {
    if ((CHARGED.includes(txn.state) || HELD.includes(txn.state)) && !known.has(txn.reqsn)) {
      sessionsLost++;
      problem(`payment ${txn.reqsn} (${txn.state}, ${txn.fee} fen) belongs to no session`);
    }
  }

  let completed = 0;
  let stuck = 0;
  for (const j of input.journeys) {
    const session = j.sessionId ? sessionById.get(j.sessionId) : undefined;
    if (j.sessionId && !session) {
      sessionsLost++;
      problem(`journey ${j.n} (${j.kind}): session ${j.sessionId} is not in the database`);
      continue;
    }
    if (j.done && session?.state === j.expectedState) completed++;
    else
      problem(
        `journey ${j.n} (${j.kind}, ${j.observer}) ended ${session?.state ?? 'without a session'}${j.error ? `: ${j.error}` : ''}`,
      );
    const spans = j.waits.map((w) => w[1] - w[0] - overlap(w, input.downtime));
    const waited = Math.max(0, ...spans);
    const longest = j.waitNames[spans.indexOf(waited)];
    const unresolved = session !== undefined && PENDING_STATES.includes(session.state);
    if (waited > input.cycleMs || unresolved) {
      stuck++;
      problem(
        `journey ${j.n} (${j.kind}, ${j.observer}): ${unresolved ? `left ${session.state}` : `waited ${Math.round(waited)} ms for ${longest ?? 'something'}`}; ${historyOf(session)}`,
      );
    }
  }

  let doubleCharges = 0;
  let ledgerMismatches = 0;
  const chargedSessionsByOpenid = new Map<string, number>();
  for (const s of input.sessions) {
    const pays = [...new Set(s.calls.filter((c) => c.kind === 'pay').map((c) => c.reqsn))]
      .map((r) => txnByReqsn.get(r))
      .filter((t): t is LedgerTxn => t !== undefined);
    const paidPays = pays.filter((t) => CHARGED.includes(t.state));
    const prepayReqsn = s.calls.find((c) => c.kind === 'prepay')?.reqsn;
    const prepay = prepayReqsn ? txnByReqsn.get(prepayReqsn) : undefined;
    const held = prepay && HELD.includes(prepay.state) ? prepay : undefined;
    const platform = {
      paid: paidPays.reduce((sum, t) => sum + t.fee, 0),
      frozen: held?.fee ?? 0,
      finished: held?.feeFinish ?? 0,
      returned: held?.feeBack ?? 0,
    };
    const ours = s.amounts;
    const differs = (Object.keys(platform) as Array<keyof typeof platform>).filter(
      (k) => platform[k] !== ours[k],
    );
    if (differs.length) {
      ledgerMismatches++;
      problem(
        `session ${s._id}: ${differs.map((k) => `${k} ours ${ours[k]} platform ${platform[k]}`).join(', ')}`,
      );
    }
    if (held?.state === 'frozen' && ['closed', 'cancelled', 'no_show'].includes(s.state)) {
      ledgerMismatches++;
      problem(
        `session ${s._id} is ${s.state} but ${held.fee - held.feeFinish - held.feeBack} fen are still frozen`,
      );
    }

    const charged = platform.paid + platform.finished;
    if (charged > 0 && s.openid) {
      chargedSessionsByOpenid.set(s.openid, (chargedSessionsByOpenid.get(s.openid) ?? 0) + 1);
    }
    let double = paidPays.length > 1;
    const start = parkingStart(s);
    if (s.outTime !== undefined && start !== undefined) {
      const fee = computeFee(s.tariff, start, Math.max(start, s.outTime));
      if (fee.ok && charged - ours.bookingFee > fee.value.total) double = true;
    }
    if (s.state === 'cancelled' && charged > 0) double = true;
    if (s.state === 'no_show' && charged > (s.tariff.bookingFee ?? 0)) double = true;
    if (double) {
      doubleCharges++;
      problem(
        `session ${s._id}: charged ${charged} fen in ${paidPays.length} pay(s) and ${platform.finished} finished`,
      );
    }
  }
  for (const [openid, n] of chargedSessionsByOpenid) {
    if (n > 1 && openid.startsWith('o-chaos-')) {
      doubleCharges++;
      problem(`driver ${openid}: charged in ${n} sessions for one visit`);
    }
  }

  let forgedAccepted = 0;
  let tamperedAccepted = 0;
  let forgedRefused = 0;
  let tamperedRefused = 0;
  for (const n of input.notifications) {
    if (n.verdict === 'bad_signature') forgedRefused++;
    if (n.verdict === 'fee_mismatch') tamperedRefused++;
    if (n.verdict !== 'applied' && n.verdict !== 'already') continue;
    const fields = parseForm(n.body);
    if (!verify(fields, input.key)) {
      forgedAccepted++;
      problem(`notification ${n._id} (${n.reqsn}) accepted with a bad signature`);
      continue;
    }
    const fee = fields.find(([k]) => k === 'fee')?.[1];
    const txn = n.reqsn ? txnByReqsn.get(n.reqsn) : undefined;
    if (!txn || String(txn.fee) !== fee) {
      tamperedAccepted++;
      problem(`notification ${n._id} (${n.reqsn}) accepted with fee ${fee}, platform ${txn?.fee}`);
    }
  }

  const dailyTotalsMismatches = input.dailyMoney
    ? dailyMismatches(input.sessions, input.dailyMoney, problem)
    : 0;

  return {
    journeys: input.journeys.length,
    completed,
    sessionsLost,
    stuck,
    doubleCharges,
    forgedAccepted,
    tamperedAccepted,
    ledgerMismatches,
    dailyTotalsMismatches,
    forgedRefused,
    tamperedRefused,
    problems,
  };
}

/** Kept per-lot, per-day totals against a recount of every session's movements (issue 15). */
function dailyMismatches(
  sessions: readonly SessionDoc[],
  docs: readonly DailyMoneyDoc[],
  problem: (line: string) => void,
): number {
  type Side = { charged: number; returned: number; aip: number };
  const add = (m: Map<string, Side>, key: string, v: Side) => {
    const t = m.get(key) ?? { charged: 0, returned: 0, aip: 0 };
    m.set(key, {
      charged: t.charged + v.charged,
      returned: t.returned + v.returned,
      aip: t.aip + v.aip,
    });
  };
  const kept = new Map<string, Side>();
  for (const d of docs) add(kept, `${d.lotId} ${d.date}`, d);
  const recount = new Map<string, Side>();
  for (const s of sessions) {
    for (const [date, v] of contributions(s)) add(recount, `${s.lotId} ${date}`, v);
  }
  let n = 0;
  for (const key of new Set([...kept.keys(), ...recount.keys()])) {
    const a = kept.get(key) ?? { charged: 0, returned: 0, aip: 0 };
    const b = recount.get(key) ?? { charged: 0, returned: 0, aip: 0 };
    if (a.charged !== b.charged || a.returned !== b.returned || a.aip !== b.aip) {
      n++;
      problem(`daily totals ${key}: kept ${JSON.stringify(a)}, recount ${JSON.stringify(b)}`);
    }
  }
  return n;
}
