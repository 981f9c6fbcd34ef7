import { encodeForm } from '../core/allinpay/form';
import type { SandboxClock } from './clock';
import {
  afterAttempt,
  classifyReply,
  dropped,
  nextAttemptNumber,
  type Attempt,
  type Delivery,
} from './delivery';
import type { FaultState } from './fault-state';
import type { Txn } from './ledger';
import { alterFee, corruptSign, notificationFields } from './notification';
import { postForm } from './post-form';
import type { SandboxStore } from './store';

export interface NotifierDeps {
  store: SandboxStore;
  clock: SandboxClock;
  faults: FaultState;
  timeScale: number;
  notifyTimeoutMs: number;
  keyOf: (cusid: string) => string | undefined;
  /** Called when the merchant replied `refuse` in the browser flow (protocol note 11). */
  onRefused: (delivery: Delivery) => void;
  log: (line: string) => void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends notifications (protocol note 11) and their resends from the persisted delivery queue,
 * on the sandbox clock: a delivery is due when its nextAt has passed, so advancing the clock
 * makes resends due at once, and a restart picks up where it stopped.
 */
export class Notifier {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<number>();
  private readonly running = new Set<Promise<void>>();
  private readonly aborts = new Set<AbortController>();
  private stopped = false;

  constructor(private readonly deps: NotifierDeps) {}

  start(): void {
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const controller of this.aborts) controller.abort();
    await Promise.allSettled([...this.running]);
  }

  /**
   * Queues the notification of a paid transaction. Faults on the notification as a whole are
   * drawn here, keyed by (reqsn, ordinal) so that the same seed gives the same faults.
   */
  enqueue(txn: Txn, trigger: Delivery['trigger'], url = txn.notifyUrl): Delivery {
    const { store, clock, faults, keyOf } = this.deps;
    const key = keyOf(txn.cusid);
    if (!key) throw new Error(`no merchant ${txn.cusid}`);
    const now = clock.now();
    const ordinal = store.countDeliveries(txn.cusid, txn.reqsn);
    const drawKey = `${txn.reqsn}|${ordinal}`;
    const effective = faults.effective(txn.cusid);
    const notificationFaults: string[] = [];
    let nextAt = now;
    let held = false;
    const drop = faults.hits('drop', txn.cusid, drawKey);
    if (drop) notificationFaults.push('drop');
    else if (faults.hits('delay', txn.cusid, drawKey)) {
      notificationFaults.push('delay');
      nextAt = now + effective.delayMs;
    } else if (faults.hits('reorder', txn.cusid, drawKey)) {
      notificationFaults.push('reorder');
      held = true;
      nextAt = now + effective.reorderMaxHoldMs;
    }
    const fresh: Omit<Delivery, 'id'> = {
      version: 1,
      cusid: txn.cusid,
      reqsn: txn.reqsn,
      trxid: txn.trxid,
      url,
      fields: notificationFields(txn, key),
      browser: txn.browser,
      trigger,
      ordinal,
      status: 'pending',
      createdAt: now,
      nextAt,
      held,
      faults: notificationFaults,
      attempts: [],
    };
    let delivery = store.insertDelivery(fresh);
    if (drop) {
      const lost = dropped(delivery, now);
      store.updateDelivery(lost, delivery.version);
      delivery = lost;
      this.deps.log(`notify ${txn.cusid}/${txn.reqsn}: dropped (fault)`);
    }
    // Sent once the caller's database transaction is over, never from inside it.
    queueMicrotask(() => this.pump());
    return delivery;
  }

  /** Re-evaluates what is due (after the clock moved). */
  kick(): void {
    this.pump();
  }

  private pump(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const { store, clock } = this.deps;
    const now = clock.now();
    for (const id of store.dueDeliveryIds(now)) {
      if (this.inFlight.has(id)) continue;
      const delivery = store.getDelivery(id);
      if (delivery) this.launch(delivery);
    }
    const next = store.nextDeliveryAt();
    if (next !== null && next > now) {
      this.timer = setTimeout(() => this.pump(), Math.min(MAX_TIMER_MS, next - now));
      this.timer.unref();
    }
  }

  private launch(delivery: Delivery): void {
    this.inFlight.add(delivery.id);
    const run = this.attempt(delivery)
      .catch((err: unknown) =>
        this.deps.log(
          `notify #${delivery.id}: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
      .finally(() => {
        this.inFlight.delete(delivery.id);
        this.running.delete(run);
        this.pump();
      });
    this.running.add(run);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { faults, keyOf, clock, store, timeScale } = this.deps;
    const key = keyOf(delivery.cusid);
    if (!key) throw new Error(`no merchant ${delivery.cusid}`);
    const n = nextAttemptNumber(delivery);
    const drawKey = `${delivery.reqsn}|${delivery.ordinal}|${n}`;
    const attemptFaults: string[] = [];
    let fields = delivery.fields;
    if (faults.hits('alterFee', delivery.cusid, drawKey)) {
      fields = alterFee(fields, key);
      attemptFaults.push('alterFee');
    }
    if (faults.hits('corruptSign', delivery.cusid, drawKey)) {
      fields = { ...fields, sign: corruptSign(fields.sign ?? '') };
      attemptFaults.push('corruptSign');
    }
    const duplicate = faults.hits('duplicate', delivery.cusid, drawKey);
    if (duplicate) attemptFaults.push('duplicate');
    const body = encodeForm(fields);
    const scheduledAt = delivery.nextAt ?? clock.now();

    const copies: Attempt[] = [await this.send(delivery, body, n, scheduledAt, attemptFaults)];
    if (this.stopped) return;
    // A later notification of this merchant has gone: release the earlier ones held to reorder.
    if (n === 1 && !delivery.held) this.release(delivery);
    if (duplicate)
      copies.push({ ...(await this.send(delivery, body, n, scheduledAt, attemptFaults)), copy: 2 });
    if (this.stopped) return;

    const next = afterAttempt(delivery, copies, timeScale);
    if (!store.updateDelivery(next, delivery.version)) {
      this.deps.log(`notify #${delivery.id}: changed meanwhile, attempt ${n} not recorded`);
      return;
    }
    const last = copies.at(-1);
    this.deps.log(
      `notify ${delivery.cusid}/${delivery.reqsn} attempt ${n}: ${last?.outcome}${attemptFaults.length ? ` [${attemptFaults.join(',')}]` : ''} -> ${next.status}`,
    );
    if (next.status === 'refused') this.deps.onRefused(next);
  }

  private async send(
    delivery: Delivery,
    body: string,
    n: number,
    scheduledAt: number,
    attemptFaults: string[],
  ): Promise<Attempt> {
    const controller = new AbortController();
    this.aborts.add(controller);
    const at = this.deps.clock.now();
    try {
      const result = await postForm(
        delivery.url,
        body,
        this.deps.notifyTimeoutMs,
        controller.signal,
      );
      return {
        n,
        scheduledAt,
        at,
        body,
        httpStatus: result.status,
        reply: result.body?.slice(0, 1000),
        error: result.error,
        outcome: result.error ? 'failed' : classifyReply(result.body, delivery.browser),
        faults: attemptFaults,
      };
    } finally {
      this.aborts.delete(controller);
    }
  }

  private release(sent: Delivery): void {
    const { store, clock } = this.deps;
    for (const held of store.heldDeliveries(sent.cusid)) {
      // Only a notification created after the held one reorders it.
      if (held.id >= sent.id || this.inFlight.has(held.id)) continue;
      store.updateDelivery(
        { ...held, version: held.version + 1, held: false, nextAt: clock.now() },
        held.version,
      );
    }
  }
}
