import { COLLECTIONS } from '../../../server/store/collections';
import type { BackendStack } from './stack';

/**
 * The database round trips of /notify (issue 15): the applied delivery of `reqsn` posted again
 * `times` times, each repeat's cost in requests, and each answered `success`.
 */
export async function repeatCosts(stack: BackendStack, reqsn: string, times = 3) {
  const [stored] = stack.docs<{ body: string }>(COLLECTIONS.notifications, {
    reqsn,
    verdict: 'applied',
  });
  if (!stored) throw new Error(`no applied notification of ${reqsn}`);
  const costs: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const start = stack.db.requests('notify');
    const res = await fetch(`${stack.hostUrl}/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: stored.body,
    });
    if ((await res.text()) !== 'success') throw new Error('a repeat was not acknowledged');
    costs.push(stack.db.requests('notify') - start);
  }
  return costs;
}
