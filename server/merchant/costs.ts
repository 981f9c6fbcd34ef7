import { discountCosts } from '../../core/parking/merchant-cost';
import type { Session } from '../../core/parking/session';
import type { Database } from '../cloud/database';
import { discounts } from './store';

/**
 * After each applied compare-and-set of a session (server/cloud/session-cas.ts), SETs what each
 * of its merchant discounts costs (core/parking/merchant-cost.ts): recomputed from the session,
 * never incremented, guarded by the session's version so an older write never replaces a newer.
 * A merchant's balance is top-ups minus these costs, so each stay is charged exactly once and a
 * cancelled one gives it back. Never throws: the session's own write has succeeded.
 */
export async function recordMerchantCosts(db: Database, session: Session): Promise<void> {
  for (const c of discountCosts(session)) {
    try {
      await discounts(db).updateWhere(
        { _id: c.id, costVersion: db.cmd.lte(session.version) },
        {
          cost: db.cmd.set(c.cost),
          state: db.cmd.set(c.state),
          costVersion: db.cmd.set(session.version),
        },
      );
    } catch {
      // Written again by the next change of the session (or by the merchant views' refresh).
    }
  }
}
