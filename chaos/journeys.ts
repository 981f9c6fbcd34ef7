import { setTimeout as sleep } from 'node:timers/promises';
import { type PushResult, pushHeartbeat, pushRead } from '../camera-sim/camera';
import { type CameraAction, NO_PLATE, type PlateRead } from '../camera-sim/device';
import type { ApiResult as ApiReply } from '../server/api-kit/result';
import type { CameraLanes, Lane } from './camera-lanes';
import type { ChaosClient } from './client';
import { CHAOS_GATES, CHAOS_LOTS, spotIdOf } from './seed';

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
] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

export type Observer = 'confirm' | 'gate' | 'nobody';

export interface JourneyPlan {
  n: number;
  kind: JourneyKind;
  observer: Observer;
  plated: boolean;
}

export interface JourneyRecord extends JourneyPlan {
  openid: string;
  plate?: string;
  sessionId?: string;
  /** The state the journey ends in when all went well. */
  expectedState: 'closed' | 'cancelled' | 'no_show';
  /** Milliseconds from the payer's payment to the session knowing it (paid / frozen / booked). */
  paymentSeenMs?: number;
  /** Exit flows: from the payer's payment, or the request to leave, to the first "may leave". */
  mayLeaveMs?: number;
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
}

type View = { id: string; state: string; plate: string };
type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };
type Quote = { session: View; mayLeave: { allowed: boolean } };

export function planJourneys(count: number): JourneyPlan[] {
  // Weights per kind, out of 20: mostly exits, every booking outcome represented.
  const cycle: JourneyKind[] = [
    ...Array<JourneyKind>(6).fill('exit_pay'),
    ...Array<JourneyKind>(2).fill('exit_pay_no_plate'),
    ...Array<JourneyKind>(5).fill('entry_prepay'),
    ...Array<JourneyKind>(3).fill('booking_leave'),
    ...Array<JourneyKind>(2).fill('booking_cancel'),
    ...Array<JourneyKind>(2).fill('booking_no_show'),
    ...Array<JourneyKind>(2).fill('camera_plated'),
    'camera_no_plate',
  ];
  const observers: Observer[] = ['confirm', 'gate', 'nobody'];
  return Array.from({ length: count }, (_, n) => {
    const kind = cycle[n % cycle.length]!;
    return {
      n,
      kind,
      observer: observers[Math.floor(n / cycle.length) % observers.length]!,
      plated: ['exit_pay', 'camera_plated'].includes(kind)
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

  async exitPay(): Promise<void> {
    const lot = CHAOS_LOTS.exitPay;
    if (this.record.kind === 'exit_pay') {
      this.record.sessionId = await this.tap(
        'entry report',
        () =>
          this.client.gateResult<{ sessionId: string }>(lot, {
            type: 'entry',
            gateId: CHAOS_GATES.exitPayIn,
            plate: this.record.plate,
            at: this.ctx.nowSeconds() - 2 * 3600,
          }),
        (d) => d.sessionId,
      );
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
      plateid: this.record.n * 10 + k,
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
      if (!first.opened || !again.opened)
        throw new Error(`entry read: barrier stayed down (${first.led.join(' ')})`);
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

  async booking(): Promise<void> {
    await this.book();
    if (this.record.kind === 'booking_cancel') return this.drive('booking.cancel', 'cancelled');
    if (this.record.kind === 'booking_no_show') return; // the end of the run lets the hold expire
    await this.drive('booking.arrive', 'parked');
    await this.drive('booking.leave', 'closed');
  }
}

export async function runJourney(plan: JourneyPlan, ctx: JourneyContext): Promise<JourneyRecord> {
  const journey = new Journey(plan, ctx);
  try {
    if (plan.kind === 'exit_pay' || plan.kind === 'exit_pay_no_plate') await journey.exitPay();
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
