import type { Session } from '../../core/parking/session';
import type { AllinpayResult } from '../allinpay-client';
import type { PlatformAnswer } from '../contract/operator-views';
import type { ParkingDeps } from '../parking/deps';

/**
 * A live look at the platform's record of a session's orders: one query per pay or prepay reqsn
 * (finish and cancel use the prepay's, so its query carries their running totals, protocol
 * notes 7 and 9). Read only: reconcile and the session actions apply what an answer means.
 */
export const MAX_QUERIES_PER_SESSION = 10;

export type { PlatformAnswer };

export function orderReqsns(session: Session): Array<{ reqsn: string; kind: 'pay' | 'prepay' }> {
  const seen = new Map<string, 'pay' | 'prepay'>();
  for (const c of session.calls) {
    if ((c.kind === 'pay' || c.kind === 'prepay') && !seen.has(c.reqsn)) seen.set(c.reqsn, c.kind);
  }
  return [...seen].slice(0, MAX_QUERIES_PER_SESSION).map(([reqsn, kind]) => ({ reqsn, kind }));
}

export async function queryOrders(
  deps: ParkingDeps,
  cusid: string,
  session: Session,
): Promise<PlatformAnswer[]> {
  const answers: PlatformAnswer[] = [];
  for (const { reqsn, kind } of orderReqsns(session)) {
    answers.push(await queryOrder(deps, cusid, reqsn, kind, session.id));
  }
  return answers;
}

/** One order's query (`of`: the session or arrears it belongs to, for the log). */
export async function queryOrder(
  deps: ParkingDeps,
  cusid: string,
  reqsn: string,
  kind: 'pay' | 'prepay',
  of: string,
): Promise<PlatformAnswer> {
  if (!deps.platform.has(cusid)) {
    return { reqsn, kind, ok: false, error: '该停车场的商户未配置，无法查询' };
  }
  try {
    const r = (await deps.platform.client(cusid).query({ reqsn })) as AllinpayResult;
    return {
      reqsn,
      kind,
      ok: true,
      trxstatus: r.trxstatus,
      outcome: r.outcome,
      description: r.description,
      ...(r.errmsg !== undefined && { errmsg: r.errmsg }),
      ...(r.fintime !== undefined && { fintime: r.fintime }),
      ...(r.trxid !== undefined && { trxid: r.trxid }),
      totals: {
        fee: r.totals.fee ?? 0,
        feeFinish: r.totals.feeFinish ?? 0,
        feeBack: r.totals.feeBack ?? 0,
        feeAIP: r.totals.feeAIP ?? 0,
      },
    };
  } catch (error) {
    deps.log.warn('operator query failed', {
      sessionId: of,
      reqsn,
      error: error instanceof Error ? error.message : String(error),
    });
    return { reqsn, kind, ok: false, error: '平台查询失败，请稍后重试' };
  }
}
