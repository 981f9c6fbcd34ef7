import { DEMO_OWNER_OPENID } from '../../server/seed/demo-data';
import { COLLECTIONS } from '../../server/store/collections';
import { OperatorStack, eventually } from './support/operator-stack';

/**
 * Operator work on real sessions over the local stack: an entry prepay finished by an operator
 * (the due charged from the freeze, the rest returned), a booking cancelled (all returned), a car
 * let out through the gate, each with a reason and an audit record; then the lists, the detail
 * with the platform's live answers, reconciliation, revenue and the dashboard agree with it.
 */
const DRIVER_A = 'oTEST-driver-a-0000000000001';
const DRIVER_B = 'oTEST-driver-b-0000000000001';

let stack: OperatorStack;
const ids: { prepay?: string; booking?: string; exitPay?: string; race?: string } = {};
const DRIVER_C = 'oTEST-driver-c-0000000000001';
let firstDay = '';

const chinaDate = (unix: number) => new Date((unix + 8 * 3600) * 1000).toISOString().slice(0, 10);

interface PaymentStart {
  requestPayment: Record<string, string>;
}
interface Started {
  session: { id: string; state: string };
  payment?: PaymentStart;
}
interface Ended {
  outcome: string;
  session: { id: string; state: string; amounts: Record<string, number>; actions: string[] };
}

beforeAll(async () => {
  stack = await OperatorStack.start();
  firstDay = chinaDate(await stack.clockNow());
  const prepay = await stack.ok<Started>(DRIVER_A, 'entry.prepay', {
    gateId: 'gate-mall-in',
    plate: '粤B11111',
  });
  ids.prepay = prepay.session.id;
  await stack.pay(prepay.payment!.requestPayment);
  await eventually(() => stack.session(ids.prepay!).state === 'frozen', 'the prepay frozen');
  const race = await stack.ok<Started>(DRIVER_C, 'entry.prepay', {
    gateId: 'gate-mall-in',
    plate: '粤B55555',
  });
  ids.race = race.session.id;
  await stack.pay(race.payment!.requestPayment);
  await eventually(() => stack.session(ids.race!).state === 'frozen', 'the second prepay frozen');
  // Two hours and a half of parking: a fee the freeze covers.
  await stack.advanceClock(2.5 * 3600);
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

describe('op.sessions.finish', () => {
  it('refuses an empty or too long reason and changes nothing', async () => {
    const before = await stack.settledSnapshot();
    for (const reason of ['', '   ', 'x'.repeat(201)]) {
      const error = await stack.refused(DEMO_OWNER_OPENID, 'op.sessions.finish', {
        sessionId: ids.prepay,
        reason,
      });
      expect(error.code).toBe('INVALID_INPUT');
    }
    expect(
      await stack.refused(DEMO_OWNER_OPENID, 'op.sessions.finish', { sessionId: ids.prepay }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(stack.snapshot()).toBe(before);
  });

  it('charges what is due from the freeze, returns the rest and closes the session', async () => {
    const quote = await stack.ok<{ due: number }>(DRIVER_A, 'session.quote', {
      sessionId: ids.prepay,
    });
    expect(quote.due).toBeGreaterThan(0);
    const ended = await stack.ok<Ended>(DEMO_OWNER_OPENID, 'op.sessions.finish', {
      sessionId: ids.prepay,
      reason: '车主手机没电，人工结算',
    });
    expect(ended.outcome).toBe('applied');
    expect(ended.session.state).toBe('closed');
    const stored = stack.session(ids.prepay!);
    expect(stored.amounts.finished).toBe(quote.due);
    expect(stored.amounts.finished + stored.amounts.returned).toBe(5000);
    const settlement = stored.calls.find((c) => c.kind === 'finish');
    expect(settlement).toMatchObject({
      purpose: 'operator',
      status: 'succeeded',
      reason: '车主手机没电，人工结算',
    });
    expect(stored.history.at(-1)).toMatchObject({
      event: 'operator_closed',
      by: DEMO_OWNER_OPENID,
    });
  });

  it('answers a repeat with "already" and sends nothing again', async () => {
    const calls = stack.session(ids.prepay!).calls.length;
    const again = await stack.ok<Ended>(DEMO_OWNER_OPENID, 'op.sessions.finish', {
      sessionId: ids.prepay,
      reason: '重复操作',
    });
    expect(again.outcome).toBe('already');
    expect(again.session.state).toBe('closed');
    expect(stack.session(ids.prepay!).calls).toHaveLength(calls);
  });

  it('shows the platform its live answer in the detail', async () => {
    const detail = await stack.ok<{
      platform: Array<{ kind: string; ok: boolean; totals: Record<string, number> }>;
      calls: unknown[];
      history: unknown[];
      receipt: { charged: number; returned: number };
    }>(DEMO_OWNER_OPENID, 'op.sessions.get', { sessionId: ids.prepay });
    const stored = stack.session(ids.prepay!);
    expect(detail.platform).toHaveLength(1);
    expect(detail.platform[0]).toMatchObject({
      kind: 'prepay',
      ok: true,
      totals: { fee: 5000, feeFinish: stored.amounts.finished, feeBack: stored.amounts.returned },
    });
    expect(detail.receipt).toMatchObject({
      charged: stored.amounts.finished,
      returned: stored.amounts.returned,
    });
    expect(detail.calls.length).toBe(stored.calls.length);
    expect(detail.history.length).toBe(stored.history.length);
  });
});

describe('two operators at once', () => {
  it('settles a freeze once: one finish reaches the platform, the session ends closed', async () => {
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((who) =>
        stack.api<Ended>(DEMO_OWNER_OPENID, 'op.sessions.finish', {
          sessionId: ids.race,
          reason: `${who}处理`,
        }),
      ),
    );
    const outcomes = results.map((r) => (r.ok ? r.data.outcome : r.error.code));
    expect(outcomes).toContain('applied');
    for (const o of outcomes) expect(['applied', 'already', 'CALL_PENDING']).toContain(o);
    const after = await stack.ok<Ended>(DEMO_OWNER_OPENID, 'op.sessions.finish', {
      sessionId: ids.race,
      reason: '确认',
    });
    expect(after).toMatchObject({ outcome: 'already', session: { state: 'closed' } });
    const stored = stack.session(ids.race!);
    expect(stored.calls.filter((c) => c.kind === 'finish' || c.kind === 'cancel')).toHaveLength(1);
    expect(stored.amounts.finished + stored.amounts.returned).toBe(5000);
  });
});

describe('op.sessions.cancel', () => {
  it('cancels a booking: the whole freeze returns', async () => {
    const booking = await stack.ok<Started>(DRIVER_B, 'booking.create', {
      spotId: 'spot-road-1',
      plate: '粤B22222',
    });
    ids.booking = booking.session.id;
    await stack.pay(booking.payment!.requestPayment);
    await eventually(() => stack.session(ids.booking!).state === 'booked', 'the booking paid');
    const ended = await stack.ok<Ended>(DEMO_OWNER_OPENID, 'op.sessions.cancel', {
      sessionId: ids.booking,
      reason: '泊位临时施工',
    });
    expect(ended).toMatchObject({ outcome: 'applied', session: { state: 'cancelled' } });
    expect(stack.session(ids.booking!).amounts).toMatchObject({ returned: 3000, finished: 0 });
    const again = await stack.ok<Ended>(DEMO_OWNER_OPENID, 'op.sessions.cancel', {
      sessionId: ids.booking,
      reason: '再次取消',
    });
    expect(again.outcome).toBe('already');
  });

  it('refuses to finish a booking that has not arrived (cancel is the way)', async () => {
    const booking = await stack.ok<Started>(DRIVER_B, 'booking.create', {
      spotId: 'spot-road-2',
      plate: '粤B33333',
    });
    await stack.pay(booking.payment!.requestPayment);
    await eventually(() => stack.session(booking.session.id).state === 'booked', 'booked');
    const before = stack.session(booking.session.id);
    const error = await stack.refused(DEMO_OWNER_OPENID, 'op.sessions.finish', {
      sessionId: booking.session.id,
      reason: '测试',
    });
    expect(error.code).toBe('NOT_ARRIVED');
    expect(stack.session(booking.session.id)).toEqual(before);
    const ended = await stack.ok<Ended>(DEMO_OWNER_OPENID, 'op.sessions.cancel', {
      sessionId: booking.session.id,
      reason: '车主电话取消',
    });
    expect(ended.session.state).toBe('cancelled');
  });
});

describe('op.gate.open', () => {
  it('lets a car out: the gate command is stored and the session closed', async () => {
    const entry = await stack.gate('lot-mall', {
      type: 'entry',
      gateId: 'gate-mall-in',
      plate: '粤B44444',
    });
    ids.exitPay = entry.json.data?.sessionId as string;
    const opened = await stack.ok<{
      outcome: string;
      commandId: string;
      session: { state: string };
    }>(DEMO_OWNER_OPENID, 'op.gate.open', {
      gateId: 'gate-mall-out',
      sessionId: ids.exitPay,
      reason: '系统故障，人工放行',
    });
    expect(opened).toMatchObject({ outcome: 'applied', session: { state: 'closed' } });
    expect(stack.engine.get(COLLECTIONS.gateEvents, opened.commandId)).toMatchObject({
      type: 'operator_open',
      gateId: 'gate-mall-out',
      lotId: 'lot-mall',
      by: DEMO_OWNER_OPENID,
      sessionId: ids.exitPay,
    });
  });

  it('refuses a session of another lot', async () => {
    const before = await stack.settledSnapshot();
    const error = await stack.refused(DEMO_OWNER_OPENID, 'op.gate.open', {
      gateId: 'gate-mall-out',
      sessionId: ids.booking,
      reason: '测试',
    });
    expect(error.code).toBe('WRONG_LOT');
    expect(stack.snapshot()).toBe(before);
  });

  it("answers an operator of this lot only that another lot's session is not found", async () => {
    const mallOnly = 'o-operator-mall-only';
    await stack.addOperator(DEMO_OWNER_OPENID, 'lot-mall', mallOnly, 'operator');
    const before = await stack.settledSnapshot();
    const error = await stack.refused(mallOnly, 'op.gate.open', {
      gateId: 'gate-mall-out',
      sessionId: ids.booking,
      reason: '测试',
    });
    // The same answer as for an id that does not exist: whether it does is not told.
    expect(error.code).toBe('SESSION_NOT_FOUND');
    const unknown = await stack.refused(mallOnly, 'op.gate.open', {
      gateId: 'gate-mall-out',
      sessionId: `${ids.booking!.slice(0, -4)}ZZZZ`,
      reason: '测试',
    });
    expect(unknown.code).toBe('SESSION_NOT_FOUND');
    expect(stack.snapshot()).toBe(before);
  });
});

describe('audit, lists and reports', () => {
  it('keeps an audit record of every action, refusals included', async () => {
    const mall = await stack.ok<{ items: Array<Record<string, unknown>> }>(
      DEMO_OWNER_OPENID,
      'op.audit.list',
      {
        lotId: 'lot-mall',
        limit: 50,
      },
    );
    const finishes = mall.items.filter(
      (r) => r.action === 'session.finish' && r.sessionId === ids.prepay,
    );
    expect(finishes.map((r) => r.outcome).sort()).toEqual(['already', 'applied']);
    expect(finishes.find((r) => r.outcome === 'applied')).toMatchObject({
      openid: DEMO_OWNER_OPENID,
      lotId: 'lot-mall',
      sessionId: ids.prepay,
      reason: '车主手机没电，人工结算',
    });
    expect(mall.items.find((r) => r.action === 'gate.open')).toMatchObject({
      outcome: 'applied',
      sessionId: ids.exitPay,
      gateId: 'gate-mall-out',
    });
    const road = await stack.ok<{ items: Array<Record<string, unknown>> }>(
      DEMO_OWNER_OPENID,
      'op.audit.list',
      {
        lotId: 'lot-road',
      },
    );
    const refusals = road.items.filter((r) => r.outcome === 'refused');
    expect(refusals).toEqual([
      expect.objectContaining({ action: 'session.finish', detail: 'NOT_ARRIVED' }),
    ]);
  });

  it('lists sessions with filters and pages', async () => {
    type Page = {
      items: Array<{ id: string; state: string; plate: string }>;
      total: number;
      nextOffset?: number;
    };
    const closed = await stack.ok<Page>(DEMO_OWNER_OPENID, 'op.sessions.list', {
      lotId: 'lot-mall',
      state: 'closed',
    });
    expect(closed.items.map((s) => s.id).sort()).toEqual(
      [ids.prepay, ids.exitPay, ids.race].sort(),
    );
    const byPlate = await stack.ok<Page>(DEMO_OWNER_OPENID, 'op.sessions.list', {
      lotId: 'lot-mall',
      plate: '粤B44444',
    });
    expect(byPlate.items.map((s) => s.id)).toEqual([ids.exitPay]);
    const first = await stack.ok<Page>(DEMO_OWNER_OPENID, 'op.sessions.list', {
      lotId: 'lot-mall',
      limit: 1,
    });
    expect(first).toMatchObject({ total: 3, nextOffset: 1 });
    const rest = await stack.ok<Page>(DEMO_OWNER_OPENID, 'op.sessions.list', {
      lotId: 'lot-mall',
      limit: 2,
      offset: 1,
    });
    expect(rest.nextOffset).toBeUndefined();
    expect(new Set([...first.items, ...rest.items].map((i) => i.id)).size).toBe(3);
    const flagged = await stack.ok<Page>(DEMO_OWNER_OPENID, 'op.sessions.list', {
      lotId: 'lot-road',
      flagged: true,
    });
    expect(flagged.total).toBe(0);
    const inRange = await stack.ok<Page>(DEMO_OWNER_OPENID, 'op.sessions.list', {
      lotId: 'lot-road',
      from: firstDay,
      to: chinaDate(await stack.clockNow()),
    });
    expect(inRange.total).toBe(2);
    const before = await stack.ok<Page>(DEMO_OWNER_OPENID, 'op.sessions.list', {
      lotId: 'lot-road',
      from: '2020-01-01',
      to: '2020-01-31',
    });
    expect(before.total).toBe(0);
    expect(
      await stack.refused(DEMO_OWNER_OPENID, 'op.sessions.list', {
        lotId: 'lot-road',
        from: '2020-02-01',
        to: '2020-01-01',
      }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reconciles the day against the platform', async () => {
    const today = chinaDate(await stack.clockNow());
    const report = await stack.ok<{
      sessions: number;
      matched: boolean;
      ours: Record<string, number>;
      platform: Record<string, number>;
      mismatches: unknown[];
    }>(DEMO_OWNER_OPENID, 'op.reconciliation', { lotId: 'lot-mall', date: today });
    const stored = stack.session(ids.prepay!);
    expect(report.sessions).toBeGreaterThanOrEqual(1);
    expect(report.mismatches).toEqual([]);
    expect(report.matched).toBe(true);
    expect(report.ours).toEqual(report.platform);
    const race = stack.session(ids.race!);
    expect(report.ours.charged).toBe(stored.amounts.finished + race.amounts.finished);
  });

  it('finds a mismatch when our record disagrees with the platform', async () => {
    // Corrupt our own record behind the functions' back, as a bug would.
    const doc = stack.session(ids.booking!);
    stack.engine.applyBatch([
      {
        collection: COLLECTIONS.sessions,
        id: ids.booking!,
        doc: { ...doc, amounts: { ...doc.amounts, returned: 2900, finished: 100 } },
      },
    ]);
    const report = await stack.ok<{
      matched: boolean;
      mismatches: Array<{
        sessionId: string;
        fields: string[];
        ours: Record<string, number>;
        platform: Record<string, number>;
      }>;
    }>(DEMO_OWNER_OPENID, 'op.reconciliation', {
      lotId: 'lot-road',
      date: chinaDate(await stack.clockNow()),
    });
    expect(report.matched).toBe(false);
    expect(report.mismatches).toEqual([
      expect.objectContaining({
        sessionId: ids.booking,
        fields: ['charged', 'returned'],
        ours: expect.objectContaining({ charged: 100, returned: 2900 }),
        platform: expect.objectContaining({ charged: 0, returned: 3000 }),
      }),
    ]);
    stack.engine.applyBatch([
      { collection: COLLECTIONS.sessions, id: ids.booking!, doc: { ...doc } },
    ]);
  });

  it('reports revenue by day and lot', async () => {
    const to = chinaDate(await stack.clockNow());
    const report = await stack.ok<{
      rows: Array<{
        date: string;
        lotId: string;
        charged: number;
        returned: number;
        handlingFee: number;
        net: number;
      }>;
      totals: { charged: number; returned: number; handlingFee: number; net: number };
    }>(DEMO_OWNER_OPENID, 'op.revenue', { from: firstDay, to });
    const prepay = stack.session(ids.prepay!);
    const lots = new Set(report.rows.map((r) => r.lotId));
    expect([...lots].sort()).toEqual(['lot-mall', 'lot-office', 'lot-road']);
    const mall = report.rows.filter((r) => r.lotId === 'lot-mall');
    const race = stack.session(ids.race!);
    expect(mall.reduce((s, r) => s + r.charged, 0)).toBe(
      prepay.amounts.finished + race.amounts.finished,
    );
    expect(mall.reduce((s, r) => s + r.returned, 0)).toBe(
      prepay.amounts.returned + race.amounts.returned,
    );
    const road = report.rows.filter((r) => r.lotId === 'lot-road');
    expect(road.reduce((s, r) => s + r.charged, 0)).toBe(0);
    expect(road.reduce((s, r) => s + r.returned, 0)).toBe(6000);
    expect(report.totals.net).toBe(report.totals.charged - report.totals.handlingFee);
    for (const r of report.rows)
      expect(Number.isInteger(r.charged) && Number.isInteger(r.net)).toBe(true);
  });

  it('shows today at a glance', async () => {
    const board = await stack.ok<{
      date: string;
      lots: Array<{
        lotId: string;
        sessionsToday: number;
        live: number;
        flagged: number;
        revenueToday?: { charged: number };
      }>;
    }>(DEMO_OWNER_OPENID, 'op.dashboard');
    expect(board.date).toBe(chinaDate(await stack.clockNow()));
    const road = board.lots.find((l) => l.lotId === 'lot-road')!;
    expect(road).toMatchObject({ live: 0, flagged: 0 });
    // Both bookings were made after the clock moved on: today, whatever the hour.
    expect(road.sessionsToday).toBe(2);
    const mall = board.lots.find((l) => l.lotId === 'lot-mall')!;
    expect(mall.live).toBe(0);
    expect(mall.revenueToday).toBeDefined();
  });
});

describe('op.sessions.resolve', () => {
  it('clears the flag of a car that left unpaid, once', async () => {
    const entry = await stack.gate('lot-mall', {
      type: 'entry',
      gateId: 'gate-mall-in',
      plate: '粤B66666',
    });
    const id = entry.json.data?.sessionId as string;
    await stack.advanceClock(3600);
    // The controller reports the exit of a car that did not pay: closed, flagged left_unpaid.
    const exit = await stack.gate('lot-mall', {
      type: 'exit',
      gateId: 'gate-mall-out',
      plate: '粤B66666',
    });
    expect(exit.json.data).toMatchObject({ closed: true, flagged: true });
    const flagged = await stack.ok<{
      items: Array<{ id: string; openAnomalies: Array<{ code: string }> }>;
    }>(DEMO_OWNER_OPENID, 'op.sessions.list', { lotId: 'lot-mall', flagged: true });
    expect(flagged.items.map((s) => s.id)).toEqual([id]);
    expect(flagged.items[0]!.openAnomalies.map((a) => a.code)).toEqual(['left_unpaid']);
    const resolved = await stack.ok<Ended & { session: { flagged: boolean } }>(
      DEMO_OWNER_OPENID,
      'op.sessions.resolve',
      { sessionId: id, reason: '已电话联系车主补缴' },
    );
    expect(resolved).toMatchObject({ outcome: 'applied', session: { flagged: false } });
    expect(stack.session(id).anomalies[0]).toMatchObject({
      resolvedBy: DEMO_OWNER_OPENID,
      resolution: '已电话联系车主补缴',
    });
    const again = await stack.ok<Ended>(DEMO_OWNER_OPENID, 'op.sessions.resolve', {
      sessionId: id,
      reason: '重复',
    });
    expect(again.outcome).toBe('already');
  });
});

describe('closing a session while its payment is out', () => {
  it('closes it; a payment made afterwards stands and is flagged for an operator', async () => {
    const entry = await stack.gate('lot-mall', {
      type: 'entry',
      gateId: 'gate-mall-in',
      plate: '粤B88888',
    });
    const id = entry.json.data?.sessionId as string;
    await stack.advanceClock(3600);
    const exit = await stack.ok<{ kind: string; payment: PaymentStart }>(DRIVER_A, 'exit.pay', {
      sessionId: id,
    });
    expect(exit.kind).toBe('payment');
    expect(stack.session(id).state).toBe('awaiting_payment');
    const ended = await stack.ok<Ended>(DEMO_OWNER_OPENID, 'op.sessions.finish', {
      sessionId: id,
      reason: '车主称已付款，先放行',
    });
    expect(ended).toMatchObject({ outcome: 'applied', session: { state: 'closed' } });
    await stack.pay(exit.payment.requestPayment);
    const paid = await eventually(() => {
      const s = stack.session(id);
      return s.amounts.paid > 0 && s;
    }, 'the late payment recorded');
    expect(paid.state).toBe('closed');
    expect(paid.flagged).toBe(true);
    expect(paid.anomalies.map((a) => a.code)).toEqual(['late_payment']);
  });
});
