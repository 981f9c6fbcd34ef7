import type { Lot } from '../../../core/parking/lot';
import { settleFrom } from '../../../core/parking/lot';
import { type NewSessionInput, newSession } from '../../../core/parking/session';
import type { Tariff } from '../../../core/parking/tariff';
import { AppError } from '../../api-kit/app-error';
import type { SessionDoc } from '../../cloud/session-doc';
import { fromRefusal } from '../app-errors';
import type { ParkingDeps } from '../deps';
import { newCallId, newSessionId } from '../ids';
import { acquireSessionLock, plateLockKey, releaseSessionLock, spotLockKey } from '../locks';
import { insertSession, readSessionDoc } from '../session-store';
import { attachWaitingDiscounts } from '../../merchant/give';

export interface CreateInput {
  lot: Lot;
  tariff: Tariff;
  flow: NewSessionInput['flow'];
  plate: string;
  openid?: string;
  gateId?: string;
  spotId?: string;
  /** A pass or whitelist car (exit_pay at a gate): charged nothing. */
  privilege?: NewSessionInput['privilege'];
  /** Opened at an exit with no entry record: owes this fixed fee (Lot.noEntryFee). */
  noEntryFee?: number;
  now: number;
}

export type Created =
  | { created: true; doc: SessionDoc }
  /** Another live session holds the plate (or the spot): it is returned, nothing was created. */
  | { created: false; holder: SessionDoc | undefined; lock: 'plate' | 'spot' };

/**
 * A new session: locks (a spot, then the plate in the lot), the record with its prepay call
 * recorded before it is sent (protocol note 4), and the backend's fields beside it.
 */
export async function createSession(deps: ParkingDeps, input: CreateInput): Promise<Created> {
  const { lot, now } = input;
  const id = newSessionId(now, deps.random);
  const prepays = input.flow !== 'exit_pay';
  const built = newSession({
    id,
    lot,
    tariff: input.tariff,
    flow: input.flow,
    plate: input.plate,
    at: now,
    ...(input.openid !== undefined && { openid: input.openid }),
    ...(input.gateId !== undefined && { gateId: input.gateId }),
    ...(input.spotId !== undefined && { spotId: input.spotId }),
    ...(input.privilege !== undefined && { privilege: input.privilege }),
    ...(input.noEntryFee !== undefined && { noEntryFee: input.noEntryFee }),
    ...(prepays && { prepayReqsn: newCallId('prepay', now, deps.random) }),
  });
  if (!built.ok) throw fromRefusal(built);
  const session = built.value;

  const taken: string[] = [];
  const release = () => Promise.all(taken.map((key) => releaseSessionLock(deps.db, key, id)));
  const keys: Array<['plate' | 'spot', string]> = [];
  if (input.spotId) keys.push(['spot', spotLockKey(input.spotId)]);
  keys.push(['plate', plateLockKey(lot.id, input.plate)]);
  for (const [lock, key] of keys) {
    const outcome = await acquireSessionLock(deps.db, key, id, now);
    if (!outcome.acquired) {
      await release();
      return { created: false, holder: await readSessionDoc(deps.db, outcome.holder), lock };
    }
    taken.push(key);
  }
  try {
    const doc = await insertSession(deps.db, session, {
      cusid: lot.cusid,
      parkingNo: lot.parkingNo,
      pro: lot.pro,
      staleAt: now + lot.staleSeconds,
      ...(session.endTime !== undefined && { settleAt: settleFrom(lot, session.endTime) }),
    });
    // Discounts a merchant gave this plate today before it came in (issue 14).
    if (await attachWaitingDiscounts(deps, session)) {
      return { created: true, doc: (await readSessionDoc(deps.db, session.id)) ?? doc };
    }
    return { created: true, doc };
  } catch (error) {
    await release();
    throw error;
  }
}

export function insideElsewhere(lock: 'plate' | 'spot'): AppError {
  return lock === 'spot'
    ? new AppError('SPOT_TAKEN', '该泊位已被预订或占用，请选择其他泊位')
    : new AppError('ALREADY_INSIDE', '该车辆已有进行中的停车记录');
}
