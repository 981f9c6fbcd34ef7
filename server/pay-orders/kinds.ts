import type { Notification } from '../../core/allinpay/responses';
import { arrearsOrderKind } from '../arrears/orders';
import type { Database } from '../cloud/database';
import type { ReconcileRun } from '../parking/reconcile/run';
import { passOrderKind } from '../passes/apply-order';
import { type PayOrderNotifyVerdict, applyPayOrderNotification } from './notify';
import { queryOpenPayOrders } from './reconcile';

/** The kinds of pay orders there are: pass payments (server/passes), arrears (server/arrears). */

/** A notification whose reqsn is no session's: a pass or arrears order's, or undefined. */
export async function applyNotificationToPayOrder(
  db: Database,
  n: Notification,
  now: number,
): Promise<PayOrderNotifyVerdict | undefined> {
  return (
    (await applyPayOrderNotification(passOrderKind, db, n, now)) ??
    (await applyPayOrderNotification(arrearsOrderKind, db, n, now))
  );
}

/** Reconcile's step: every open pass and arrears order is asked about (reconcile.ts). */
export async function queryOpenOrders(
  run: Pick<ReconcileRun, 'deps' | 'now' | 'batch' | 'report'>,
) {
  await queryOpenPayOrders(passOrderKind, run);
  await queryOpenPayOrders(arrearsOrderKind, run);
}
