import { refuse } from '../../../core/parking/result';
import { type PlatformCall, type Session, findCall } from '../../../core/parking/session';
import type { AllinpayResult } from '../../allinpay-client';
import { applySessionEvent } from '../../cloud/session-cas';
import type { SessionDoc } from '../../cloud/session-doc';
import type { ParkingDeps } from '../deps';
import { readSessionDoc } from '../session-store';
import { verdictFromQuery } from './query-verdict';

/**
 * A pay whose success came by notification has no coupons on record: the notification carries
 * no couponList, only query answers do (protocol notes 7, 9). Before a receipt is shown, each such
 * pay is queried once and its coupons recorded by compare-and-set (0 when it used none, so it is
 * known and not asked again). A query that fails leaves it unknown: the next receipt asks again.
 */
export function payCouponsUnknown(session: Session): PlatformCall[] {
  return session.calls.filter(
    (c) => c.kind === 'pay' && c.status === 'succeeded' && c.coupons === undefined,
  );
}

/** Returns the session doc as it ends (the one given when nothing was learnt). */
export async function learnPayCoupons(deps: ParkingDeps, doc: SessionDoc): Promise<SessionDoc> {
  let latest = doc;
  for (const call of payCouponsUnknown(doc)) {
    let result: AllinpayResult;
    try {
      result = (await deps.platform
        .client(doc.cusid)
        .query({ reqsn: call.reqsn })) as AllinpayResult;
    } catch (error) {
      deps.log.warn('coupons query failed', {
        sessionId: doc.id,
        callId: call.id,
        error: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    const now = await deps.clock.now();
    const applied = await applySessionEvent(deps.db, doc.id, (current) => {
      const paid = findCall(current, call.id);
      if (!paid || paid.status !== 'succeeded' || paid.coupons !== undefined) {
        return refuse('NO_CHANGE', 'coupons already known');
      }
      const verdict = verdictFromQuery(current, paid, result, {
        now,
        hasPaySheet: true,
        senderDone: true,
      });
      // Only a success of the same amount tells the coupons; anything else is the reconciler's.
      return verdict?.type === 'payment_succeeded' && verdict.coupons !== undefined
        ? verdict
        : refuse('NO_CHANGE', `query ${result.trxstatus}: coupons not learnt`);
    });
    if (applied.ok) {
      latest = applied.doc;
      continue;
    }
    // Someone else may have recorded them meanwhile: answer from what is stored now.
    latest = (await readSessionDoc(deps.db, doc.id)) ?? latest;
    if (applied.code !== 'NO_CHANGE') {
      deps.log.warn('coupons not recorded', {
        sessionId: doc.id,
        callId: call.id,
        code: applied.code,
      });
    }
  }
  return latest;
}
