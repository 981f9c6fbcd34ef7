import { setTimeout as sleep } from 'node:timers/promises';
import type { StackClient } from '../devstack/stack-client';

/**
 * Payment-to-may-leave journeys at the demo gated lot (server/seed/demo-data.ts): a car reported
 * in by the entry gate's controller two hours ago, its driver starts "pay and leave" (api
 * exit.pay), the payer pays at the cashier (sandbox, over HTTP), and then something asks whether
 * the car may leave. The clock runs from just before the cashier's pay to the first yes.
 */
export const LOT_ID = 'lot-mall';
export const ENTRY_GATE = 'gate-mall-in';
export const EXIT_GATE = 'gate-mall-out';

/** Who learns that the payment went through. */
export type Observer =
  /** Nobody asks: the session's state in the database is watched until the notification has
   * made it paid (only meaningful with notifications on). */
  | 'notification'
  /** The exit gate's controller asks may_leave (signed /gate), again every pollMs until yes. */
  | 'gate'
  /** The driver's mini-program calls payment.confirm after wx.requestPayment returned. */
  | 'confirm';

export interface Car {
  plate: string;
  openid: string;
  sessionId: string;
}

export interface JourneyOptions {
  pollMs: number;
  /** A journey not resolved by then counts as unresolved (bounds a hang). */
  giveUpMs: number;
  /** Reads the session's state straight from the database (the 'notification' observer). */
  sessionState(sessionId: string): string | undefined;
}

/** Plates like 粤B + 5 digits, unique within a run. */
export function plateOf(n: number): string {
  return `粤B${String(n).padStart(5, '0')}`;
}

/** Reports `count` cars in at the entry gate, entered two hours ago (so a fee is due). */
export async function admitCars(
  client: StackClient,
  first: number,
  count: number,
  concurrency = 4,
): Promise<Car[]> {
  const at = Math.floor(Date.now() / 1000) - 2 * 3600;
  const cars: Car[] = [];
  let next = 0;
  const admit = async () => {
    while (next < count) {
      const n = first + next++;
      const plate = plateOf(n);
      const entry = await client.gateOk<{ sessionId: string; created: boolean }>(LOT_ID, {
        type: 'entry',
        gateId: ENTRY_GATE,
        plate,
        at,
      });
      if (!entry.created) throw new Error(`entry of ${plate} did not create a session`);
      cars.push({
        plate,
        openid: `o-bench-driver-${String(n).padStart(12, '0')}`,
        sessionId: entry.sessionId,
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, admit));
  return cars.sort((a, b) => a.plate.localeCompare(b.plate));
}

interface ExitPayment {
  kind: string;
  payment?: { reqsn: string; amount: number; requestPayment: Record<string, string> };
}

async function mayLeaveNow(
  client: StackClient,
  car: Car,
  observer: Observer,
  options: JourneyOptions,
): Promise<boolean> {
  switch (observer) {
    case 'notification':
      return options.sessionState(car.sessionId) === 'paid';
    case 'gate': {
      const answer = await client.gateOk<{ allowed: boolean }>(LOT_ID, {
        type: 'may_leave',
        gateId: EXIT_GATE,
        plate: car.plate,
      });
      return answer.allowed;
    }
    case 'confirm': {
      const quote = await client.ok<{ mayLeave: { allowed: boolean } }>(
        car.openid,
        'payment.confirm',
        { sessionId: car.sessionId },
      );
      return quote.mayLeave.allowed;
    }
  }
}

export interface JourneyResult {
  reqsn: string;
  /** Milliseconds from just before the cashier's pay to the first "may leave"; undefined when
   * not resolved within giveUpMs. */
  ms?: number;
  polls: number;
}

/** One journey; the exit.pay before the payment is not timed. */
export async function runJourney(
  client: StackClient,
  car: Car,
  observer: Observer,
  options: JourneyOptions,
): Promise<JourneyResult> {
  const started = await client.ok<ExitPayment>(car.openid, 'exit.pay', {
    sessionId: car.sessionId,
  });
  if (started.kind !== 'payment' || !started.payment) {
    throw new Error(`exit.pay of ${car.plate} answered ${started.kind}, not a payment`);
  }
  const t0 = process.hrtime.bigint();
  await client.cashierPay(started.payment.requestPayment, {}, { mustPay: true });
  const deadline = Date.now() + options.giveUpMs;
  let polls = 0;
  for (;;) {
    polls++;
    if (await mayLeaveNow(client, car, observer, options)) {
      return {
        reqsn: started.payment.reqsn,
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
        polls,
      };
    }
    if (Date.now() > deadline) return { reqsn: started.payment.reqsn, polls };
    await sleep(observer === 'notification' ? 1 : options.pollMs);
  }
}
