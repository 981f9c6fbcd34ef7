import { z } from 'zod';
import { toFieldIssues } from '../../core/allinpay/validation';
import { toChinaDisplay } from '../china-time';
import type { SandboxClock } from '../clock';
import { merchantConfigSchema, publicMerchant } from '../config';
import type { Delivery } from '../delivery';
import { faultConfigSchema } from '../fault-policy';
import type { FaultState } from '../fault-state';
import { jsonReply, parseLooseBody, type Reply, type Router, type SandboxRequest } from '../http';
import { totalsOf, trxStatusOf, type Txn } from '../ledger';
import type { MerchantRegistry } from '../merchants';
import type { Notifier } from '../notifier';
import type { Platform } from '../platform';
import type { SandboxStore } from '../store';

/**
 * Admin and inspection endpoints under /_sandbox (JSON). Bound to loopback by default; they
 * are a development tool and have no authentication. Every input is validated; a refused input
 * changes nothing.
 */

export interface AdminDeps {
  store: SandboxStore;
  clock: SandboxClock;
  faults: FaultState;
  merchants: MerchantRegistry;
  platform: Platform;
  notifier: Notifier;
  /** Runs settlement now and wakes the notifier (after the clock moved). */
  afterClockMove: () => Txn[];
  log: (line: string) => void;
}

function invalid(error: z.ZodError, input: unknown): Reply {
  const parsed = typeof input === 'object' && input !== null ? input : undefined;
  return jsonReply(400, {
    ok: false,
    error: 'invalid_request',
    issues: toFieldIssues(error, parsed),
  });
}

function parseBody<S extends z.ZodType>(
  req: SandboxRequest,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; reply: Reply } {
  const body = parseLooseBody(req);
  if (!body.ok)
    return {
      ok: false,
      reply: jsonReply(400, {
        ok: false,
        error: 'invalid_request',
        issues: [{ field: '', rule: body.error }],
      }),
    };
  const parsed = schema.safeParse(body.value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reply: invalid(parsed.error, body.value) };
}

function parseQuery<S extends z.ZodType>(
  req: SandboxRequest,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; reply: Reply } {
  const query = Object.fromEntries(req.query);
  const parsed = schema.safeParse(query);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reply: invalid(parsed.error, query) };
}

export function txnView(txn: Txn) {
  return {
    ...txn,
    trxstatus: trxStatusOf(txn),
    totals: totalsOf(txn),
    createdAtChina: toChinaDisplay(txn.createdAt),
    changedAtChina: toChinaDisplay(txn.changedAt),
  };
}

export function deliveryView(d: Delivery) {
  return {
    ...d,
    nextAtChina: d.nextAt === null ? null : toChinaDisplay(d.nextAt),
    attempts: d.attempts.map((a) => ({ ...a, atChina: toChinaDisplay(a.at) })),
  };
}

const limit = z.coerce.number().int().min(1).max(100_000).optional();

const txnQuery = z.strictObject({
  cusid: z.string().max(15).optional(),
  reqsn: z.string().max(32).optional(),
  state: z.enum(['waiting', 'unpaid', 'paid', 'frozen', 'ended']).optional(),
  limit,
});

const deliveryQuery = z.strictObject({
  cusid: z.string().max(15).optional(),
  reqsn: z.string().max(32).optional(),
  status: z.enum(['pending', 'delivered', 'refused', 'failed', 'dropped']).optional(),
  limit,
});

const sendInput = z.strictObject({
  cusid: z.string().min(1).max(15),
  reqsn: z.string().min(1).max(32),
  notify_url: z
    .string()
    .max(256)
    .regex(/^https?:\/\/\S+$/, { error: 'must be an http(s) URL' })
    .optional(),
});

const advanceInput = z
  .strictObject({
    seconds: z
      .number()
      .int()
      .min(0)
      .max(10 * 365 * 86_400)
      .optional(),
    ms: z
      .number()
      .int()
      .min(0)
      .max(10 * 365 * 86_400_000)
      .optional(),
  })
  .refine((v) => (v.seconds === undefined) !== (v.ms === undefined), {
    error: 'give exactly one of seconds or ms',
  });

const merchantPut = merchantConfigSchema;

/** Sums over a merchant's (or every) transaction: what the platform's books say. */
function totalsReport(txns: Txn[]) {
  const byState: Record<string, number> = {};
  const sum = { fee: 0, charged: 0, returned: 0, frozen: 0, feeAIP: 0, coupons: 0 };
  for (const txn of txns) {
    byState[txn.state] = (byState[txn.state] ?? 0) + 1;
    const t = totalsOf(txn);
    if (txn.state === 'unpaid' || txn.state === 'waiting') continue;
    sum.fee += t.fee;
    sum.charged += txn.kind === 'pay' ? t.fee : t.feeFinish;
    sum.returned += t.feeBack;
    sum.frozen += t.remaining;
    sum.feeAIP += t.feeAIP;
    sum.coupons += txn.coupon?.couponFee ?? 0;
  }
  return { count: txns.length, byState, ...sum };
}

export function addAdminRoutes(router: Router, deps: AdminDeps): void {
  const { store, clock, faults, merchants, platform, notifier } = deps;

  router.add('GET', '/_sandbox/health', () =>
    jsonReply(200, { ok: true, clock: clock.snapshot() }),
  );

  router.add('GET', '/_sandbox/merchants', () =>
    jsonReply(200, { merchants: merchants.list().map(publicMerchant) }),
  );
  router.add('PUT', '/_sandbox/merchants/:cusid', (req, params) => {
    const body = parseLooseBody(req);
    if (!body.ok)
      return jsonReply(400, {
        ok: false,
        error: 'invalid_request',
        issues: [{ field: '', rule: body.error }],
      });
    const input = { ...(body.value as object), cusid: params.cusid };
    const parsed = merchantPut.safeParse(input);
    if (!parsed.success) return invalid(parsed.error, input);
    const merchant = merchants.put(parsed.data);
    deps.log(`merchant ${merchant.cusid} configured`);
    return jsonReply(200, { ok: true, merchant: publicMerchant(merchant) });
  });

  router.add('GET', '/_sandbox/transactions', (req) => {
    const q = parseQuery(req, txnQuery);
    if (!q.ok) return q.reply;
    return jsonReply(200, { transactions: store.listTxns(q.value).map(txnView) });
  });
  router.add('GET', '/_sandbox/transactions/:cusid/:reqsn', (_req, params) => {
    const txn = platform.get(params.cusid ?? '', params.reqsn ?? '');
    if (!txn) return jsonReply(404, { ok: false, error: 'not_found' });
    const notifications = store
      .listDeliveries({ cusid: txn.cusid, reqsn: txn.reqsn })
      .map(deliveryView);
    return jsonReply(200, { transaction: txnView(txn), notifications });
  });
  router.add('GET', '/_sandbox/totals', (req) => {
    const q = parseQuery(req, z.strictObject({ cusid: z.string().max(15).optional() }));
    if (!q.ok) return q.reply;
    return jsonReply(200, totalsReport(store.listTxns({ cusid: q.value.cusid })));
  });

  router.add('GET', '/_sandbox/notifications', (req) => {
    const q = parseQuery(req, deliveryQuery);
    if (!q.ok) return q.reply;
    return jsonReply(200, { notifications: store.listDeliveries(q.value).map(deliveryView) });
  });
  router.add('GET', '/_sandbox/notifications/:id', (_req, params) => {
    const id = Number(params.id);
    const d = Number.isSafeInteger(id) ? store.getDelivery(id) : undefined;
    return d
      ? jsonReply(200, { notification: deliveryView(d) })
      : jsonReply(404, { ok: false, error: 'not_found' });
  });
  router.add('POST', '/_sandbox/notifications/send', (req) => {
    const input = parseBody(req, sendInput);
    if (!input.ok) return input.reply;
    const txn = platform.get(input.value.cusid, input.value.reqsn);
    if (!txn) return jsonReply(404, { ok: false, error: 'not_found' });
    if (txn.state === 'waiting' || txn.state === 'unpaid') {
      return jsonReply(409, {
        ok: false,
        error: 'not_paid',
        message: 'only a paid pay or prepay is notified (protocol note 11)',
      });
    }
    const delivery = notifier.enqueue(txn, 'manual', input.value.notify_url ?? txn.notifyUrl);
    return jsonReply(202, { ok: true, notification: deliveryView(delivery) });
  });

  router.add('GET', '/_sandbox/clock', () => jsonReply(200, clock.snapshot()));
  router.add('POST', '/_sandbox/clock/advance', (req) => {
    const input = parseBody(req, advanceInput);
    if (!input.ok) return input.reply;
    const ms = input.value.ms ?? (input.value.seconds ?? 0) * 1000;
    clock.advance(ms);
    const settled = deps.afterClockMove();
    deps.log(`clock advanced ${ms} ms; ${settled.length} settled`);
    return jsonReply(200, {
      ...clock.snapshot(),
      settled: settled.map((t) => ({
        cusid: t.cusid,
        reqsn: t.reqsn,
        state: t.state,
        totals: totalsOf(t),
      })),
    });
  });
  router.add('POST', '/_sandbox/settle', () => {
    const settled = deps.afterClockMove();
    return jsonReply(200, {
      settled: settled.map((t) => ({
        cusid: t.cusid,
        reqsn: t.reqsn,
        state: t.state,
        totals: totalsOf(t),
      })),
    });
  });

  const faultView = () => ({ ...faults.config, injected: faults.counts() });
  router.add('GET', '/_sandbox/faults', () => jsonReply(200, faultView()));
  router.add('PUT', '/_sandbox/faults', (req) => {
    const input = parseBody(req, faultConfigSchema);
    if (!input.ok) return input.reply;
    faults.replace(input.value);
    return jsonReply(200, faultView());
  });
  router.add('PATCH', '/_sandbox/faults', (req) => {
    const input = parseBody(req, faultConfigSchema);
    if (!input.ok) return input.reply;
    faults.merge(input.value);
    return jsonReply(200, faultView());
  });
  router.add('DELETE', '/_sandbox/faults', () => {
    faults.clear();
    return jsonReply(200, faultView());
  });
}
