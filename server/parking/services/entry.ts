import { OPEN_CALL_STATUSES, type Session } from '../../../core/parking/session';
import { LIVE_STATES } from '../../../core/parking/session-states';
import { AppError } from '../../api-kit/app-error';
import { type SessionDoc, sessionOf } from '../../cloud/session-doc';
import { parkingErrors } from '../app-errors';
import { resolveOpenCalls, sendRecordedCall } from '../calls/execute';
import type { Lot } from '../../../core/parking/lot';
import { lotIsFull } from '../occupancy';
import { findLiveByPlate, readSessionDoc } from '../session-store';
import type { ParkingDeps } from '../deps';
import { scanAgain } from '../camera/scan-again';
import { requireGate, requireLotWithTariff, requireSpot } from '../places';
import { type PlateChoice, rememberPlate, resolveDriverPlate } from '../plates';
import { sessionView } from '../views';
import { createSession, insideElsewhere, type CreateInput } from './create-session';
import type { StartOutcome } from '../../contract/driver-views';
import { openPaymentOf } from './payment-sheet';
import { closeIfLeftUnseen } from './supersede';
import { laneEntryVerdict } from '../../passes/lane';
import { arrearsOwedAt, totalDue } from '../../arrears/owed';
import { formatFen } from '../../../core/money/format';

/**
 * Starting a session from the mini-program: an entry prepay at a gated lot's entry gate, a
 * roadside booking of a spot (both freeze by prepay, protocol note 6), or a check-in at a gated
 * lot without entry prepay (the fee is then paid at the exit).
 */
export type { StartOutcome };

async function withPayment(
  deps: ParkingDeps,
  session: Session,
  created: boolean,
): Promise<StartOutcome> {
  const payment = await openPaymentOf(deps, session);
  return { session: sessionView(session), created, ...(payment && { payment }) };
}

function failureOf(session: Session): AppError | undefined {
  const prepay = session.calls.find((c) => c.kind === 'prepay');
  if (prepay?.status !== 'failed' && prepay?.status !== 'abandoned') return undefined;
  return new AppError('PAYMENT_NOT_STARTED', '发起预付失败，请稍后重试', {
    code: prepay.error?.code ?? prepay.status,
    sessionId: session.id,
  });
}

function ownAwaitingTry(
  holder: SessionDoc,
  openid: string,
  input: Omit<CreateInput, 'now' | 'openid'>,
): boolean {
  return (
    holder.openid === openid &&
    holder.lotId === input.lot.id &&
    sessionOf(holder).calls.some(
      (c) => (c.kind === 'pay' || c.kind === 'prepay') && OPEN_CALL_STATUSES.includes(c.status),
    )
  );
}

function isLive(doc: SessionDoc): boolean {
  return (LIVE_STATES as readonly string[]).includes(doc.state);
}

async function start(
  deps: ParkingDeps,
  openid: string,
  input: Omit<CreateInput, 'now' | 'openid'>,
  derived: boolean,
): Promise<StartOutcome> {
  const now = await deps.clock.now();
  let created = await createSession(deps, { ...input, openid, now });
  // The plate's old session, paid or long open, is a car that left unseen: closed as 未记录出场
  // (flagged), and the new visit starts, never merged into it.
  // Only the driver's own session: nobody closes another's by typing its plate.
  if (
    !created.created &&
    created.lock === 'plate' &&
    created.holder?.openid === openid &&
    created.holder.lotId === input.lot.id
  ) {
    if (await closeIfLeftUnseen(deps, created.holder, now, openid)) {
      created = await createSession(deps, { ...input, openid, now });
    }
  }
  // The driver's own try that is still waiting for its payment: the platform may already know it
  // was cancelled at the cashier (the app closed before it could confirm). Asked first, so a
  // cancelled try ends as 未完成支付 and this tap starts a new, payable one instead of reopening a
  // sheet nobody can pay any more.
  if (!created.created && created.holder && ownAwaitingTry(created.holder, openid, input)) {
    const resolved = await resolveOpenCalls(deps, created.holder.id);
    if (resolved && !isLive(resolved)) {
      created = await createSession(deps, { ...input, openid, now });
    }
  }
  if (!created.created) {
    const holder = created.holder;
    // A second tap of the same driver: the same session, the same payment sheet.
    if (holder && holder.openid === openid && holder.lotId === input.lot.id) {
      const held = sessionOf(holder);
      const sameKind =
        held.flow === input.flow && (input.spotId === undefined || held.spotId === input.spotId);
      if (sameKind) return withPayment(deps, held, false);
    }
    throw insideElsewhere(created.lock);
  }
  if (!derived) await rememberPlate(deps.db, openid, input.plate, now);
  let doc: SessionDoc = created.doc;
  const prepay = doc.calls.find((c) => c.kind === 'prepay');
  if (prepay) doc = await sendRecordedCall(deps, doc, prepay.id);
  const session = sessionOf(doc);
  const failure = failureOf(session);
  if (failure) throw failure;
  return withPayment(deps, session, true);
}

/**
 * The lane's rule at an entry from the phone, as at the gate and the camera (server/passes/lane.ts):
 * a blacklisted plate is refused with its reason; a pass or whitelist car gets its privilege (the
 * session owes nothing). A plate derived for a car without one is on no list and no pass.
 */
async function laneRule(
  deps: ParkingDeps,
  lotId: string,
  plate: string,
): Promise<CreateInput['privilege'] | undefined> {
  const verdict = await laneEntryVerdict(deps.db, lotId, plate, await deps.clock.now());
  if (verdict.kind === 'refuse') {
    throw new AppError('ENTRY_REFUSED', verdict.text, { reason: verdict.reason });
  }
  return verdict.kind === 'free' ? verdict.privilege : undefined;
}

/**
 * A full lot (Lot.capacity) lets no new car in from the phone either, as its camera says
 * 车位已满: refused before anything is created or frozen. A plate with a live session here (a
 * second tap, a car already inside) is not a new car.
 */
async function refuseWhenFull(deps: ParkingDeps, lot: Lot, plate: string): Promise<void> {
  if (!(await lotIsFull(deps, lot))) return;
  if (await findLiveByPlate(deps.db, lot.id, plate)) return;
  throw new AppError('LOT_FULL', '车位已满，请稍后再来或联系停车场');
}

export async function startEntryPrepay(
  deps: ParkingDeps,
  openid: string,
  input: { gateId: string } & PlateChoice,
): Promise<StartOutcome> {
  const gate = await requireGate(deps.db, input.gateId);
  if (gate.kind !== 'entry') throw new AppError('NOT_AN_ENTRY', '请扫描入口的二维码');
  const { lot, tariff } = await requireLotWithTariff(deps.db, gate.lotId);
  if (!lot.entryPrepay) throw new AppError('FLOW_NOT_OFFERED', '该停车场不支持入场预付');
  if (!deps.platform.has(lot.cusid)) throw parkingErrors.merchantMissing();
  const { plate, derived } = resolveDriverPlate(input, lot, openid);
  const privilege = derived ? undefined : await laneRule(deps, lot.id, plate);
  await refuseWhenFull(deps, lot, plate);
  // A pass or whitelist car freezes nothing: it checks in, charged nothing at the exit.
  const flow = privilege ? 'exit_pay' : 'entry_prepay';
  return start(
    deps,
    openid,
    { lot, tariff, flow, plate, gateId: gate.id, ...(privilege && { privilege }) },
    derived,
  );
}

export async function checkIn(
  deps: ParkingDeps,
  openid: string,
  input: { gateId: string } & PlateChoice,
): Promise<StartOutcome> {
  const gate = await requireGate(deps.db, input.gateId);
  if (gate.kind !== 'entry') throw new AppError('NOT_AN_ENTRY', '请扫描入口的二维码');
  const { lot, tariff } = await requireLotWithTariff(deps.db, gate.lotId);
  if (lot.entryPrepay) throw new AppError('PREPAY_REQUIRED', '该停车场需入场预付');
  const { plate, derived } = resolveDriverPlate(input, lot, openid);
  const privilege = derived ? undefined : await laneRule(deps, lot.id, plate);
  await refuseWhenFull(deps, lot, plate);
  const outcome = await start(
    deps,
    openid,
    { lot, tariff, flow: 'exit_pay', plate, gateId: gate.id, ...(privilege && { privilege }) },
    derived,
  );
  if (!outcome.created) {
    // Scanned again at the entry its scan let it in by: the barrier did not rise, ask again.
    const doc = await readSessionDoc(deps.db, outcome.session.id);
    if (doc) await scanAgain(deps, gate, sessionOf(doc), await deps.clock.now());
  }
  return outcome;
}

/** A lot whose policy is `require` books no spot for a plate owing it arrears (Lot.arrearsPolicy). */
async function refuseWhileOwing(deps: ParkingDeps, lot: Lot, plate: string): Promise<void> {
  if (lot.arrearsPolicy !== 'require') return;
  const owed = await arrearsOwedAt(deps.db, lot, plate);
  if (owed.length === 0) return;
  const total = totalDue(owed);
  throw new AppError(
    'ARREARS_UNPAID',
    `该车牌有 ${owed.length} 笔未缴停车欠费，共 ${formatFen(total)}，请先缴清再预订`,
    { count: owed.length, total },
  );
}

export async function bookSpot(
  deps: ParkingDeps,
  openid: string,
  input: { spotId: string } & PlateChoice,
): Promise<StartOutcome> {
  const spot = await requireSpot(deps.db, input.spotId);
  const { lot, tariff } = await requireLotWithTariff(deps.db, spot.lotId);
  if (lot.kind !== 'roadside') throw new AppError('FLOW_NOT_OFFERED', '该停车场不支持预订泊位');
  if (!deps.platform.has(lot.cusid)) throw parkingErrors.merchantMissing();
  const { plate, derived } = resolveDriverPlate(input, lot, openid);
  await refuseWhileOwing(deps, lot, plate);
  return start(
    deps,
    openid,
    { lot, tariff, flow: 'roadside_booking', plate, spotId: spot.id },
    derived,
  );
}
