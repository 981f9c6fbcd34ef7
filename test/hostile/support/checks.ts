import type { BackendStack } from '../../backend/support/stack';
import { databaseSnapshot, settledDatabaseSnapshot } from '../../../devstack/stack-client';

/**
 * What the hostile tests compare before and after: every document of every collection (less the
 * ones named, which a refused call writes on purpose, e.g. the raw deliveries kept for audit) and
 * the sandbox's books (orders, totals, deliveries).
 */
export function snapshot(stack: BackendStack, except: readonly string[] = []): string {
  return databaseSnapshot(stack.db.engine, except);
}

/** The snapshot to compare against, taken once the writes of earlier steps have all landed. */
export function settledSnapshot(
  stack: BackendStack,
  except: readonly string[] = [],
): Promise<string> {
  return settledDatabaseSnapshot(stack.db.engine, except);
}

export async function ledger(stack: BackendStack): Promise<string> {
  const [transactions, totals, notifications] = await Promise.all([
    stack.sandboxCall('GET', '/_sandbox/transactions?limit=1000'),
    stack.sandboxCall('GET', '/_sandbox/totals'),
    stack.sandboxCall('GET', '/_sandbox/notifications?limit=1000'),
  ]);
  for (const reply of [transactions, totals, notifications]) {
    if (reply.status !== 200) throw new Error(`sandbox: HTTP ${reply.status}`);
  }
  return JSON.stringify([transactions.json, totals.json, notifications.json]);
}

/** The function host still answers, and a plain call of each function still works. */
export async function hostAlive(stack: BackendStack): Promise<void> {
  const res = await fetch(`${stack.hostUrl}/health`);
  if (res.status !== 200) throw new Error(`function host health: HTTP ${res.status}`);
}

/** Runs `jobs` with at most `limit` at a time, in order of start. */
export async function inBatches<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next;
      next += 1;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** A stable seed per name, so that each route gets its own, repeatable sample. */
export function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}
