import type { SessionDiscount } from '../../core/parking/discount';
import { type Merchant, checkGive } from '../../core/parking/merchant';
import { refuse } from '../../core/parking/result';
import { type Session, chargedForParking } from '../../core/parking/session';
import type { SessionState } from '../../core/parking/session-states';
import { AppError } from '../api-kit/app-error';
import type { Database } from '../cloud/database';
import { type SessionDoc, sessionOf } from '../cloud/session-doc';
import { chinaDateOf } from '../operator/china-dates';
import { fromRefusal } from '../parking/app-errors';
import type { ParkingDeps } from '../parking/deps';
import { findLiveByPlate, readSessionDoc } from '../parking/session-store';
import { COLLECTIONS } from '../store/collections';
import { recordMerchantCosts } from './costs';
import { type DiscountDoc, type DiscountVia, balanceOf, discountId, discounts } from './store';

/**
 * Giving a merchant's discount to a plate (issue 14 Deliver 2). The discount document's insert,
 * `${merchantId}|${sessionId}`, is the one-per-session lock; the discount is then written onto
 * the session by compare-and-set on its version and state, so that a pay computed at the same
 * moment either sees it or is computed again (server/cloud/session-cas.ts).
 *
 * A discount may be given while the stay's fee is still open: the car inside with nothing paid
 * for parking and no pay out (a pay already out was computed without it). A plate not in the lot
 * gets a `waiting` discount, attached at its next entry the same China day.
 */
export const DISCOUNTABLE_STATES: readonly SessionState[] = [
  'open',
  'awaiting_prepay',
  'frozen',
  'booked',
  'arriving',
  'parked',
];

export interface GiveInput {
  merchant: Merchant;
  offerId: string;
  plate: string;
  by: string;
  via: DiscountVia;
  code?: string;
}

export interface GiveOutcome {
  outcome: 'applied' | 'already' | 'waiting';
  discountId: string;
  sessionId?: string;
  plate: string;
  offerLabel: string;
}

function discountable(session: Session) {
  if (!DISCOUNTABLE_STATES.includes(session.state) || chargedForParking(session) > 0) {
    return refuse('NOT_DISCOUNTABLE', '该车辆的停车费已在结算，不能再使用优惠');
  }
  return { ok: true as const };
}

/** The counts the limits need (indexed: merchantId+date, merchantId+plate+date). */
async function counts(
  db: Database,
  merchantId: string,
  plate: string,
  date: string,
  via: DiscountVia,
) {
  const all = discounts(db);
  const [today, plateToday, counterToday] = await Promise.all([
    all.count({ merchantId, date }),
    all.count({ merchantId, plate, date }),
    via === 'counter'
      ? all.count({ merchantId, date, via: 'counter' })
      : Promise.resolve(undefined),
  ]);
  return { today, plateToday, ...(counterToday !== undefined && { staticToday: counterToday }) };
}

export async function giveDiscount(deps: ParkingDeps, input: GiveInput): Promise<GiveOutcome> {
  const { db } = deps;
  const { merchant, plate } = input;
  const now = await deps.clock.now();
  const date = chinaDateOf(now);
  const live = await findLiveByPlate(db, merchant.lotId, plate);
  const id = live ? discountId(merchant.id, live._id) : `${merchant.id}|plate|${plate}|${date}`;
  const existing = await discounts(db).get(id);
  if (existing) return repeat(deps, existing, input, live);

  const c = await counts(db, merchant.id, plate, date, input.via);
  const balance = merchant.billing === 'balance' ? (await balanceOf(db, merchant.id)).balance : 0;
  const checked = checkGive(merchant, input.offerId, { ...c, sessionHasOne: false }, balance);
  if (!checked.ok) throw fromRefusal(checked);
  const offer = checked.value;
  if (live) {
    const ok = discountable(sessionOf(live));
    if (!ok.ok) throw fromRefusal(ok);
  }
  const doc: DiscountDoc = {
    _id: id,
    merchantId: merchant.id,
    merchantName: merchant.name,
    lotId: merchant.lotId,
    ...(live && { sessionId: live._id }),
    plate,
    date,
    offerId: offer.id,
    offerLabel: offer.label,
    discount: offer.discount,
    ...(offer.cap !== undefined && { cap: offer.cap }),
    at: now,
    by: input.by,
    via: input.via,
    ...(input.code !== undefined && { code: input.code }),
    state: live ? 'pending' : 'waiting',
    cost: 0,
    costVersion: 0,
  };
  if ((await discounts(db).insert(doc)) === 'duplicate') {
    const again = await discounts(db).get(id);
    if (!again) throw new AppError('BUSY', '操作过于频繁，请稍后重试');
    return repeat(deps, again, input, live);
  }
  if (!live) return outcome('waiting', doc);
  return attach(deps, doc, live._id, now);
}

const outcome = (o: GiveOutcome['outcome'], d: DiscountDoc): GiveOutcome => ({
  outcome: o,
  discountId: d._id,
  ...(d.sessionId !== undefined && { sessionId: d.sessionId }),
  plate: d.plate,
  offerLabel: d.offerLabel,
});

/**
 * The merchant already gave this stay (or this plate today) a discount: the same giver's repeat
 * (a retry, a double tap, the same QR scanned twice) is a success that finishes the attach; any
 * other second discount of the merchant is refused.
 */
async function repeat(deps: ParkingDeps, doc: DiscountDoc, input: GiveInput, live?: SessionDoc) {
  const same =
    input.via === 'staff' ? doc.via === 'staff' : doc.code !== undefined && doc.code === input.code;
  if (!same) throw new AppError('ALREADY_GIVEN', '本次停车已享受过该商户的优惠');
  if (doc.state === 'waiting' || !live) return outcome('already', doc);
  const done = await attach(deps, doc, live._id, await deps.clock.now());
  return { ...done, outcome: 'already' as const };
}

/** Writes the discount onto the session (compare-and-set); the repeat of a done one succeeds. */
async function attach(
  deps: ParkingDeps,
  doc: DiscountDoc,
  sessionId: string,
  now: number,
): Promise<GiveOutcome> {
  const { db } = deps;
  const entry: SessionDiscount = {
    id: doc._id,
    merchantId: doc.merchantId,
    merchantName: doc.merchantName,
    discount: doc.discount,
    ...(doc.cap !== undefined && { cap: doc.cap }),
    at: doc.at,
  };
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions);
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const current = await readSessionDoc(db, sessionId);
    if (!current) break;
    const session = sessionOf(current);
    if ((session.discounts ?? []).some((d) => d.id === doc._id)) return outcome('applied', doc);
    const ok = discountable(session);
    if (!ok.ok) {
      // The fee was fixed meanwhile: the discount was never used, so it costs nothing.
      await discounts(db).updateWhere({ _id: doc._id, state: 'pending' }, { state: 'returned' });
      throw fromRefusal(ok);
    }
    const next: Session = {
      ...session,
      discounts: [...(session.discounts ?? []), entry],
      version: session.version + 1,
      updatedAt: Math.max(now, session.updatedAt),
    };
    const changed = await sessions.updateWhere(
      { _id: sessionId, version: session.version, state: session.state },
      {
        discounts: db.cmd.set(next.discounts),
        version: db.cmd.set(next.version),
        updatedAt: db.cmd.set(next.updatedAt),
      },
    );
    if (changed === 1) {
      await recordMerchantCosts(db, next);
      return outcome('applied', doc);
    }
  }
  throw new AppError('BUSY', '操作过于频繁，请稍后重试');
}

/**
 * A car that came in: the discounts given to its plate today while it was outside are attached
 * (issue 14 Deliver 2). Called after a session is inserted; never throws.
 */
export async function attachWaitingDiscounts(
  deps: ParkingDeps,
  session: Session,
): Promise<boolean> {
  let attached = false;
  try {
    const waiting = await discounts(deps.db).find(
      { lotId: session.lotId, plate: session.plate, state: 'waiting' },
      { limit: 20 },
    );
    const today = chinaDateOf(session.inTime);
    for (const w of waiting) {
      if (w.date !== today) continue;
      // Moved to the session's own id, so the one-per-session lock holds for it too.
      const moved: DiscountDoc = {
        ...w,
        _id: discountId(w.merchantId, session.id),
        sessionId: session.id,
        state: 'pending',
      };
      if ((await discounts(deps.db).insert(moved)) === 'inserted') {
        await discounts(deps.db).removeWhere({ _id: w._id, state: 'waiting' });
        await attach(deps, moved, session.id, session.inTime).catch(() => undefined);
        attached = true;
      }
    }
  } catch {
    // The waiting discount stays waiting; the merchant may give it again to the live session.
  }
  return attached;
}
