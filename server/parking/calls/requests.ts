import { computeSplit, formatAsinfo, type SplitRules } from '../../../core/parking/asinfo';
import type { PlatformCall, Session } from '../../../core/parking/session';
import { splitPlate } from '../../../core/plate/split';
import type { CancelInput, FinishInput, PayInput, PrepayInput } from '../../allinpay-client';
import type { SessionDocExtras } from '../../cloud/session-doc';

/**
 * The platform request of a recorded call (pure). Finish and cancel send the prepay's reqsn
 * (spec); a split (`asinfo`, protocol note 10) goes only with what is actually charged — a pay
 * or a finish — never with a prepay, because split-out money cannot be returned (note 8).
 */
export type CallRequest =
  | { endpoint: 'pay'; input: PayInput }
  | { endpoint: 'prepay'; input: PrepayInput }
  | { endpoint: 'finish'; input: FinishInput }
  | { endpoint: 'cancel'; input: CancelInput };

export interface RequestContext {
  session: Pick<Session, 'plate' | 'openid' | 'inTime' | 'endTime' | 'policy'>;
  identity: Pick<SessionDocExtras, 'parkingNo' | 'pro'>;
  split: SplitRules;
  now: number;
}

function asinfoFor(split: SplitRules, amount: number): string | undefined {
  return formatAsinfo(computeSplit(split, amount)) || undefined;
}

export function buildCallRequest(call: PlatformCall, ctx: RequestContext): CallRequest {
  const { session, identity, now } = ctx;
  // protocol note 14: LPR without the province character, LPRpro its code
  const { LPR, LPRpro } = splitPlate(session.plate);
  const place = { pro: identity.pro, parkingNo: identity.parkingNo, LPR, LPRpro };
  const openid = session.openid ? { openid: session.openid } : {};
  switch (call.kind) {
    case 'pay': {
      const asinfo = asinfoFor(ctx.split, call.amount);
      return {
        endpoint: 'pay',
        input: {
          ...place,
          payTime: now,
          reqsn: call.reqsn,
          fee: call.amount,
          ...(asinfo && { asinfo }),
          ...openid,
        },
      };
    }
    case 'prepay':
      return {
        endpoint: 'prepay',
        input: {
          ...place,
          inTime: session.inTime,
          endTime: session.endTime ?? session.inTime,
          reqsn: call.reqsn,
          fee: call.amount,
          road: String(session.policy.road),
          ...openid,
        },
      };
    case 'finish': {
      const asinfo = asinfoFor(ctx.split, call.amount);
      return {
        endpoint: 'finish',
        input: {
          outTime: now,
          reqsn: call.reqsn,
          feeFinish: call.amount,
          feeType: String(call.feeType ?? 9),
          ...(asinfo && { asinfo }),
        },
      };
    }
    case 'cancel':
      return {
        endpoint: 'cancel',
        input: { cancelTime: now, reqsn: call.reqsn, feeCancel: call.amount },
      };
  }
}
