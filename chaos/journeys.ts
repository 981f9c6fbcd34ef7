import { setTimeout as sleep } from 'node:timers/promises';
import { type PushResult, pushHeartbeat, pushRead } from '../camera-sim/camera';
import { type CameraAction, NO_PLATE, type PlateRead } from '../camera-sim/device';
import type { ApiResult as ApiReply } from '../server/api-kit/result';
import type { CameraLanes, Lane } from './camera-lanes';
import type { ChaosClient } from './client';
import {
  CHAOS_GATES,
  CHAOS_LOTS,
  CHAOS_MERCHANTS,
  CHAOS_OWNER,
  CHAOS_PLANS,
  arrearsSpotOf,
  spotIdOf,
} from './seed';

/**
 * One car's visit, driven over HTTP the way drivers, payers and lot controllers act. A driver
 * whose call is refused or fails taps again (bounded); a payer pays once at the cashier; then
 * someone learns whether the car may leave: the driver's app confirming, the exit gate asking,
 * or nobody at all (the phone died after paying: only the notification or reconcile can tell).
 */
export const JOURNEY_KINDS = [
  'exit_pay', // plated car reported in by the entry gate, pays at the exit
  'exit_pay_no_plate', // car without a plate checks in by scanning, pays at the exit
  'entry_prepay', // freezes at entry; the exit finishes the fee and returns the rest
  'booking_leave', // roadside booking frozen, arrival (booking fee), leave (parking fee)
  'booking_cancel', // booking frozen, then cancelled: everything returned
  'booking_no_show', // booking frozen, the driver never comes: the hold runs out
  'camera_plated', // plate cameras: read in (live, repeated, or replayed offline), held at the exit, paid, heartbeat
  'camera_no_plate', // plate cameras read nothing: in and out by the driver's scans, the heartbeat opens
  'pass_purchase', // a driver buys a 30-day pass through pay (every other one renews it once)
  'pass_car', // a car on a pass (issued at the desk) in and out free, by gate or by camera
  'merchant_discount', // a merchant's clerk gives a discount; the driver pays the rest (6 variants)
  'arrears_pay', // a roadside car gone unseen owes arrears; its driver pays them through pay
] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

export type Observer = 'confirm' | 'gate' | 'nobody';
/** Who answered "may leave": the journey's observer, or the lane's camera at a camera lot. */
export type LeaveObserver = Observer | 'camera';

export interface JourneyPlan {
  n: number;
  kind: JourneyKind;
  observer: Observer;
  plated: boolean;
  /** How many journeys of this kind came before (picks a kind's variant). */
  variant: number;
}

/** merchant_discount variants, in turn. */
export const DISCOUNT_VARIANTS = [
  'free_minutes', // 1 hour off a 2-hour stay at the exit-pay lot, the rest paid
  'amount_off', // ¥5 off
  'percent_off', // half off
  'whole_stay', // nothing to pay: the exit gate lets the car out
  'prepay_whole_stay', // at the prepay lot: the fee becomes 0, the freeze is returned in full
  'operator_cancel', // whole stay given, then the operator cancels the stay: the merchant pays 0
] as const;

export interface JourneyRecord extends JourneyPlan {
  openid: string;
  plate?: string;
  sessionId?: string;
  /** The state the journey ends in when all went well ('none': a journey without a session). */
  expectedState: 'closed' | 'cancelled' | 'no_show' | 'none';
  /** pass_purchase: the pass and the orders the driver paid (each must extend it once). */
  passId?: string;
  passOrders?: string[];
  /** merchant_discount: whose discount, and whether the stay was cancelled (costs nothing). */
  discount?: { merchantId: string; variant: (typeof DISCOUNT_VARIANTS)[number] };
  /** arrears_pay: the arrears (= the stay left owing) and the orders that paid them. */
  arrearsId?: string;
  arrearsOrders?: string[];
  /** Other sessions of the journey (arrears_pay: the booking that found the car gone). */
  otherSessions?: string[];
  /** Milliseconds from the payer's payment to the session knowing it (paid / frozen / booked). */
  paymentSeenMs?: number;
  /** Exit flows: from the payer's payment, or the request to leave, to the first "may leave". */
  mayLeaveMs?: number;
  /** Who learned it (the report breaks payment → may leave down by this). */
  mayLeaveBy?: LeaveObserver;
  /**
   * Each wait as wall-clock epoch ms, from the payment (or the request to leave) to the start of
   * the last look that still did not see the outcome: how long it was surely not there (the
   * "stuck" measure, which an observer's slow poll cannot inflate); the downtime of the host's
   * restart is taken out of these by the audit.
   */
  waits: Array<[number, number]>;
  /** What each wait was for, as `waits`. */
  waitNames: string[];
  /** App refusals the driver or controller met on the way, by code (then tapped again). */
  refusals: Record<string, number>;
  /** Set when the journey could not go on. */
  error?: string;
  done: boolean;
}

export interface JourneyContext {
  client: ChaosClient;
  /** The session's state straight from the database (what nobody sees). */
  sessionState(sessionId: string): string | undefined;
  /** Seconds on the backend's clock. */
  nowSeconds(): number;
  /** How long a wait may last before the journey counts as stuck for good. */
  giveUpMs: number;
  pollMs: number;
  /** The camera lot's lanes (camera journeys). */
  lanes: CameraLanes;
  /** The live session of a plate in a lot, straight from the database (found by the driver's app). */
  liveSessionOf(lotId: string, plate: string): string | undefined;
  /** A document straight from the database (what nobody sees). */
  doc(collection: string, id: string): Record<string, unknown> | undefined;
}

type View = { id: string; state: string; plate: string };
type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type Quote = { session: View; mayLeave: { allowed: boolean } };

export function planJourneys(count: number): JourneyPlan[] {
  // Weights per kind, out of 32 (chaos/README.md): mostly exits, every booking outcome represented.
  const cycle: JourneyKind[] = [
    ...Array<JourneyKind>(6).fill('exit_pay'),
    ...Array<JourneyKind>(2).fill('exit_pay_no_plate'),
    ...Array<JourneyKind>(5).fill('entry_prepay'),
    ...Array<JourneyKind>(3).fill('booking_leave'),
    ...Array<JourneyKind>(2).fill('booking_cancel'),
    ...Array<JourneyKind>(2).fill('booking_no_show'),
    ...Array<JourneyKind>(2).fill('camera_plated'),
    'camera_no_plate',
    ...Array<JourneyKind>(2).fill('pass_purchase'),
    ...Array<JourneyKind>(2).fill('pass_car'),
    ...Array<JourneyKind>(3).fill('merchant_discount'),
    ...Array<JourneyKind>(2).fill('arrears_pay'),
  ];
  const seen: Partial<Record<JourneyKind, number>> = {};
  const observers: Observer[] = ['confirm', 'gate', 'nobody'];
  return Array.from({ length: count }, (_, n) => {
    const kind = cycle[n % cycle.length]!;
    const variant = seen[kind] ?? 0;
    seen[kind] = variant + 1;
    return {
      n,
      kind,
      variant,
      observer: observers[Math.floor(n / cycle.length) % observers.length]!,
      plated: [
        'exit_pay',
        'camera_plated',
        'pass_purchase',
        'pass_car',
        'merchant_discount',
        'arrears_pay',
      ].includes(kind)
        ? true
        : ['exit_pay_no_plate', 'camera_no_plate'].includes(kind)
          ? false
          : n % 2 === 0,
    };
  });
}

function plateOf(n: number): string {
  return `粤C${String(n).padStart(5, '0')}`;
}

class Journey {
  readonly record: JourneyRecord;

  constructor(
    plan: JourneyPlan,
    private readonly ctx: JourneyContext,
  ) {
    this.record = {
      ...plan,
      openid: `o-chaos-${String(plan.n).padStart(8, '0')}`,
      plate: plan.plated ? plateOf(plan.n) : undefined,
      expectedState:
        plan.kind === 'booking_cancel'
          ? 'cancelled'
          : plan.kind === 'booking_no_show'
            ? 'no_show'
            : plan.kind === 'pass_purchase'
              ? 'none'
              : 'closed',
      refusals: {},
      waits: [],
      waitNames: [],
      done: false,
    };
  }

  private get client() {
    return this.ctx.client;
  }

  private carId(): Record<string, unknown> {
    return this.record.plate ? { plate: this.record.plate } : { noPlate: true };
  }

  private refused(code: string) {
    this.record.refusals[code] = (this.record.refusals[code] ?? 0) + 1;
  }

  /**
   * Calls until `accept` takes the answer, for at most giveUpMs; refusals are counted and tapped
   * again, the last answer goes into the error.
   */
  private async tap<T, R>(
    what: string,
    call: () => Promise<ApiReply<T>>,
    accept: (data: T) => R | undefined,
  ): Promise<R> {
    const deadline = Date.now() + this.ctx.giveUpMs;
    let last: ApiReply<T> | undefined;
    for (let i = 0; Date.now() < deadline; i++) {
      last = await call();
      if (last.ok) {
        const accepted = accept(last.data);
        if (accepted !== undefined) return accepted;
      } else {
        this.refused(last.error.code);
      }
      await sleep(this.ctx.pollMs * (1 + Math.min(i, 5)));
    }
    const answer = JSON.stringify(last).slice(0, 300);
    throw new Error(`${what}: no acceptable answer within ${this.ctx.giveUpMs} ms; last ${answer}`);
  }

  private api<T>(route: string, data: Record<string, unknown>) {
    return () => this.client.api<T>(this.record.openid, route, data);
  }

  /**
   * Starts (or finds again) the payment sheet. A start whose call's outcome is unknown answers
   * without a sheet: the app then confirms, which queries the platform and hands the sheet over.
   */
  private async sheet(
    route: string,
    data: Record<string, unknown>,
  ): Promise<{ session: View; payment: Payment }> {
    return this.tap(
      route,
      async (): Promise<ApiReply<{ session: View; payment?: Payment }>> => {
        const started = await this.client.api<{ session: View; payment?: Payment }>(
          this.record.openid,
          route,
          data,
        );
        if (!started.ok || started.data.payment) return started;
        const confirmed = await this.client.api<{ session: View; payment?: Payment }>(
          this.record.openid,
          'payment.confirm',
          { sessionId: started.data.session.id },
        );
        return confirmed.ok ? confirmed : started;
      },
      (d) => (d.payment ? { session: d.session, payment: d.payment } : undefined),
    );
  }

  private session(): Record<string, unknown> {
    return { sessionId: this.record.sessionId };
  }

  /** Polls until `seen` is true; answers the milliseconds since `since`. */
  private async until(what: string, since: bigint, seen: () => Promise<boolean>): Promise<number> {
    const deadline = Date.now() + this.ctx.giveUpMs;
    const startedAt = Date.now() - Number(process.hrtime.bigint() - since) / 1e6;
    // When the last look that did not see it began: the outcome was surely not there before.
    let lastMiss = startedAt;
    for (;;) {
      const asked = Date.now();
      if (await seen()) {
        this.record.waits.push([startedAt, lastMiss]);
        this.record.waitNames.push(what);
        return Number(process.hrtime.bigint() - since) / 1e6;
      }
      lastMiss = asked;
      if (Date.now() > deadline)
        throw new Error(`${what}: not seen within ${this.ctx.giveUpMs} ms`);
      await sleep(this.ctx.pollMs);
    }
  }

  /** Whether the session has reached one of `states`, as this journey's observer learns it. */
  private async stateSeen(states: string[]): Promise<boolean> {
    const id = this.record.sessionId!;
    if (this.record.observer === 'nobody') return states.includes(this.ctx.sessionState(id) ?? '');
    const route = this.record.observer === 'confirm' ? 'payment.confirm' : 'session.quote';
    const reply = await this.client.api<Quote>(this.record.openid, route, { sessionId: id });
    if (!reply.ok) this.refused(reply.error.code);
    return reply.ok && states.includes(reply.data.session.state);
  }

  /**
   * Pays at the cashier, then waits until the session knows it. The clock starts when the
   * cashier says paid: before that the platform itself answers a query "not paid yet".
   */
  private async pay(payment: Payment, states: string[]): Promise<void> {
    await this.client.cashierPay(payment.requestPayment, {}, { mustPay: true });
    const t0 = process.hrtime.bigint();
    this.record.paymentSeenMs = await this.until(`${states.join('/')} after payment`, t0, () =>
      this.stateSeen(states),
    );
  }

  private async mayLeave(lotId: string, gateId: string, since: bigint): Promise<void> {
    const id = this.record.sessionId!;
    this.record.mayLeaveBy = this.record.observer;
    this.record.mayLeaveMs = await this.until('may leave', since, async () => {
      switch (this.record.observer) {
        case 'nobody': {
          const state = this.ctx.sessionState(id);
          // A leave whose finish failed outright is back to frozen: the app says so, the driver taps again.
          if (state === 'frozen')
            await this.client.api(this.record.openid, 'exit.pay', { sessionId: id });
          return state === 'paid';
        }
        case 'gate': {
          const reply = await this.client.gateResult<{ allowed: boolean }>(lotId, {
            type: 'may_leave',
            gateId,
            plate: this.record.plate,
          });
          if (!reply.ok) this.refused(reply.error.code);
          return reply.ok && reply.data.allowed;
        }
        case 'confirm': {
          const reply = await this.client.api<Quote>(this.record.openid, 'payment.confirm', {
            sessionId: id,
          });
          if (!reply.ok) this.refused(reply.error.code);
          // The app shows the failed settlement and its "leave" button again: the driver taps it.
          if (reply.ok && reply.data.session.state === 'frozen')
            await this.client.api(this.record.openid, 'exit.pay', { sessionId: id });
          return reply.ok && reply.data.mayLeave.allowed;
        }
      }
    });
  }

  /**
   * The exit gate reports the car out. A report whose answer was lost closed the session already:
   * the retry is refused NOT_INSIDE, which is then the success it looks like to the controller.
   */
  private async leaveThroughGate(lotId: string, gateId: string): Promise<void> {
    await this.tap(
      'exit report',
      async (): Promise<ApiReply<boolean>> => {
        const reply = await this.client.gateResult<{ closed: boolean }>(lotId, {
          type: 'exit',
          gateId,
          plate: this.record.plate,
        });
        if (reply.ok) return { ok: true, data: reply.data.closed };
        const closed = this.ctx.sessionState(this.record.sessionId!) === 'closed';
        return reply.error.code === 'NOT_INSIDE' && closed ? { ok: true, data: true } : reply;
      },
      (closed) => (closed ? true : undefined),
    );
  }

  /** The exit-pay lot's entry gate reports the plate in, 2 hours ago: the stay owes ¥12. */
  private enteredTwoHoursAgo(): Promise<string> {
    return this.tap(
      'entry report',
      () =>
        this.client.gateResult<{ sessionId: string }>(CHAOS_LOTS.exitPay, {
          type: 'entry',
          gateId: CHAOS_GATES.exitPayIn,
          plate: this.record.plate,
          at: this.ctx.nowSeconds() - 2 * 3600,
        }),
      (d) => d.sessionId,
    );
  }

  /** The exit gate's question until it allows the car out (nothing is due). */
  private gateAllows(what: string, lot: string, gateId: string): Promise<number> {
    return this.until(what, process.hrtime.bigint(), async () => {
      const r = await this.client.gateResult<{ allowed: boolean }>(lot, {
        type: 'may_leave',
        gateId,
        plate: this.record.plate,
      });
      if (!r.ok) this.refused(r.error.code);
      return r.ok && r.data.allowed;
    });
  }

  async exitPay(): Promise<void> {
    const lot = CHAOS_LOTS.exitPay;
    if (this.record.kind === 'exit_pay') {
      this.record.sessionId = await this.enteredTwoHoursAgo();
    } else {
      const view = await this.tap(
        'check-in',
        this.api<{ session: View }>('entry.checkIn', {
          gateId: CHAOS_GATES.exitPayIn,
          ...this.carId(),
        }),
        (d) => d.session,
      );
      this.record.sessionId = view.id;
      this.record.plate = view.plate;
    }
    const { payment } = await this.sheet('exit.pay', this.session());
    await this.client.cashierPay(payment.requestPayment, {}, { mustPay: true });
    const t0 = process.hrtime.bigint();
    await this.mayLeave(lot, CHAOS_GATES.exitPayOut, t0);
    this.record.paymentSeenMs = this.record.mayLeaveMs;
    await this.leaveThroughGate(lot, CHAOS_GATES.exitPayOut);
  }

  async entryPrepay(): Promise<void> {
    const lot = CHAOS_LOTS.prepay;
    const started = await this.sheet('entry.prepay', {
      gateId: CHAOS_GATES.prepayIn,
      ...this.carId(),
    });
    this.record.sessionId = started.session.id;
    this.record.plate = started.session.plate;
    await this.pay(started.payment, ['frozen']);
    const t0 = process.hrtime.bigint();
    if (this.record.observer !== 'gate' || this.record.n % 2 === 0) {
      // The driver taps "leave" in the app: the freeze is finished (nothing to pay in WeChat).
      // 'nothing_due' is what a repeated tap meets once the first one settled (its answer lost).
      const done = ['paid', 'pending', 'nothing_due'];
      await this.tap('exit.pay', this.api<{ kind: string }>('exit.pay', this.session()), (d) =>
        done.includes(d.kind) ? d.kind : undefined,
      );
    }
    // Otherwise the exit gate's question settles the freeze (server/parking/README.md, /gate).
    await this.mayLeave(lot, CHAOS_GATES.prepayOut, t0);
    await this.leaveThroughGate(lot, CHAOS_GATES.prepayOut);
  }

  private async book(): Promise<void> {
    const started = await this.sheet('booking.create', {
      spotId: spotIdOf(this.record.n),
      ...this.carId(),
    });
    this.record.sessionId = started.session.id;
    this.record.plate = started.session.plate;
    await this.pay(started.payment, ['booked']);
  }

  /** Taps `route` until the session is in `state` (a pending call is confirmed in between). */
  private async drive(route: string, state: string): Promise<void> {
    await this.tap(
      route,
      async () => {
        const current = this.ctx.sessionState(this.record.sessionId!);
        if (current === state) return { ok: true as const, data: true };
        const reply = await this.client.api<unknown>(this.record.openid, route, this.session());
        if (!reply.ok) return reply;
        const after = this.ctx.sessionState(this.record.sessionId!);
        if (after !== state)
          await this.client.api(this.record.openid, 'payment.confirm', this.session());
        return { ok: true as const, data: this.ctx.sessionState(this.record.sessionId!) === state };
      },
      (reached) => (reached ? true : undefined),
    );
  }

  /**
   * Pushes until the host answers: a read sent again after a cut connection is the same read
   * (same plateid), answered from what was stored, as a camera that did not hear its reply does.
   */
  private async cameraPush(what: string, push: () => Promise<PushResult>): Promise<CameraAction> {
    const deadline = Date.now() + this.ctx.giveUpMs;
    for (let i = 0; ; i++) {
      const result = await push();
      if (result.delivered && result.status === 200) return result.action;
      if (result.delivered) this.refused(result.action.error?.code ?? `HTTP ${result.status}`);
      if (Date.now() > deadline) {
        const why = result.delivered ? `HTTP ${result.status}` : result.reason;
        throw new Error(`${what}: no answer within ${this.ctx.giveUpMs} ms; last ${why}`);
      }
      await sleep(this.ctx.pollMs * (1 + Math.min(i, 5)));
    }
  }

  private cameraRead(lane: Lane, license: string, k: number, extra: Partial<PlateRead> = {}) {
    return {
      serialno: lane.camera.serialno,
      license,
      confidence: license === NO_PLATE ? 0 : 96,
      plateid: this.record.n * 100 + k,
      sec: this.ctx.nowSeconds(),
      ...extra,
    };
  }

  /**
   * The lane's camera sends heartbeats (comet poll) until a reply raises the barrier. A reply
   * can be lost (the host restarting): every 2 s still in front of the barrier, `nudge` does what
   * a car or driver there does (the camera reads the plate again; a driver without one scans
   * the code again), and its answer may raise the barrier too.
   */
  private barrierUp(
    what: string,
    lane: Lane,
    since: bigint,
    nudge: () => Promise<boolean>,
  ): Promise<number> {
    let lastNudge = Date.now();
    return this.until(what, since, async () => {
      const beat = await pushHeartbeat(lane.camera);
      if (beat.delivered && beat.action.opened) return true;
      if (Date.now() - lastNudge < 2000) return false;
      lastNudge = Date.now();
      return nudge();
    });
  }

  async cameraPlated(): Promise<void> {
    const plate = this.record.plate!;
    const lot = CHAOS_LOTS.camera;
    await this.ctx.lanes.with('in', async (lane) => {
      if (this.record.n % 4 === 1) {
        // Read while the camera's network was down: replayed (twice: the first acknowledgement
        // was lost), recorded at its own time, acknowledged so the camera moves on.
        const read = this.cameraRead(lane, plate, 1, {
          isoffline: 1,
          sec: this.ctx.nowSeconds() - 3600,
        });
        for (const time of ['replay', 'replay again']) {
          const ack = await this.cameraPush(`offline entry ${time}`, () =>
            pushRead(lane.camera, read),
          );
          if (ack.opened || ack.continueOffline !== read.plateid)
            throw new Error(`offline entry ${time}: ${JSON.stringify(ack)}`);
        }
        return;
      }
      const read = this.cameraRead(lane, plate, 1);
      const first = await this.cameraPush('entry read', () => pushRead(lane.camera, read));
      // The camera did not hear the reply: the same read again gets the same answer.
      const again = await this.cameraPush('entry read again', () => pushRead(lane.camera, read));
      if (first.opened && again.opened) return;
      // An answer cut by the host's restart (no LED text): the car is still in front of the
      // camera, which reads it again (a new read) until the barrier is up, or a heartbeat raises it.
      if (first.led.length > 0 && !first.opened)
        throw new Error(`entry read: barrier stayed down (${first.led.join(' ')})`);
      let reads = 0;
      await this.barrierUp('entry barrier up', lane, process.hrtime.bigint(), async () => {
        const more = await pushRead(lane.camera, this.cameraRead(lane, plate, 11 + (reads++ % 4)));
        return more.delivered && more.action.opened;
      });
    });
    this.record.sessionId = await this.tap(
      'session of the plate',
      async () => ({ ok: true as const, data: this.ctx.liveSessionOf(lot, plate) }),
      (id) => id,
    );
    // Driving to the exit: at least a second, so that the stay owes a unit.
    await sleep(1100);
    await this.ctx.lanes.with('out', async (lane) => {
      // One read in three has the province misread: the one car inside it can be is taken.
      const seen = this.record.n % 3 === 0 ? `桂${plate.slice(1)}` : plate;
      const held = await this.cameraPush('exit read', () =>
        pushRead(lane.camera, this.cameraRead(lane, seen, 2)),
      );
      if (held.opened)
        throw new Error(`exit read opened before any payment: ${held.led.join(' ')}`);
      const { payment } = await this.sheet('exit.pay', this.session());
      await this.client.cashierPay(payment.requestPayment, {}, { mustPay: true });
      const t0 = process.hrtime.bigint();
      let reads = 0;
      this.record.mayLeaveBy = 'camera';
      this.record.mayLeaveMs = await this.barrierUp('exit barrier up', lane, t0, async () => {
        const again = await pushRead(lane.camera, this.cameraRead(lane, seen, 3 + (reads++ % 7)));
        return again.delivered && again.action.opened;
      });
      this.record.paymentSeenMs = this.record.mayLeaveMs;
    });
  }

  async cameraNoPlate(): Promise<void> {
    await this.ctx.lanes.with('in', async (lane) => {
      const none = await this.cameraPush('entry read', () =>
        pushRead(lane.camera, this.cameraRead(lane, NO_PLATE, 1)),
      );
      if (none.opened) throw new Error('entry read of no plate opened the barrier');
      const view = await this.tap(
        'check-in',
        this.api<{ session: View }>('entry.checkIn', { gateId: lane.gateId, noPlate: true }),
        (d) => d.session,
      );
      this.record.sessionId = view.id;
      this.record.plate = view.plate;
      await this.barrierUp('entry barrier up', lane, process.hrtime.bigint(), async () => {
        const scanned = await this.client.api(this.record.openid, 'entry.checkIn', {
          gateId: lane.gateId,
          noPlate: true,
        });
        if (!scanned.ok) this.refused(scanned.error.code);
        return false;
      });
    });
    await sleep(1100);
    await this.ctx.lanes.with('out', async (lane) => {
      const none = await this.cameraPush('exit read', () =>
        pushRead(lane.camera, this.cameraRead(lane, NO_PLATE, 2)),
      );
      if (none.opened) throw new Error('exit read of no plate opened the barrier');
      // Paid at the exit's code: the scan is the exit, the heartbeat raises the barrier.
      const { payment } = await this.sheet('exit.pay', { ...this.session(), gateId: lane.gateId });
      await this.client.cashierPay(payment.requestPayment, {}, { mustPay: true });
      const t0 = process.hrtime.bigint();
      this.record.mayLeaveBy = 'camera';
      this.record.mayLeaveMs = await this.barrierUp('exit barrier up', lane, t0, async () => {
        const scanned = await this.client.api(this.record.openid, 'exit.pay', {
          ...this.session(),
          gateId: lane.gateId,
        });
        if (!scanned.ok) this.refused(scanned.error.code);
        return false;
      });
      this.record.paymentSeenMs = this.record.mayLeaveMs;
    });
  }

  // ---- passes (issue 13) ----

  /** Whether the pass order `reqsn` has been applied to its pass, as this journey's observer learns it. */
  private async passApplied(reqsn: string): Promise<boolean> {
    switch (this.record.observer) {
      case 'nobody':
        return this.ctx.doc('pass_orders', reqsn)?.applied === true;
      case 'gate': {
        // The driver opens 我的月卡 later: the order listed as applied.
        type Mine = { orders: Array<{ reqsn: string; applied: boolean }> };
        const mine = await this.client.api<Mine>(this.record.openid, 'passes.mine', {});
        if (!mine.ok) this.refused(mine.error.code);
        return mine.ok && mine.data.orders.some((o) => o.reqsn === reqsn && o.applied);
      }
      case 'confirm': {
        type Receipt = { order: { applied: boolean } };
        const r = await this.client.api<Receipt>(this.record.openid, 'passes.confirm', { reqsn });
        if (!r.ok) this.refused(r.error.code);
        return r.ok && r.data.order.applied;
      }
    }
  }

  /** Buys (or renews) through pay: the sheet (a start without one is confirmed for it), the cashier, the wait. */
  private async passPayment(route: string, data: Record<string, unknown>): Promise<string> {
    type Started = { order: { reqsn: string; passId: string }; payment?: Payment };
    const started = await this.tap(
      route,
      async (): Promise<ApiReply<Started>> => {
        const first = await this.client.api<Started>(this.record.openid, route, data);
        if (!first.ok || first.data.payment) return first;
        const again = await this.client.api<Started>(this.record.openid, 'passes.confirm', {
          reqsn: first.data.order.reqsn,
        });
        return again.ok ? again : first;
      },
      (d) => (d.payment ? d : undefined),
    );
    const reqsn = started.payment!.reqsn;
    this.record.passId = started.order.passId;
    await this.client.cashierPay(started.payment!.requestPayment, {}, { mustPay: true });
    (this.record.passOrders ??= []).push(reqsn);
    const t0 = process.hrtime.bigint();
    this.record.paymentSeenMs = await this.until('pass applied after payment', t0, () =>
      this.passApplied(reqsn),
    );
    return reqsn;
  }

  async passPurchase(): Promise<void> {
    const plan = this.record.variant % 3 === 2 ? CHAOS_PLANS.camera : CHAOS_PLANS.exitPay;
    await this.passPayment('passes.buy', { planId: plan.id, plates: [this.record.plate] });
    // Every other driver renews at once (before the end date: one more period from it).
    if (this.record.variant % 2 === 1) {
      await this.passPayment('passes.renew', { passId: this.record.passId });
    }
  }

  /** A pass car: issued at the desk (no payment), then in and out free by gate or camera. */
  async passCar(): Promise<void> {
    const byCamera = this.record.variant % 2 === 1;
    const plan = byCamera ? CHAOS_PLANS.camera : CHAOS_PLANS.exitPay;
    const plate = this.record.plate!;
    const held = () => this.ctx.doc('pass_plates', `${plan.lotId}:${plate}`) !== undefined;
    await this.tap(
      'op.passes.issue',
      async (): Promise<ApiReply<boolean>> => {
        if (held()) return { ok: true, data: true };
        const r = await this.client.api(CHAOS_OWNER, 'op.passes.issue', {
          lotId: plan.lotId,
          planId: plan.id,
          plates: [plate],
          reason: '压测月卡',
        });
        // An issue whose answer was lost is on the plate already: a second one is refused.
        return r.ok || held() ? { ok: true, data: true } : r;
      },
      (ok) => (ok ? true : undefined),
    );
    if (byCamera) return this.passCarByCamera(plate);
    const lot = CHAOS_LOTS.exitPay;
    type Entry = { sessionId: string; privilege?: unknown };
    const entry = await this.tap(
      'pass entry report',
      () =>
        this.client.gateResult<Entry>(lot, {
          type: 'entry',
          gateId: CHAOS_GATES.exitPayIn,
          plate,
        }),
      (d) => d,
    );
    if (!entry.privilege)
      throw new Error(`pass car entered as a visitor: ${JSON.stringify(entry)}`);
    this.record.sessionId = entry.sessionId;
    await sleep(1100);
    this.record.mayLeaveBy = 'gate';
    this.record.mayLeaveMs = await this.gateAllows(
      'pass car may leave',
      lot,
      CHAOS_GATES.exitPayOut,
    );
    await this.leaveThroughGate(lot, CHAOS_GATES.exitPayOut);
  }

  private async passCarByCamera(plate: string): Promise<void> {
    const lot = CHAOS_LOTS.camera;
    // A read whose reply was lost (the host restarting) is read again until the barrier is up.
    const through = (kind: 'in' | 'out', k: number) =>
      this.ctx.lanes.with(kind, async (lane) => {
        const read = this.cameraRead(lane, plate, k);
        const first = await this.cameraPush(`pass ${kind} read`, () => pushRead(lane.camera, read));
        if (first.opened) return;
        let reads = 0;
        await this.barrierUp(`pass ${kind} barrier up`, lane, process.hrtime.bigint(), async () => {
          const again = await pushRead(
            lane.camera,
            this.cameraRead(lane, plate, k + 1 + (reads++ % 4)),
          );
          return again.delivered && again.action.opened;
        });
      });
    await through('in', 1);
    this.record.sessionId = await this.tap(
      'session of the pass plate',
      async () => ({ ok: true as const, data: this.ctx.liveSessionOf(lot, plate) }),
      (id) => id,
    );
    await sleep(1100);
    await through('out', 6);
    await this.tap(
      'pass car closed',
      async () => ({ ok: true as const, data: this.ctx.sessionState(this.record.sessionId!) }),
      (state) => (state === 'closed' ? true : undefined),
    );
  }

  // ---- merchant discounts (issue 14) ----

  private async give(merchantId: string, clerk: string, offerId: string): Promise<void> {
    await this.tap(
      'merchant.give',
      () =>
        this.client.api<{ outcome: string }>(clerk, 'merchant.give', {
          merchantId,
          offerId,
          plate: this.record.plate,
        }),
      (d) => (d.outcome === 'applied' || d.outcome === 'already' ? true : undefined),
    );
  }

  async merchantDiscount(): Promise<void> {
    const variant = DISCOUNT_VARIANTS[this.record.variant % DISCOUNT_VARIANTS.length]!;
    if (variant === 'prepay_whole_stay') return this.prepayWholeStay();
    const m = CHAOS_MERCHANTS.exitPay;
    this.record.discount = { merchantId: m.id, variant };
    const lot = CHAOS_LOTS.exitPay;
    this.record.sessionId = await this.enteredTwoHoursAgo();
    const offer = { free_minutes: 'min60', amount_off: 'off5', percent_off: 'pct50' } as const;
    await this.give(m.id, m.clerk, variant in offer ? offer[variant as keyof typeof offer] : 'all');
    if (variant === 'operator_cancel') {
      // Taken for a misread: the operator cancels the stay (bug (a): it cost the merchant).
      const sessionId = this.record.sessionId;
      await this.tap(
        'op.sessions.cancel',
        () =>
          this.client.api<{ outcome: string }>(CHAOS_OWNER, 'op.sessions.cancel', {
            sessionId,
            reason: '误识别',
          }),
        (d) => (d.outcome === 'applied' || d.outcome === 'already' ? true : undefined),
      );
      return;
    }
    if (variant === 'whole_stay') {
      // Nothing to pay: the exit gate's question lets the car out.
      this.record.mayLeaveBy = 'gate';
      this.record.mayLeaveMs = await this.gateAllows(
        'may leave (whole stay)',
        lot,
        CHAOS_GATES.exitPayOut,
      );
    } else {
      const { payment } = await this.sheet('exit.pay', this.session());
      await this.client.cashierPay(payment.requestPayment, {}, { mustPay: true });
      await this.mayLeave(lot, CHAOS_GATES.exitPayOut, process.hrtime.bigint());
      this.record.paymentSeenMs = this.record.mayLeaveMs;
    }
    await this.leaveThroughGate(lot, CHAOS_GATES.exitPayOut);
  }

  /** Entry prepay, then a whole-stay discount: the fee is 0, so the freeze is cancelled in full. */
  private async prepayWholeStay(): Promise<void> {
    const m = CHAOS_MERCHANTS.prepay;
    this.record.discount = { merchantId: m.id, variant: 'prepay_whole_stay' };
    const lot = CHAOS_LOTS.prepay;
    const started = await this.sheet('entry.prepay', {
      gateId: CHAOS_GATES.prepayIn,
      ...this.carId(),
    });
    this.record.sessionId = started.session.id;
    await this.pay(started.payment, ['frozen']);
    await sleep(1100);
    await this.give(m.id, m.clerk, 'all');
    const t0 = process.hrtime.bigint();
    const done = ['paid', 'pending', 'nothing_due'];
    await this.tap('exit.pay', this.api<{ kind: string }>('exit.pay', this.session()), (d) =>
      done.includes(d.kind) ? d.kind : undefined,
    );
    await this.mayLeave(lot, CHAOS_GATES.prepayOut, t0);
    await this.leaveThroughGate(lot, CHAOS_GATES.prepayOut);
  }

  // ---- arrears (issue 14 Deliver 5) ----

  /**
   * Before the run (the clock is moved in between, see prepareArrears): a booked, arrived car
   * whose freeze reconcile returns (road 9) leaves unseen; its next booking, 10+ minutes later,
   * closes the stay owing its fee: the arrears. That booking is then cancelled.
   */
  async arrearsStay(): Promise<void> {
    const started = await this.sheet('booking.create', {
      spotId: arrearsSpotOf(this.record.n, 0),
      plate: this.record.plate,
    });
    this.record.sessionId = started.session.id;
    this.record.arrearsId = started.session.id;
    await this.pay(started.payment, ['booked']);
    await this.drive('booking.arrive', 'parked');
  }

  /** Until reconcile has returned the freeze: the stay is open, owing its fee by pay. */
  async waitOpen(): Promise<void> {
    await this.tap(
      'freeze returned by reconcile',
      async () => ({ ok: true as const, data: this.ctx.sessionState(this.record.sessionId!) }),
      (state) => (state === 'open' ? true : undefined),
    );
  }

  async arrearsNextBooking(): Promise<void> {
    const first = this.record.sessionId!;
    const started = await this.sheet('booking.create', {
      spotId: arrearsSpotOf(this.record.n, 1),
      plate: this.record.plate,
    });
    this.record.otherSessions = [started.session.id];
    if (this.ctx.sessionState(first) !== 'closed')
      throw new Error(`the stay left unseen is ${this.ctx.sessionState(first)}, not closed`);
    this.record.sessionId = started.session.id;
    await this.pay(started.payment, ['booked']);
    await this.drive('booking.cancel', 'cancelled');
    this.record.sessionId = first;
  }

  private async arrearsPaid(reqsn: string): Promise<boolean> {
    const id = this.record.arrearsId!;
    switch (this.record.observer) {
      case 'nobody':
        return this.ctx.doc('arrears', id)?.state === 'paid';
      case 'gate': {
        // The driver opens home later: the arrears are gone from the list.
        const mine = await this.client.api<{ items: Array<{ id: string }> }>(
          this.record.openid,
          'arrears.mine',
          {},
        );
        if (!mine.ok) this.refused(mine.error.code);
        return mine.ok && !mine.data.items.some((a) => a.id === id);
      }
      case 'confirm': {
        const r = await this.client.api<{ status: string }>(this.record.openid, 'arrears.confirm', {
          reqsn,
        });
        if (!r.ok) this.refused(r.error.code);
        return r.ok && r.data.status === 'paid';
      }
    }
  }

  async arrearsPay(): Promise<void> {
    if (!this.record.arrearsId) throw new Error('no arrears were made before the run');
    const arrearsId = this.record.arrearsId;
    type Started = { payment?: Payment };
    const payment = await this.tap(
      'arrears.pay',
      this.api<Started>('arrears.pay', { arrearsId }),
      (d) => d.payment,
    );
    await this.client.cashierPay(payment.requestPayment, {}, { mustPay: true });
    (this.record.arrearsOrders ??= []).push(payment.reqsn);
    const t0 = process.hrtime.bigint();
    this.record.paymentSeenMs = await this.until('arrears paid after payment', t0, () =>
      this.arrearsPaid(payment.reqsn),
    );
  }

  async booking(): Promise<void> {
    await this.book();
    if (this.record.kind === 'booking_cancel') return this.drive('booking.cancel', 'cancelled');
    if (this.record.kind === 'booking_no_show') return; // the end of the run lets the hold expire
    await this.drive('booking.arrive', 'parked');
    await this.drive('booking.leave', 'closed');
  }
}

/**
 * The arrears journeys' stays, made before the run: each car books and arrives; then the clock
 * moves 11 minutes (nothing else is in flight), reconcile returns the freezes (road 9, settled
 * 5 min after the booking), and each car's next booking finds it gone: the stay closes owing its
 * fee. The journeys then pay those arrears during the run (runJourney with `prepared`).
 */
export async function prepareArrears(
  plans: readonly JourneyPlan[],
  ctx: JourneyContext,
  advance: (seconds: number) => Promise<void>,
  parallel: number,
): Promise<Map<number, Journey>> {
  const journeys = new Map(
    plans.filter((p) => p.kind === 'arrears_pay').map((p) => [p.n, new Journey(p, ctx)]),
  );
  const step = async (run: (j: Journey) => Promise<void>) => {
    const queue = [...journeys.values()].filter((j) => !j.record.error);
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let j = queue.shift(); j; j = queue.shift()) {
          try {
            await run(j);
          } catch (error) {
            j.record.error = error instanceof Error ? error.message : String(error);
          }
        }
      }),
    );
  };
  await step((j) => j.arrearsStay());
  await advance(11 * 60);
  await step((j) => j.waitOpen());
  await step((j) => j.arrearsNextBooking());
  return journeys;
}

export type { Journey };

export async function runJourney(
  plan: JourneyPlan,
  ctx: JourneyContext,
  prepared?: Journey,
): Promise<JourneyRecord> {
  const journey = prepared ?? new Journey(plan, ctx);
  if (journey.record.error) return journey.record;
  try {
    if (plan.kind === 'exit_pay' || plan.kind === 'exit_pay_no_plate') await journey.exitPay();
    else if (plan.kind === 'pass_purchase') await journey.passPurchase();
    else if (plan.kind === 'pass_car') await journey.passCar();
    else if (plan.kind === 'merchant_discount') await journey.merchantDiscount();
    else if (plan.kind === 'arrears_pay') await journey.arrearsPay();
    else if (plan.kind === 'entry_prepay') await journey.entryPrepay();
    else if (plan.kind === 'camera_plated') await journey.cameraPlated();
    else if (plan.kind === 'camera_no_plate') await journey.cameraNoPlate();
    else await journey.booking();
    journey.record.done = true;
  } catch (error) {
    journey.record.error = error instanceof Error ? error.message : String(error);
  }
  return journey.record;
}
