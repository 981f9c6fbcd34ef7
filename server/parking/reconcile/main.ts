import { cloudDatabase } from '../../cloud/sdk';
import { ConfigError } from '../../config/function-config';
import { type ParkingDeps, parkingDepsFromEnv } from '../deps';
import type { ReconcileReport } from './run';
import { runReconcile } from './run-reconcile';

/** The `reconcile` cloud function (timer trigger, every minute). */
export function createReconcileMain(
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<ReconcileReport | { error: string }> {
  let deps: ParkingDeps | undefined;
  return async () => {
    try {
      deps ??= parkingDepsFromEnv(env, cloudDatabase());
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : String(error);
      console.error(JSON.stringify({ level: 'error', message: 'configuration', error: message }));
      return { error: 'CONFIG_INVALID' };
    }
    const budget = Number(env.RECONCILE_BUDGET_MS);
    return runReconcile(deps, {
      ...(Number.isSafeInteger(budget) && budget > 0 && { budgetMs: budget }),
    });
  };
}
