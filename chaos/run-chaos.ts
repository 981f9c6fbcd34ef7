import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { keyFromPassword } from '../core/allinpay';
import { LIVE_STATES, PENDING_STATES } from '../core/parking/session-states';
import { startLocalStack } from '../devstack/local-stack';
import type { TimerRun } from '../emulator';
import { DEMO_MERCHANT } from '../sandbox';
import type { DailyMoneyDoc } from '../server/operator/daily-money';
import type { SessionDoc } from '../server/cloud/session-doc';
import type { NotificationRecord } from '../server/parking/notify/handle-notification';
import { demoData } from '../server/seed/demo-data';
import { seedDemoCameras } from '../server/seed/demo-cameras';
import { seedIfEmpty } from '../server/seed/seed-database';
import { COLLECTIONS } from '../server/store/collections';
import { type Percentiles, percentile, percentiles } from '../bench/stats';
import { audit, type AuditReport, type LedgerTxn } from './audit';
import { ChaosClient, type TransportStats } from './client';
import { CHAOS_FAULTS, FUNCTION_ENV } from './faults';
import { planJourneys, prepareArrears, runJourney, type JourneyRecord } from './journeys';
import { CameraLanes } from './camera-lanes';
import {
  CHAOS_GATES,
  CHAOS_LOTS,
  CHAOS_MERCHANTS,
  CHAOS_OWNER,
  CHAOS_PLANS,
  MERCHANT_TOPUP,
  chaosCameras,
  chaosData,
  chaosMerchant,
  chaosPlan,
} from './seed';

export interface ChaosOptions {
  journeys: number;
  /** Journeys in flight at once. */
  concurrency: number;
  /** The fault seed: the same seed and size inject the same faults. */
  seed: number;
  /** The reconcile timer's period; a cycle is this plus the longest reconcile run. */
  reconcileMs: number;
}

export const DEFAULT_OPTIONS: ChaosOptions = {
  journeys: 1000,
  concurrency: 48,
  seed: 1,
  reconcileMs: 5000,
};

export interface ChaosReport extends AuditReport {
  options: ChaosOptions;
  byKind: Record<string, { journeys: number; completed: number }>;
  /** Exit payment → the gate's, app's or camera's "may leave" (observer 'nobody' left out). */
  payToLeave: Series;
  /** The same by who asked; 'nobody' (no one asks: a notification or reconcile) is its own line. */
  payToLeaveBy: Record<string, { all: Series; calm: Series }>;
  freezeSeen: Series;
  /** The same, for journeys none of whose waits overlapped the restart's downtime. */
  payToLeaveCalm: Series;
  freezeSeenCalm: Series;
  /** Pass and arrears payments: cashier paid → applied, as the journey's observer saw it. */
  orderSeen: Series;
  orderSeenCalm: Series;
  faultsInjected: Record<string, number>;
  refusals: Record<string, number>;
  transport: TransportStats;
  /** The "stuck" threshold: the timer's period plus the longest reconcile run seen. */
  reconcileCycle: {
    periodMs: number;
    longestRunMs: number;
    p50RunMs: number;
    runs: number;
    /** Runs cut by the restart or started before the new host answered. */
    restartRunsMs: number[];
    cycleMs: number;
  };
  restartAtJourney: number;
  restartMs: number;
  seconds: number;
}

/**
 * Until the host answers `parallel` api, gate and notify calls at once (their instances are
 * started). Notify is warmed with a GET, which it records as `not_post` and refuses.
 */
async function warmUp(client: ChaosClient, notifyUrl: string, parallel: number): Promise<void> {
  await Promise.all(
    Array.from({ length: parallel }, async (_, i) => {
      if (i < parallel / 4) await fetch(notifyUrl).then((r) => r.arrayBuffer());
      await client.api(`o-chaos-warmup-${i}`, 'plates.list', {});
      await client.gate(CHAOS_LOTS.exitPay, {
        type: 'may_leave',
        gateId: CHAOS_GATES.exitPayOut,
        plate: '粤Z00000',
      });
    }),
  );
}

/**
 * What the pass and merchant journeys need, set up as an owner and staff do it: a plan at the
 * exit-pay and camera lots, a balance merchant at the exit-pay and prepay lots, topped up, each
 * with a clerk who accepted an invitation.
 */
async function seedThroughRoutes(client: ChaosClient): Promise<void> {
  for (const plan of Object.values(CHAOS_PLANS)) {
    await client.ok(CHAOS_OWNER, 'op.passPlans.upsert', { plan: chaosPlan(plan), reason: '开售' });
  }
  for (const m of Object.values(CHAOS_MERCHANTS)) {
    await client.ok(CHAOS_OWNER, 'op.merchants.upsert', { merchant: chaosMerchant(m) });
    await client.ok(CHAOS_OWNER, 'op.merchants.topup', {
      merchantId: m.id,
      amount: MERCHANT_TOPUP,
      requestId: `chaos-topup-${m.id}`,
      reason: '压测预充值',
    });
    const inv = await client.ok<{ code: string }>(CHAOS_OWNER, 'op.merchants.invite', {
      merchantId: m.id,
      role: 'clerk',
      hours: 24,
    });
    await client.ok(m.clerk, 'merchant.invitation.accept', { code: inv.code, name: '压测店员' });
  }
}

type Series = Percentiles;
const series = percentiles;

export async function runChaos(
  options: ChaosOptions = DEFAULT_OPTIONS,
  progress: (line: string) => void = () => undefined,
): Promise<ChaosReport> {
  const began = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parking-chaos-'));
  try {
    progress('starting the local stack (sandbox, database emulator, function host)');
    const reconcileRuns: TimerRun[] = [];
    const stack = await startLocalStack({
      dataDir: path.join(tmp, 'data'),
      ports: { sandbox: 0, database: 0, functions: 0 },
      seed: false,
      // 600x: the platform's resends at +5 and +10 minutes come after 0.5 s and 1 s.
      sandbox: { timeScale: 600, settleIntervalMs: 200, notifyTimeoutMs: 5000 },
      functions: {
        warm: true,
        timers: { reconcile: { everyMs: options.reconcileMs } },
        onTimerRun: (run) => {
          if (run.functionName === 'reconcile') reconcileRuns.push(run);
        },
        env: FUNCTION_ENV,
      },
    });
    try {
      const demo = demoData(DEMO_MERCHANT.cusid);
      const chaos = chaosData(DEMO_MERCHANT.cusid, options.journeys);
      const engine = stack.emulator.database.engine;
      seedIfEmpty(engine, {
        tariffs: [...demo.tariffs, ...chaos.tariffs],
        lots: [...demo.lots, ...chaos.lots],
        gates: [...demo.gates, ...chaos.gates],
        spots: [...demo.spots, ...chaos.spots],
        operators: [...demo.operators, ...chaos.operators],
        lotSecrets: [...demo.lotSecrets, ...chaos.lotSecrets],
      });
      const cameras = chaosCameras();
      seedDemoCameras(engine, cameras);
      const client = new ChaosClient(stack.urls);
      await client.syncClock();
      await client.sandboxOk('PUT', '/_sandbox/faults', {
        seed: options.seed,
        global: CHAOS_FAULTS,
      });
      progress(
        `faults on: ${Object.entries(CHAOS_FAULTS)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );

      const ctx = {
        client,
        sessionState: (id: string) =>
          (engine.get(COLLECTIONS.sessions, id) as { state?: string } | undefined)?.state,
        nowSeconds: () => Math.floor(client.backendNowMs() / 1000),
        giveUpMs: 120_000,
        pollMs: 100,
        lanes: new CameraLanes(stack.urls.camera, cameras),
        liveSessionOf: (lotId: string, plate: string) =>
          (
            engine.find(COLLECTIONS.sessions, {
              lotId,
              plate,
              state: { $in: [...LIVE_STATES] },
            }) as Array<{ _id: string }>
          )[0]?._id,
        doc: (collection: string, id: string) =>
          engine.get(collection, id) as Record<string, unknown> | undefined,
      };
      progress('pass plans, merchants (topped up) and their clerks, through the operator routes');
      await seedThroughRoutes(client);

      const plans = planJourneys(options.journeys);
      const records: JourneyRecord[] = [];
      const restartAtJourney = Math.floor(plans.length / 2);
      let restart: Promise<number> | undefined;
      let downtime: [number, number] | undefined;
      progress('warming the function host (an instance per concurrent caller)');
      await warmUp(client, stack.urls.notify, options.concurrency);
      progress('arrears journeys: stays left owing (the clock moves 11 minutes)');
      const prepared = await prepareArrears(
        plans,
        ctx,
        (seconds) => client.advanceClock(seconds),
        options.concurrency,
      );
      let next = 0;
      let finished = 0;
      const ticker = setInterval(() => {
        const failed = records.filter((r) => r.error).length;
        progress(
          `journeys ${finished}/${plans.length} done (${failed} failed), ${next - finished} in flight`,
        );
      }, 5000);
      const worker = async () => {
        while (next < plans.length) {
          const plan = plans[next++]!;
          if (plan.n === restartAtJourney && !restart) {
            progress(`restarting the function host (journey ${plan.n} starting)`);
            const t = Date.now();
            // Up again when api, gate and notify answer and the new host's reconcile timer has
            // run once (its first run carries the cold start, and holds up the next ones).
            const reconciledSince = async (since: number) => {
              while (!reconcileRuns.some((r) => r.startedAt >= since)) await sleep(100);
            };
            restart = stack.emulator
              .restartFunctions()
              .then(() => warmUp(client, stack.urls.notify, options.concurrency))
              .then(() => reconciledSince(t))
              .then(() => {
                downtime = [t, Date.now()];
                return Date.now() - t;
              });
          }
          records.push(await runJourney(plan, ctx, prepared.get(plan.n)));
          finished++;
        }
      };
      try {
        await Promise.all(Array.from({ length: options.concurrency }, worker));
      } finally {
        clearInterval(ticker);
      }
      const restartMs = (await restart) ?? 0;
      progress(`all ${plans.length} journeys ran; the function host restart took ${restartMs} ms`);

      // Booked drivers who never come: the hold (15 min) runs out, reconcile charges the no-show.
      progress('advancing the clock 16 minutes: booking holds run out');
      await client.advanceClock(16 * 60);
      progress('waiting for reconcile to settle no-shows and anything left open');
      const settleDeadline = Date.now() + 20 * options.reconcileMs;
      for (;;) {
        const open = engine.count(COLLECTIONS.sessions, {
          $or: [{ state: { $in: [...PENDING_STATES] } }, { state: 'booked' }],
        });
        const pending = await client.sandboxOk<{ notifications: unknown[] }>(
          'GET',
          `/_sandbox/notifications?status=pending&limit=100000`,
        );
        if (open === 0 && pending.notifications.length === 0) break;
        if (Date.now() > settleDeadline) {
          progress(
            `gave up waiting: ${open} sessions open, ${pending.notifications.length} deliveries pending`,
          );
          break;
        }
        await sleep(500);
      }
      // One more cycle, so that whatever reconcile started has landed.
      await sleep(options.reconcileMs);

      progress('comparing the database with the sandbox ledger');
      // A run cut by the restart, or started while the new host was still coming up, belongs
      // to the restart (its downtime is taken out of every wait), not to a reconcile cycle.
      const during = (r: TimerRun) =>
        downtime !== undefined && r.endedAt >= downtime[0] && r.startedAt <= downtime[1];
      const cycleRuns = reconcileRuns.filter((r) => !during(r)).map((r) => r.endedAt - r.startedAt);
      const longestRunMs = Math.max(0, ...cycleRuns);
      const reconcileCycle = {
        periodMs: options.reconcileMs,
        longestRunMs,
        p50RunMs: percentile(cycleRuns, 50),
        runs: cycleRuns.length,
        restartRunsMs: reconcileRuns.filter(during).map((r) => r.endedAt - r.startedAt),
        cycleMs: options.reconcileMs + longestRunMs,
      };
      const txns = (
        await client.sandboxOk<{ transactions: LedgerTxn[] }>(
          'GET',
          `/_sandbox/transactions?cusid=${DEMO_MERCHANT.cusid}&limit=100000`,
        )
      ).transactions;
      const faults = await client.sandboxOk<{ injected?: Record<string, number> }>(
        'GET',
        '/_sandbox/faults',
      );
      const all = <T>(name: keyof typeof COLLECTIONS) =>
        engine.find(COLLECTIONS[name], {}) as unknown as T[];
      const merchantBalances = await Promise.all(
        Object.values(CHAOS_MERCHANTS).map(async (m) => {
          const list = await client.ok<{
            merchants: Array<{ id: string; balance: { balance: number } }>;
          }>(CHAOS_OWNER, 'op.merchants.list', { lotId: m.lotId });
          const balance = list.merchants.find((x) => x.id === m.id)?.balance.balance ?? NaN;
          return { merchantId: m.id, balance };
        }),
      );
      const verdict = audit({
        passes: all('passes'),
        passOrders: all('passOrders'),
        merchantDiscounts: all('merchantDiscounts'),
        merchantTopups: all('merchantTopups'),
        merchantBalances,
        arrears: all('arrears'),
        arrearsOrders: all('arrearsOrders'),
        journeys: records,
        sessions: engine.find(COLLECTIONS.sessions, {}) as unknown as SessionDoc[],
        dailyMoney: engine.find(COLLECTIONS.dailyMoney, {}) as unknown as DailyMoneyDoc[],
        notifications: engine.find(
          COLLECTIONS.notifications,
          {},
        ) as unknown as NotificationRecord[],
        txns,
        key: keyFromPassword(DEMO_MERCHANT.password),
        cycleMs: reconcileCycle.cycleMs,
        downtime,
      });
      const byKind: ChaosReport['byKind'] = {};
      const refusals: Record<string, number> = {};
      for (const r of records) {
        const k = (byKind[r.kind] ??= { journeys: 0, completed: 0 });
        k.journeys++;
        if (r.done && !verdict.problems.some((p) => p.startsWith(`journey ${r.n} `))) k.completed++;
        for (const [code, n] of Object.entries(r.refusals))
          refusals[code] = (refusals[code] ?? 0) + n;
      }
      const calm = (r: JourneyRecord) =>
        !downtime || r.waits.every(([a, b]) => b < downtime![0] || a > downtime![1]);
      const paidAtExit = (r: JourneyRecord) =>
        r.kind.startsWith('exit_pay') ||
        r.kind.startsWith('camera_') ||
        r.kind.startsWith('pass_car') ||
        r.kind === 'merchant_discount';
      const leaves = records.filter((r) => r.mayLeaveMs !== undefined && paidAtExit(r));
      // Nobody asks for 'nobody': it is bounded by the reconcile cycle (the stuck measure).
      const exits = leaves.filter((r) => r.mayLeaveBy !== 'nobody');
      const payToLeaveBy: ChaosReport['payToLeaveBy'] = {};
      for (const by of ['confirm', 'gate', 'camera', 'nobody']) {
        const mine = leaves.filter((r) => r.mayLeaveBy === by);
        payToLeaveBy[by] = {
          all: series(mine.map((r) => r.mayLeaveMs!)),
          calm: series(mine.filter(calm).map((r) => r.mayLeaveMs!)),
        };
      }
      const byOrder = (r: JourneyRecord) => r.kind === 'pass_purchase' || r.kind === 'arrears_pay';
      const orders = records.filter((r) => byOrder(r) && r.paymentSeenMs !== undefined);
      const freezes = records.filter(
        (r) => !paidAtExit(r) && !byOrder(r) && r.paymentSeenMs !== undefined,
      );
      return {
        ...verdict,
        options,
        byKind,
        payToLeave: series(exits.map((r) => r.mayLeaveMs!)),
        payToLeaveBy,
        freezeSeen: series(freezes.map((r) => r.paymentSeenMs!)),
        payToLeaveCalm: series(exits.filter(calm).map((r) => r.mayLeaveMs!)),
        freezeSeenCalm: series(freezes.filter(calm).map((r) => r.paymentSeenMs!)),
        orderSeen: series(orders.map((r) => r.paymentSeenMs!)),
        orderSeenCalm: series(orders.filter(calm).map((r) => r.paymentSeenMs!)),
        faultsInjected: faults.injected ?? {},
        refusals,
        transport: client.stats,
        reconcileCycle,
        restartAtJourney,
        restartMs,
        seconds: (Date.now() - began) / 1000,
      };
    } finally {
      progress('stopping the local stack');
      await stack.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
