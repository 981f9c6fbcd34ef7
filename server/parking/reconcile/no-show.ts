import { refuse } from '../../../core/parking/result';
import { frozenLeft } from '../../../core/parking/session';
import { noShowCharge } from '../../../core/parking/tariff';
import type { EventFactory } from '../../cloud/session-cas';
import { recordAndSend } from '../calls/execute';
import type { ParkingDeps } from '../deps';
import { newCallId } from '../ids';

/** A booking's hold is over: take the no-show charge (finish feeType=9) or return it all. */
export async function noShow(deps: ParkingDeps, sessionId: string, now: number): Promise<void> {
  const make: EventFactory = (session) => {
    const left = frozenLeft(session);
    if (left === 0) return refuse('NOTHING_FROZEN', '没有冻结中的预付金额');
    const charge = noShowCharge(session.tariff, left);
    const callId = newCallId('op', now, deps.random);
    return charge > 0
      ? {
          type: 'no_show_requested',
          at: now,
          by: 'reconcile',
          callId,
          call: 'finish',
          amount: charge,
        }
      : {
          type: 'no_show_requested',
          at: now,
          by: 'reconcile',
          callId,
          call: 'cancel',
          amount: left,
        };
  };
  await recordAndSend(deps, sessionId, make);
}
