import { parseForm, verify } from '../core/allinpay';
import { computeFee } from '../core/parking/fee';
import { parkingStart } from '../core/parking/session';
import { PENDING_STATES } from '../core/parking/session-states';
import type { SessionDoc } from '../server/cloud/session-doc';
import type { NotificationRecord } from '../server/parking/notify/handle-notification';
import type { JourneyRecord } from './journeys';
import { type PassPeriod, periodEnd } from '../core/passes/plan';
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
  /** Passes and their orders (server/passes/store.ts), as stored. */
  passes?: AuditPass[];
  passOrders?: AuditPassOrder[];
  /** Merchant discounts and top-ups (server/merchant), and each balance as op.merchants.list shows it. */
  merchantDiscounts?: AuditDiscount[];
  merchantTopups?: Array<{ merchantId: string; amount: number }>;
  merchantBalances?: Array<{ merchantId: string; balance: number }>;
  /** Arrears records and their orders (server/arrears). */
  arrears?: Array<{ _id: string; state: string; orderId?: string }>;
  arrearsOrders?: AuditArrearsOrder[];
}

export interface AuditPass {
  _id: string;
  startAt: number;
  endAt: number;
  orderIds: string[];
  terms: { period: PassPeriod };
}
/** What a person following up a slow pass or arrears payment wants to see of its order. */
export interface AuditOrderTrace {
  _id: string;
  status: string;
  createdAt?: number;
  paidAt?: number;
  confirmedBy?: string;
}

/** A journey's pass or arrears orders: status, how confirmed, paid − created (backend seconds). */
function ordersOf(j: JourneyRecord, orders: Map<string, AuditOrderTrace>): string {
  const ids = [...(j.passOrders ?? []), ...(j.arrearsOrders ?? [])];
  const text = ids.map((id) => {
    const o = orders.get(id);
    if (!o) return `${id} missing`;
    const took =
      o.paidAt !== undefined && o.createdAt !== undefined ? ` +${o.paidAt - o.createdAt}s` : '';
    return `${id} ${o.status} by ${o.confirmedBy ?? '-'}${took}`;
  });
  return text.length ? `; orders ${text.join(', ')}` : '';
}

export interface AuditPassOrder extends AuditOrderTrace {
  passId: string;
  kind: 'buy' | 'renew' | 'issue';
  amount: number;
}
export interface AuditDiscount {
  _id: string;
  merchantId: string;
  sessionId?: string;
  state: string;
  cost: number;
}
export interface AuditArrearsOrder extends AuditOrderTrace {
  arrearsId: string;
  amount: number;
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
  /** A paid pass order applied twice or not at all, or a pass whose dates are not its orders' periods. */
  passMisapplied: number;
  /** A session on a pass (privilege) with money charged or a pay sent. */
  passCarsCharged: number;
  /** A merchant charged twice for one stay, for a cancelled stay, or a balance ≠ top-ups − costs. */
  merchantMischarged: number;
  /** Arrears paid twice, or a paid arrears order whose record is not paid. */
  arrearsMispaid: number;
  /** A pass or arrears order whose paid status or amount differs from the ledger's. */
  ordersLedgerMismatches: number;
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
  'passMisapplied',
  'passCarsCharged',
  'merchantMischarged',
  'arrearsMispaid',
  'ordersLedgerMismatches',
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
  const known = new Set([
    ...input.sessions.flatMap((s) => s.calls.map((c) => c.reqsn)),
    ...(input.passOrders ?? []).map((o) => o._id),
    ...(input.arrearsOrders ?? []).map((o) => o._id),
  ]);

  let sessionsLost = 0;
  for (const txn of input.txns) {
    if ((CHARGED.includes(txn.state) || HELD.includes(txn.state)) && !known.has(txn.reqsn)) {
      sessionsLost++;
      problem(`payment ${txn.reqsn} (${txn.state}, ${txn.fee} fen) belongs to no session`);
    }
  }

  const orderById = new Map<string, AuditOrderTrace>(
    [...(input.passOrders ?? []), ...(input.arrearsOrders ?? [])].map((o) => [o._id, o]),
  );
  let completed = 0;
  let stuck = 0;
  for (const j of input.journeys) {
    const session = j.sessionId ? sessionById.get(j.sessionId) : undefined;
    if (j.sessionId && !session) {
      sessionsLost++;
      problem(`journey ${j.n} (${j.kind}): session ${j.sessionId} is not in the database`);
      continue;
    }
    const ended = j.expectedState === 'none' ? !j.sessionId : session?.state === j.expectedState;
    if (j.done && ended) completed++;
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
        `journey ${j.n} (${j.kind}, ${j.observer}): ${unresolved ? `left ${session.state}` : `waited ${Math.round(waited)} ms for ${longest ?? 'something'}`}; ${historyOf(session)}${ordersOf(j, orderById)}`,
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
  const passMisapplied = passCounts(input, problem);
  const passCarsCharged = passCarCounts(input, txnByReqsn, problem);
  const merchantMischarged = merchantCounts(input, problem);
  const arrearsMispaid = arrearsCounts(input, problem);
  const ordersLedgerMismatches = orderLedgerCounts(input, txnByReqsn, problem);

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
    passMisapplied,
    passCarsCharged,
    merchantMischarged,
    arrearsMispaid,
    ordersLedgerMismatches,
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

type Problem = (line: string) => void;

/** Each paid pass order in its pass exactly once; a pass's end is its start plus one period per order. */
function passCounts(input: AuditInput, problem: Problem): number {
  const passes = new Map((input.passes ?? []).map((p) => [p._id, p]));
  let n = 0;
  for (const o of input.passOrders ?? []) {
    if (o.status !== 'paid' && o.status !== 'issued') continue;
    const times = passes.get(o.passId)?.orderIds.filter((id) => id === o._id).length ?? 0;
    if (times !== 1) {
      n++;
      problem(`pass order ${o._id} (${o.kind}, paid) is in pass ${o.passId} ${times} times`);
    }
  }
  for (const p of passes.values()) {
    let end = p.startAt;
    for (let i = 0; i < p.orderIds.length; i++) end = periodEnd(end, p.terms.period);
    if (end !== p.endAt) {
      n++;
      problem(`pass ${p._id}: ${p.orderIds.length} order(s) but ends ${p.endAt - end} s off`);
    }
  }
  for (const j of input.journeys) {
    if (j.kind !== 'pass_purchase' || !j.done) continue;
    const pass = j.passId ? passes.get(j.passId) : undefined;
    const paid = j.passOrders ?? [];
    if (
      !pass ||
      pass.orderIds.length !== paid.length ||
      paid.some((r) => !pass.orderIds.includes(r))
    ) {
      n++;
      problem(
        `journey ${j.n} (pass_purchase): paid ${paid.join(',')}, pass has ${pass?.orderIds.join(',') ?? 'nothing'}`,
      );
    }
  }
  return n;
}

/** A car on a pass is never charged: no pay or prepay sent, nothing paid, frozen or finished. */
function passCarCounts(
  input: AuditInput,
  txnByReqsn: Map<string, LedgerTxn>,
  problem: Problem,
): number {
  let n = 0;
  const passCars = new Set(
    input.journeys.filter((j) => j.kind === 'pass_car').map((j) => j.sessionId),
  );
  for (const s of input.sessions) {
    if (!s.privilege && !passCars.has(s._id)) continue;
    const moved = s.calls.filter((c) => {
      const t = txnByReqsn.get(c.reqsn);
      return t && (t.state === 'paid' || (t.fee > 0 && HELD.includes(t.state)));
    });
    const ours = s.amounts.paid + s.amounts.frozen + s.amounts.finished;
    if (!s.privilege || moved.length > 0 || ours > 0 || s.calls.some((c) => c.kind === 'pay')) {
      n++;
      problem(
        `pass car session ${s._id}: ${s.privilege ? 'privileged' : 'not on its pass'}, ${s.calls.length} call(s), paid ${s.amounts.paid}, frozen ${s.amounts.frozen}`,
      );
    }
  }
  return n;
}

/**
 * A merchant's stay costs it once: one costed discount per merchant and stay; nothing for a stay
 * cancelled (by the operator, or never started); a journey's discount charged (or, cancelled,
 * returned); and each balance shown = top-ups − the discounts' costs.
 */
function merchantCounts(input: AuditInput, problem: Problem): number {
  const docs = input.merchantDiscounts ?? [];
  const sessions = new Map(input.sessions.map((s) => [s._id, s]));
  let n = 0;
  const perStay = new Map<string, number>();
  for (const d of docs) {
    if (d.cost > 0 && d.sessionId) {
      const key = `${d.merchantId}|${d.sessionId}`;
      perStay.set(key, (perStay.get(key) ?? 0) + 1);
    }
    const s = d.sessionId ? sessions.get(d.sessionId) : undefined;
    const cancelled =
      s !== undefined &&
      (s.operatorCancelled === true || ['cancelled', 'no_show', 'failed'].includes(s.state));
    if (d.cost > 0 && cancelled) {
      n++;
      problem(`discount ${d._id}: cost ${d.cost} fen for a cancelled stay (${s.state})`);
    }
  }
  for (const [key, count] of perStay) {
    if (count > 1) {
      n++;
      problem(`merchant stay ${key} charged ${count} times`);
    }
  }
  const byId = new Map(docs.map((d) => [d._id, d]));
  for (const j of input.journeys) {
    if (!j.discount || !j.sessionId || !j.done) continue;
    const d = byId.get(`${j.discount.merchantId}|${j.sessionId}`);
    const cancel = j.discount.variant === 'operator_cancel';
    const ok = cancel
      ? d?.state === 'returned' && d.cost === 0
      : d?.state === 'charged' && d.cost > 0;
    if (!ok) {
      n++;
      problem(
        `journey ${j.n} (merchant_discount ${j.discount.variant}): discount ${d ? `${d.state} ${d.cost} fen` : 'missing'}`,
      );
    }
  }
  for (const b of input.merchantBalances ?? []) {
    const topups = (input.merchantTopups ?? [])
      .filter((t) => t.merchantId === b.merchantId)
      .reduce((sum, t) => sum + t.amount, 0);
    const costs = docs
      .filter((d) => d.merchantId === b.merchantId)
      .reduce((sum, d) => sum + d.cost, 0);
    if (b.balance !== topups - costs) {
      n++;
      problem(`merchant ${b.merchantId}: balance ${b.balance}, top-ups ${topups} − costs ${costs}`);
    }
  }
  return n;
}

/** Arrears paid once: at most one paid order per record, and a paid order's record paid by it. */
function arrearsCounts(input: AuditInput, problem: Problem): number {
  const records = new Map((input.arrears ?? []).map((a) => [a._id, a]));
  let n = 0;
  const paidBy = new Map<string, string[]>();
  for (const o of input.arrearsOrders ?? []) {
    if (o.status !== 'paid') continue;
    paidBy.set(o.arrearsId, [...(paidBy.get(o.arrearsId) ?? []), o._id]);
    if (records.get(o.arrearsId)?.state !== 'paid') {
      n++;
      problem(
        `arrears order ${o._id} paid, its arrears ${o.arrearsId} ${records.get(o.arrearsId)?.state ?? 'missing'}`,
      );
    }
  }
  for (const [id, orders] of paidBy) {
    if (orders.length > 1) {
      n++;
      problem(`arrears ${id} paid ${orders.length} times (${orders.join(', ')})`);
    }
  }
  for (const j of input.journeys) {
    if (j.kind !== 'arrears_pay' || !j.done || !j.arrearsId) continue;
    if (records.get(j.arrearsId)?.state !== 'paid') {
      n++;
      problem(
        `journey ${j.n} (arrears_pay): arrears ${j.arrearsId} ${records.get(j.arrearsId)?.state ?? 'missing'}`,
      );
    }
  }
  return n;
}

/** Pass and arrears orders against the ledger, both ways, to the fen. */
function orderLedgerCounts(
  input: AuditInput,
  txnByReqsn: Map<string, LedgerTxn>,
  problem: Problem,
): number {
  let n = 0;
  const orders = [
    ...(input.passOrders ?? []).filter((o) => o.kind !== 'issue'),
    ...(input.arrearsOrders ?? []),
  ];
  for (const o of orders) {
    const t = txnByReqsn.get(o._id);
    const platformPaid = t?.state === 'paid';
    if ((o.status === 'paid') !== platformPaid || (platformPaid && t.fee !== o.amount)) {
      n++;
      problem(
        `order ${o._id}: ours ${o.status} ${o.amount} fen, platform ${t?.state ?? 'none'} ${t?.fee ?? 0} fen`,
      );
    }
  }
  return n;
}
