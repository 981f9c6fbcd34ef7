import {
  type ListEntry,
  type Pass,
  type PassPlan,
  type PassTerms,
  passPlanSchema,
  passSchema,
} from '../../core/passes';
import type { Database } from '../cloud/database';
import type { PayOrderBase } from '../pay-orders/orders';
import { COLLECTIONS } from '../store/collections';

/** Reads and writes of the pass and list collections (server/store/collections.ts). */

export type PassPlanDoc = PassPlan & { _id: string };
/** `remindAt`: when the expiry reminder is due (removed once sent). */
export type PassDoc = Pass & { _id: string; remindAt?: number };
export type ListEntryDoc = ListEntry & { _id: string };
export interface PassPlateDoc {
  _id: string;
  lotId: string;
  plate: string;
  passId: string;
}

export type PassOrderStatus = PayOrderBase['status'];

/**
 * A pass payment (a `pay` of the platform, `_id` = its reqsn; server/pay-orders) or an operator's
 * issue (`_id` = an operation id, status `issued`). Paid or issued, it is applied to its pass once.
 */
export interface PassOrderDoc extends PayOrderBase {
  passId: string;
  kind: 'buy' | 'renew' | 'issue';
  plates: string[];
  terms: PassTerms;
  /** The pass's end date once this order was applied. */
  endAt?: number;
  /** An operator's issue: who and why. */
  by?: string;
  reason?: string;
}

export const passPlans = (db: Database) => db.collection<PassPlanDoc>(COLLECTIONS.passPlans);
export const passes = (db: Database) => db.collection<PassDoc>(COLLECTIONS.passes);
export const passPlates = (db: Database) => db.collection<PassPlateDoc>(COLLECTIONS.passPlates);
export const passOrders = (db: Database) => db.collection<PassOrderDoc>(COLLECTIONS.passOrders);
export const plateLists = (db: Database) => db.collection<ListEntryDoc>(COLLECTIONS.plateLists);

export const passPlateId = (lotId: string, plate: string) => `${lotId}:${plate}`;

/** A stored plan, parsed (a malformed record is no plan). */
export async function loadPlan(db: Database, planId: string): Promise<PassPlan | undefined> {
  const doc = await passPlans(db).get(planId);
  if (!doc) return undefined;
  const parsed = passPlanSchema.safeParse(doc);
  return parsed.success ? parsed.data : undefined;
}

export async function loadPass(db: Database, passId: string): Promise<Pass | undefined> {
  const doc = await passes(db).get(passId);
  if (!doc) return undefined;
  const parsed = passSchema.safeParse(doc);
  return parsed.success ? parsed.data : undefined;
}

/** The pass a plate is on in a lot, if any. */
export async function passOfPlate(
  db: Database,
  lotId: string,
  plate: string,
): Promise<Pass | undefined> {
  const link = await passPlates(db).get(passPlateId(lotId, plate));
  if (!link) return undefined;
  const pass = await loadPass(db, link.passId);
  return pass && pass.lotId === lotId && pass.plates.includes(plate) ? pass : undefined;
}
