// Reconciliation with the platform (timer trigger, every minute).
import { createReconcileMain } from '../../server/parking/reconcile/main';

export const main = createReconcileMain();
