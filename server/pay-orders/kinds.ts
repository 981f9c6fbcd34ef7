import type { Notification } from '../../core/allinpay/responses';
import { reqsnKindOf } from '../../core/parking/reqsn';
import { arrearsOrderKind } from '../arrears/orders';
import type { Database } from '../cloud/database';
import type { ReconcileRun } from '../parking/reconcile/run';
import { passOrderKind } from '../passes/apply-order';
import { type PayOrderNotifyVerdict, applyPayOrderNotification } from './notify';
import { queryOpenPayOrders } from './reconcile';

/** The kinds of pay orders there are: pass payments (server/passes), arrears (server/arrears). */

/**
 * The kind a reqsn names by its letter (core/parking/reqsn.ts: `K` a pass sale, `A` arrears):
 * its order is read straight away, no session looked for. undefined for any other reqsn — a
 * session's call, or an order minted before the letters (`P`, as a session's pay).
 */
export function payOrderKindOf(reqsn: string | undefined) {
  const kind = reqsn ? reqsnKindOf(reqsn) : undefined;
  if (kind === 'passPay') return passOrderKind;
  if (kind === 'arrearsPay') return arrearsOrderKind;
  return undefined;
}

/**
 * A notification whose reqsn is a pay order's: a pass or arrears order's, or undefined. Its own
 * kind only when the reqsn names one; else (an order older than the letters) each kind in turn.
 * `beforeWrite` runs once before anything is written (notify.ts).
 */
export async function applyNotificationToPayOrder(
  db: Database,
  n: Notification,
  now: number,
  beforeWrite?: () => Promise<void>,
): Promise<PayOrderNotifyVerdict | undefined> {
  const named = payOrderKindOf(n.reqsn);
  if (named === passOrderKind)
    return applyPayOrderNotification(passOrderKind, db, n, now, beforeWrite);
  if (named === arrearsOrderKind) {
    return applyPayOrderNotification(arrearsOrderKind, db, n, now, beforeWrite);
  }
  return (
    (await applyPayOrderNotification(passOrderKind, db, n, now, beforeWrite)) ??
    (await applyPayOrderNotification(arrearsOrderKind, db, n, now, beforeWrite))
  );
}

/** Reconcile's step: every open pass and arrears order is asked about (reconcile.ts). */
export async function queryOpenOrders(
  run: Pick<ReconcileRun, 'deps' | 'now' | 'batch' | 'report'>,
) {
  await queryOpenPayOrders(passOrderKind, run);
  await queryOpenPayOrders(arrearsOrderKind, run);
}
