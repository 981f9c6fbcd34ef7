import type { TrxStatus } from '../core/allinpay/trxstatus';
import { toFintime } from './china-time';
import type { SandboxClock } from './clock';
import type { Merchant } from './config';
import {
  cancelSegment,
  dueAt,
  finishSegment,
  markRefused,
  openTxn,
  payerCancels,
  payerPays,
  refuseOpen,
  requestFingerprint,
  settleDue,
  type LedgerResult,
  type Txn,
  type TxnKind,
} from './ledger';
import type { Notifier } from './notifier';
import { buildPayInfo } from './payinfo';
import { newPrepayId, randomAlnum, sandboxOpenid } from './random';
import type { SandboxStore } from './store';

/**
 * The platform's operations: the ledger's rules (pure) applied to the stored transactions, each
 * change a compare-and-set on the version read, and the notification queued on payment.
 */

export type OpenOutcome =
  | { kind: 'created' | 'repeat'; txn: Txn }
  | { kind: 'refused'; trxstatus: TrxStatus; errmsg: string };

export type ChangeOutcome =
  | { kind: 'done'; txn: Txn; changed: boolean }
  | { kind: 'refused'; txn: Txn; trxstatus: TrxStatus; errmsg: string }
  | { kind: 'not-found' };

export interface PlatformDeps {
  store: SandboxStore;
  clock: SandboxClock;
  notifier: Notifier;
  payExpiryMs: number;
  log: (line: string) => void;
}

const CAS_RETRIES = 5;

export class Platform {
  constructor(private readonly deps: PlatformDeps) {}

  /**
   * A pay or prepay. An identical repeat (same reqsn, same business fields) returns the
   * transaction as it is now and does nothing twice; the same reqsn with other fields is 3888
   * (protocol note 4).
   */
  open(
    kind: TxnKind,
    merchant: Merchant,
    request: Record<string, string>,
    browser: boolean,
  ): OpenOutcome {
    const { store, clock } = this.deps;
    const reqsn = request.reqsn ?? '';
    const existing = store.getTxn(merchant.cusid, reqsn);
    if (existing) return this.repeatOrConflict(existing, kind, request);
    const at = clock.now();
    const fintime = toFintime(at);
    const trxid = `${fintime.slice(0, 8)}${String(store.nextSequence('trxid')).padStart(12, '0')}`;
    const prepayId = newPrepayId(fintime);
    const input = {
      kind,
      cusid: merchant.cusid,
      appid: merchant.appid,
      reqsn,
      trxid,
      prepayId,
      payinfo: buildPayInfo({
        wxAppId: merchant.wxAppId,
        prepayId,
        timeStamp: String(Math.floor(at / 1000)),
        nonceStr: randomAlnum(32),
        key: merchant.key,
      }),
      request,
      // The browser-redirect flow has no openid: the platform assigns the payer (protocol note 12).
      openid: request.openid || sandboxOpenid(),
      browser,
      feeRateBp: merchant.feeRateBp,
      at,
    };
    const refusal = refuseOpen(input);
    if (refusal) return { kind: 'refused', ...refusal };
    const txn = openTxn(input);
    if (!store.insertTxn(txn, dueAt(txn, this.deps.payExpiryMs))) {
      const raced = store.getTxn(merchant.cusid, reqsn);
      if (raced) return this.repeatOrConflict(raced, kind, request);
    }
    this.deps.log(`${kind} ${merchant.cusid}/${reqsn}: waiting for the payer (trxid ${trxid})`);
    return { kind: 'created', txn };
  }

  private repeatOrConflict(
    existing: Txn,
    kind: TxnKind,
    request: Record<string, string>,
  ): OpenOutcome {
    if (existing.fingerprint === requestFingerprint(kind, request))
      return { kind: 'repeat', txn: existing };
    return {
      kind: 'refused',
      trxstatus: '3888',
      errmsg: `reqsn ${existing.reqsn} is already used by another request`,
    };
  }

  get(cusid: string, reqsn: string): Txn | undefined {
    return this.deps.store.getTxn(cusid, reqsn);
  }

  getByPrepayId(prepayId: string): Txn | undefined {
    return this.deps.store.getTxnByPrepayId(prepayId);
  }

  finish(
    cusid: string,
    reqsn: string,
    input: { feeFinish: number; feeType: '1' | '9'; asinfo?: string; fingerprint: string },
  ): ChangeOutcome {
    return this.change(cusid, reqsn, (txn, at) => finishSegment(txn, { ...input, at }));
  }

  cancel(
    cusid: string,
    reqsn: string,
    input: { feeCancel: number; fingerprint: string },
  ): ChangeOutcome {
    return this.change(cusid, reqsn, (txn, at) => cancelSegment(txn, { ...input, at }));
  }

  /** The payer pays at the cashier; the notification is queued when this changed the state. */
  payerPays(cusid: string, reqsn: string, couponFen: number): ChangeOutcome {
    // One SQLite transaction: a crash cannot leave a payment without its notification.
    return this.deps.store.transaction(() => {
      const outcome = this.change(cusid, reqsn, (txn, at) =>
        payerPays(
          txn,
          at,
          couponFen > 0
            ? { couponId: `CP${txn.trxid}`, couponName: '通联停车券', couponFee: couponFen }
            : undefined,
        ),
      );
      if (outcome.kind === 'done' && outcome.changed) {
        this.deps.notifier.enqueue(outcome.txn, 'payment');
      }
      return outcome;
    });
  }

  payerCancels(cusid: string, reqsn: string): ChangeOutcome {
    return this.change(cusid, reqsn, (txn, at) => payerCancels(txn, at));
  }

  markRefused(cusid: string, reqsn: string): ChangeOutcome {
    return this.change(cusid, reqsn, (txn, at) => markRefused(txn, at));
  }

  /** Settlement at endTime and expiry of unpaid orders (protocol note 6); returns what changed. */
  settleDue(): Txn[] {
    const { store, clock } = this.deps;
    const now = clock.now();
    const settled: Txn[] = [];
    for (const due of store.dueTxns(now)) {
      const outcome = this.change(due.cusid, due.reqsn, (txn) =>
        settleDue(txn, now, this.deps.payExpiryMs),
      );
      if (outcome.kind === 'done' && outcome.changed) {
        settled.push(outcome.txn);
        const last = outcome.txn.segments.at(-1);
        this.deps.log(
          outcome.txn.state === 'unpaid'
            ? `expire ${due.cusid}/${due.reqsn}: never paid (3088)`
            : `settle ${due.cusid}/${due.reqsn}: road ${outcome.txn.road}, charged ${last?.charged}, returned ${last?.returned}`,
        );
      }
    }
    return settled;
  }

  /** Read, apply a rule, compare-and-set; retried if the version moved in between. */
  private change(
    cusid: string,
    reqsn: string,
    rule: (txn: Txn, at: number) => LedgerResult,
  ): ChangeOutcome {
    const { store, clock, payExpiryMs } = this.deps;
    for (let i = 0; i < CAS_RETRIES; i++) {
      const txn = store.getTxn(cusid, reqsn);
      if (!txn) return { kind: 'not-found' };
      const result = rule(txn, clock.now());
      if (!result.ok)
        return { kind: 'refused', txn, trxstatus: result.trxstatus, errmsg: result.errmsg };
      if (!result.changed) return { kind: 'done', txn, changed: false };
      if (store.updateTxn(result.txn, txn.version, dueAt(result.txn, payExpiryMs))) {
        return { kind: 'done', txn: result.txn, changed: true };
      }
    }
    throw new Error(`transaction ${cusid}/${reqsn} keeps changing; giving up`);
  }
}
